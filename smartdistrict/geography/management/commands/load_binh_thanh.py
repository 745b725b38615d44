from django.core.management.base import BaseCommand

from smartdistrict.geography.services import binh_thanh_load


class Command(BaseCommand):
    help = "Load (or refresh) Bình Thạnh's units 2024–2025, their succession and boundaries."

    def handle(self, *args, **options):
        summary = binh_thanh_load()
        self.stdout.write(
            f"units: {summary.units}, successions: {summary.successions}, "
            f"boundaries written: {summary.boundaries} (ward boundaries are approximate)"
        )
