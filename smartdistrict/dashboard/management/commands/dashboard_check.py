import json
from dataclasses import asdict

from django.core.management.base import BaseCommand, CommandError

from smartdistrict.dashboard.facts.check import facts_check
from smartdistrict.dashboard.facts.refresh import Locked, facts_lock

DRIFT_EXIT_CODE = 3


class Command(BaseCommand):
    help = (
        "Recompute the dashboard's aggregates beside the stored ones and compare. Exits 0 "
        f"when they agree, {DRIFT_EXIT_CODE} when drift was found (repaired unless "
        "--no-fix), 75 when a refresh is running."
    )

    def add_arguments(self, parser):
        parser.add_argument("--no-fix", action="store_true", help="report only")

    def handle(self, *args, no_fix: bool = False, **options):
        try:
            with facts_lock():
                drift = facts_check(fix=not no_fix)
        except Locked:
            raise CommandError("a refresh or check is running; try again later",
                               returncode=75) from None
        report = json.dumps(asdict(drift), ensure_ascii=False)
        if drift.found:
            raise CommandError(
                f"drift found{' and repaired' if drift.fixed else ''}: {report}",
                returncode=DRIFT_EXIT_CODE,
            )
        self.stdout.write(f"aggregates consistent: {report}")
