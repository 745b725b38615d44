"""Load the alley programme's illustrative demo: alleys in the five Bình Thạnh wards and
proposals in different states (see smartdistrict/alleys/data/SOURCES.md)."""

from django.core.management.base import BaseCommand

from smartdistrict.alleys.demo import seed_alleys


class Command(BaseCommand):
    help = "Load illustrative alleys, households and proposals (idempotent)."

    def handle(self, *args, **options) -> None:
        seeded = seed_alleys()
        self.stdout.write(
            f"alleys: {seeded.alleys} illustrative alleys, {seeded.households} households, "
            f"{seeded.proposals} proposals added — illustrative, see "
            "smartdistrict/alleys/data/SOURCES.md"
        )
