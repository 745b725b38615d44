"""Demo canal water quality: stations on the district's canals, two years of readings,
alert rules, and a pollution episode under way (see smartdistrict/environment/demo.py)."""

from django.core.management.base import BaseCommand, CommandError

from smartdistrict.core.errors import DomainError
from smartdistrict.environment.demo import seed_environment


class Command(BaseCommand):
    help = ("Create the demo stations, two years of plausible readings (daily samples, "
            "5-minute sensor values), the alert rules, and evaluate them (one alert opens a "
            "report). Run seed_demo first. Idempotent.")

    def add_arguments(self, parser):
        parser.add_argument("--days", type=int, default=730,
                            help="Days of history (default 730).")
        parser.add_argument("--sensor-interval", type=int, default=5, dest="sensor_minutes",
                            help="Minutes between sensor values (default 5).")
        parser.add_argument("--seed", type=int, default=2026, help="Random seed.")

    def handle(self, *args, days, sensor_minutes, seed, **options):
        log = self.stdout.write if options["verbosity"] > 1 else None
        try:
            summary = seed_environment(days=days, sensor_minutes=sensor_minutes, seed=seed,
                                       log=log)
        except DomainError as error:
            raise CommandError(str(error.message)) from None
        self.stdout.write(
            f"stations: {summary.stations}, readings: {summary.bulk_readings} bulk + "
            f"{summary.ingested_readings} through the ingest service, rules: {summary.rules}, "
            f"alerts opened: {summary.alerts_opened}, reports opened: "
            f"{', '.join(summary.reports_opened) or '-'} ({summary.seconds} s)")
