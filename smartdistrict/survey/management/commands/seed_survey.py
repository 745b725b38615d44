"""Load the survey's illustrative demo: the catalogue of the five Bình Thạnh wards and a
year of invented answers (only when none exist yet)."""

from django.core.management.base import BaseCommand

from smartdistrict.survey.demo import seed_survey


class Command(BaseCommand):
    help = ("Load the illustrative one-stop shop catalogue of the five wards of the former "
            "Bình Thạnh and a year of invented survey answers (marked illustrative).")

    def add_arguments(self, parser):
        parser.add_argument("--answers", type=int, default=2500, help="how many answers")
        parser.add_argument("--seed", type=int, default=2026, help="random seed")

    def handle(self, *args, answers: int, seed: int, **options):
        seeded = seed_survey(answers, seed=seed)
        if not seeded.answers:
            self.stdout.write(f"survey: {seeded.procedures} procedures offered; illustrative "
                              "answers already stored (none added)")
            return
        self.stdout.write(
            f"survey: {seeded.procedures} procedures offered, {seeded.dossiers} dossiers, "
            f"{seeded.answers} answers, {seeded.reports} reports opened from low scores — "
            "illustrative, see smartdistrict/survey/data/demo/")
