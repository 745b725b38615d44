"""Load the targets tracker's demo content (illustrative indicators, published figures
where known, the key projects): see smartdistrict/targets/data/SOURCES.md."""

from django.core.management.base import BaseCommand

from smartdistrict.targets.demo import seed_targets


class Command(BaseCommand):
    help = "Load the demo programmes, indicators and projects of the targets tracker."

    def handle(self, *args, **options) -> None:
        seeded = seed_targets()
        self.stdout.write(
            f"targets: {seeded.programmes} programmes, {seeded.indicators} indicators "
            f"({seeded.measurements} figures), {seeded.projects} projects "
            f"({seeded.milestones} milestones) — illustrative, see "
            "smartdistrict/targets/data/SOURCES.md"
        )
