import datetime as dt
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from tqdm import tqdm

from smartdistrict.core.errors import DomainError
from smartdistrict.geography.importing import import_commit, import_plan, read_features
from smartdistrict.geography.models import Unit


class Command(BaseCommand):
    help = (
        "Replace boundaries with those of a GeoJSON file. A dry run that only reports "
        "what would change, unless --commit is given."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", type=Path)
        parser.add_argument("--level", default="ward", choices=["city", "district", "ward"])
        parser.add_argument("--name-field", required=True)
        parser.add_argument("--code-field", default=None, help="property holding the GSO code")
        parser.add_argument("--valid-from", required=True, type=dt.date.fromisoformat,
                            help="date (YYYY-MM-DD) on which the matched units are valid")
        parser.add_argument("--source", default=None, help="default: the file's name")
        parser.add_argument("--approximate", action="store_true",
                            help="mark the imported boundaries approximate (default official)")
        parser.add_argument("--parent", default=None, help="code of the parent of new units")
        parser.add_argument("--commit", action="store_true", help="write the changes")

    def handle(self, *args, **options):
        try:
            features = read_features(options["file"])
            plan = import_plan(
                features,
                level=options["level"],
                name_field=options["name_field"],
                code_field=options["code_field"],
                valid_from=options["valid_from"],
                progress=lambda items: tqdm(
                    items, desc="features", unit="f", disable=len(features) < 50,
                    file=self.stderr,
                ),
            )
        except DomainError as error:
            raise CommandError(str(error.message)) from None
        out = self.stdout.write
        out(f"matched: {len(plan.matched)}")
        for item in plan.matched:
            out(f"  #{item.feature} {item.name} → {item.unit.code} {item.unit.name}")
        out(f"new: {len(plan.new)}")
        for item in plan.new:
            out(f"  #{item.feature} {item.name} ({item.code or 'no code'})")
        out(f"missing (no feature; boundary kept): {len(plan.missing)}")
        for unit in plan.missing:
            out(f"  {unit.code} {unit.name}")
        out(f"repaired: {len(plan.repaired)}")
        for item in plan.repaired:
            out(f"  #{item.feature} {item.name}: {item.note}")
        out(f"refused: {len(plan.refused)}")
        for number, name, reason in plan.refused:
            out(f"  #{number} {name}: {reason}")
        if not options["commit"]:
            out("dry run: nothing written (add --commit to write)")
            return
        parent = None
        if options["parent"]:
            parent = Unit.objects.filter(code=options["parent"]).first()
            if parent is None:
                raise CommandError(f"no unit with code {options['parent']!r}")
        written = import_commit(
            plan,
            source=options["source"] or options["file"].name,
            approximate=options["approximate"],
            parent=parent,
        )
        out(self.style.SUCCESS(f"written: {written} boundaries"))
