"""Import laboratory results from a CSV or Excel file: a dry run unless --commit."""

import json
from pathlib import Path
from zoneinfo import ZoneInfoNotFoundError

from django.core.management.base import BaseCommand, CommandError

from smartdistrict.core.errors import DomainError
from smartdistrict.environment.ingestion.registry import get_source
from smartdistrict.environment.services.parsing import time_zone


class Command(BaseCommand):
    help = ("Check (and with --commit, store) readings from a CSV or .xlsx file in the wide "
            "layout (station, time, one column per parameter) or the long one (station, "
            "parameter, time, value, unit). Prints what is stored, flagged and rejected.")

    def add_arguments(self, parser):
        parser.add_argument("file")
        parser.add_argument("--commit", action="store_true", help="store (default: dry run)")
        parser.add_argument("--timezone", default="",
                            help="zone of times written without one, e.g. Asia/Ho_Chi_Minh "
                                 "(default: such times are rejected)")
        parser.add_argument("--json", action="store_true", help="print the full result as JSON")

    def handle(self, *args, file, commit, timezone, json: bool = False, **options):
        path = Path(file)
        if not path.is_file():
            raise CommandError(f"no such file: {file}")
        try:
            zone = time_zone(timezone)
        except (ZoneInfoNotFoundError, ValueError):
            raise CommandError(f"unknown time zone: {timezone} (e.g. Asia/Ho_Chi_Minh)") from None
        try:
            result = get_source("file").ingest(
                (path.name, path.read_bytes()), dry_run=not commit,
                default_tz=zone,
                # Often run by cron, where no one reads the output: keep what is refused.
                dead_letters=f"import_readings {path.name}",
            )
        except DomainError as error:
            raise CommandError(str(error.message)) from None
        if json:
            self.stdout.write(_json(result.as_dict(statuses=False)))
            return
        verb = "stored" if commit else "would store"
        self.stdout.write(f"{result.received} readings read; {verb} {result.stored}; "
                          f"duplicates {result.duplicates}; flagged {len(result.flagged)}; "
                          f"conflicts {len(result.conflicts)}; rejected {len(result.rejected)}")
        for item in result.flagged:
            self.stdout.write(f"  line {item.line}: flagged {item.quality}: {item.station_code} "
                              f"{item.parameter_code} = {item.value}")
        for item in result.conflicts + result.rejected:
            self.stdout.write(f"  line {item.line}: {item.code}: {item.message}")
        if result.ignored:
            self.stdout.write(f"  columns ignored: {', '.join(result.ignored)}")
        if not commit:
            self.stdout.write("dry run: nothing was stored (add --commit to store)")


def _json(body) -> str:
    return json.dumps(body, ensure_ascii=False, indent=1, default=str)
