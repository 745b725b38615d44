from django.core.management.base import BaseCommand, CommandError

from smartdistrict.dashboard.facts.refresh import Locked, facts_lock, facts_refresh


class Command(BaseCommand):
    help = (
        "Bring the dashboard's aggregates up to date with the reports changed since the "
        "last run (the Huey job does it every DASHBOARD_REFRESH_MINUTES); --full rebuilds "
        "them all. Exits 75 when another refresh or check is running."
    )

    def add_arguments(self, parser):
        parser.add_argument("--full", action="store_true", help="rebuild every aggregate")

    def handle(self, *args, full: bool = False, **options):
        try:
            with facts_lock():
                result = facts_refresh(full=full)
        except Locked:
            raise CommandError("another refresh or check is running; try again later",
                               returncode=75) from None
        kind = "full" if result.full else "incremental"
        self.stdout.write(
            f"{kind} refresh: {result.reports} reports read, {result.changed} facts written, "
            f"{result.days} days rebuilt; watermark {result.watermark.isoformat()}"
        )
