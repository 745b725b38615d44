from django.core.management.base import BaseCommand

from smartdistrict.demo.data import DEMO_PASSWORD, seed_demo


class Command(BaseCommand):
    help = "Load Bình Thạnh's geography, departments and one demo account per role."

    def handle(self, *args, **options):
        accounts = seed_demo()
        self.stdout.write(f"Demo accounts (password for all: {DEMO_PASSWORD}):")
        for account in accounts:
            self.stdout.write(f"  {account.username:<20} {account.role:<20} {account.scope}")
