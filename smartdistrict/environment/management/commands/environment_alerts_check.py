"""Evaluate the alert rules now (what the ten-minute job does)."""

from django.core.management.base import BaseCommand, CommandError

from smartdistrict.environment.alerts.services import alerts_evaluate
from smartdistrict.environment.models import AlertKind, Station


class Command(BaseCommand):
    help = ("Evaluate the active alert rules on the active stations: open alerts (and their "
            "reports) for rules that fire, close those that recovered, notice silent "
            "stations.")

    def add_arguments(self, parser):
        parser.add_argument("--station", action="append", default=[],
                            help="Only this station code (repeatable).")
        parser.add_argument("--kind", action="append", default=[], choices=AlertKind.values,
                            help="Only rules of this kind (repeatable).")

    def handle(self, *args, station, kind, **options):
        station_ids = None
        if station:
            found = dict(Station.objects.filter(code__in=station).values_list("code", "id"))
            unknown = sorted(set(station) - set(found))
            if unknown:
                raise CommandError(f"unknown station(s): {', '.join(unknown)}")
            station_ids = list(found.values())
        summary = alerts_evaluate(station_ids=station_ids, kinds=kind or None)
        result = summary.as_dict()
        self.stdout.write(
            f"rules: {result['rules']}, checks: {result['checks']}, opened: {result['opened']}, "
            f"cleared: {result['cleared']}, still open: {result['still_open']}, "
            f"reports opened: {', '.join(result['reports_opened']) or '-'}, "
            f"notes: {result['notes']}"
        )
