from django.core.management.base import BaseCommand

from smartdistrict.feedback.suggest.evaluate import evaluate
from smartdistrict.feedback.suggestions import current_suggester, invalidate, suggester_retrain


class Command(BaseCommand):
    help = (
        "Retrain the category suggester from the demo texts and staff re-categorisations, "
        "store it for every host, and print its scores on the held-apart evaluation set."
    )

    def handle(self, *args, **options):
        stored = suggester_retrain()
        invalidate()
        result = evaluate(current_suggester())
        self.stdout.write(
            f"trained with {stored.corrections} staff corrections; evaluation on {result.n} "
            f"held-apart reports: accuracy {result.accuracy:.3f}, macro-F1 {result.macro_f1:.3f}, "
            f"top-3 {result.top3_accuracy:.3f}"
        )
