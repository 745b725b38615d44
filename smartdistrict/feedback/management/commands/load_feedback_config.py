from pathlib import Path

from django.core.management.base import BaseCommand
from django.db import transaction

from smartdistrict.feedback.services.config import CATEGORIES_FILE, categories_load, routing_load
from smartdistrict.geography.index import get_index
from smartdistrict.geography.models import Unit
from smartdistrict.organisations.models import Department


class Command(BaseCommand):
    help = (
        "Load categories (with their extra questions) from a JSON file and build a routing "
        "rule for every (category, ward) from each category's department or department kind. "
        "Idempotent; every rule change is written to the routing audit log."
    )

    def add_arguments(self, parser):
        parser.add_argument("--categories", type=Path, default=CATEGORIES_FILE,
                            help="JSON file in the layout of feedback/data/categories.json")

    @transaction.atomic
    def handle(self, *args, **options):
        categories = categories_load(options["categories"])
        wards = Unit.objects.filter(id__in=get_index().wards)
        rules = routing_load(units=wards, departments=Department.objects.all(),
                             path=options["categories"])
        self.stdout.write(f"categories: {len(categories)}, routing rules written: {rules}")
