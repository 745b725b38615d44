from django.core.management.base import BaseCommand

from smartdistrict.demo.data import DEMO_PASSWORD, demo_accounts


class Command(BaseCommand):
    help = ("Print the demo accounts (one per role) and their password: `make demo` ends its "
            "start-up with them, so they do not scroll away under the other seeds' output.")

    def handle(self, *args, **options):
        accounts = demo_accounts()
        if not accounts:
            self.stdout.write("No demo account: run `smartdistrict seed_demo` first.")
            return
        self.stdout.write(f"Demo accounts (password for all: {DEMO_PASSWORD}):")
        for account in accounts:
            self.stdout.write(f"  {account.username:<20} {account.role:<20} {account.scope}")
