from django.core.management.base import BaseCommand

from smartdistrict.feedback.services.overdue import reports_mark_overdue


class Command(BaseCommand):
    help = (
        "Mark open reports past their due time and notify their desk "
        "(the Huey job does this every 10 minutes)."
    )

    def handle(self, *args, **options):
        self.stdout.write(f"marked overdue: {reports_mark_overdue()}")
