from django.core.management.base import BaseCommand
from django.utils import timezone
from tqdm import tqdm

from smartdistrict.demo.data import DEMO_PASSWORD, seed_demo
from smartdistrict.demo.draws import BATCH
from smartdistrict.demo.profile import default_count
from smartdistrict.demo.reports import seed_reports
from smartdistrict.feedback.models import Report, SuggesterModel
from smartdistrict.feedback.suggestions import suggester_retrain


class Command(BaseCommand):
    help = (
        "Load the jurisdiction pack (SMARTDISTRICT_PACK: geography, departments, categories, "
        "routing), one demo account per role and illustrative reports spread as the pack's "
        "demo profile says (only into an empty report table, unless --add)."
    )

    def add_arguments(self, parser):
        parser.add_argument("--reports", type=int, default=None,
                            help="how many demo reports (default: the pack's demo profile, "
                                 "about 12 per 1,000 residents a year in its focus units; "
                                 "up to 10,000,000)")
        parser.add_argument("--add", action="store_true",
                            help="add the reports even if some already exist")
        parser.add_argument("--seed", type=int, default=2026, help="random seed")

    def handle(self, *args, **options):
        accounts = seed_demo()
        count = options["reports"]
        if count is None:
            count = default_count(timezone.localdate())
        if count > 0 and (options["add"] or not Report.objects.exists()):
            summary = seed_reports(
                count,
                seed=options["seed"],
                progress=lambda items: tqdm(
                    items, desc="reports", unit_scale=BATCH, total=-(-count // BATCH),
                    disable=count <= BATCH, file=self.stderr,
                ),
            )
            self.stdout.write(f"reports: {summary.reports}, timeline events: {summary.events}")
        else:
            self.stdout.write(f"reports: {Report.objects.count()} already stored (none added)")
        if not SuggesterModel.objects.exists():
            # Stored once, every web process loads it instead of training its own (seconds
            # of CPU at each worker's first report); the nightly retraining replaces it.
            stored = suggester_retrain()
            self.stdout.write(f"category suggester trained and stored ({stored.corrections} "
                              "staff corrections)")
        self.stdout.write(f"Demo accounts (password for all: {DEMO_PASSWORD}):")
        for account in accounts:
            self.stdout.write(f"  {account.username:<20} {account.role:<20} {account.scope}")
