"""Load the reference water-quality parameters (codes, units, plausible ranges)."""

from pathlib import Path

from django.core.management.base import BaseCommand

from smartdistrict.environment.services.reference import REFERENCE_CSV, parameters_load


class Command(BaseCommand):
    help = ("Create the reference parameters that are missing (from "
            "environment/services/parameters.csv); --overwrite resets edited ones.")

    def add_arguments(self, parser):
        parser.add_argument("--file", default=str(REFERENCE_CSV))
        parser.add_argument("--overwrite", action="store_true")

    def handle(self, *args, file, overwrite, **options):
        summary = parameters_load(path=Path(file), overwrite=overwrite)
        self.stdout.write(f"parameters created: {summary.created}, updated: {summary.updated}")
