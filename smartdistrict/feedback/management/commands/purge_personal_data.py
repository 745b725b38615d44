from django.conf import settings
from django.core.management.base import BaseCommand

from smartdistrict.feedback.services.privacy import personal_data_due, personal_data_purge


class Command(BaseCommand):
    help = (
        "Anonymise the reporters' contact details of closed reports older than the retention "
        "period. A dry run that only counts, unless --commit is given."
    )

    def add_arguments(self, parser):
        parser.add_argument("--months", type=int, default=None,
                            help="retention in months (default PERSONAL_DATA_RETENTION_MONTHS)")
        parser.add_argument("--commit", action="store_true", help="really anonymise")

    def handle(self, *args, **options):
        months = options["months"] or settings.PERSONAL_DATA_RETENTION_MONTHS
        due = personal_data_due(months=months).count()
        self.stdout.write(f"closed reports with contact details older than {months} months: {due}")
        if not options["commit"]:
            self.stdout.write("dry run: nothing changed (add --commit to anonymise)")
            return
        done = personal_data_purge(months=months)
        self.stdout.write(self.style.SUCCESS(f"anonymised: {done}"))
