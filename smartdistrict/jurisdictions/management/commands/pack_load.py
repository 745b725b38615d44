from django.core.management.base import BaseCommand, CommandError

from smartdistrict.jurisdictions.loading import pack_load
from smartdistrict.jurisdictions.reading import PackInvalid


class Command(BaseCommand):
    help = (
        "Load a jurisdiction pack (units, boundaries, departments, categories, routing, "
        "settings). A dry run unless --commit: it reports what would change and changes "
        "nothing. With --commit everything is written in one transaction; loading the same "
        "pack again changes nothing."
    )

    def add_arguments(self, parser):
        parser.add_argument("pack", nargs="?", default=None,
                            help="a pack folder, or the name of a shipped pack "
                                 "(default: SMARTDISTRICT_PACK)")
        parser.add_argument("--commit", action="store_true", help="write the changes")

    def handle(self, *args, pack=None, commit=False, **options):
        try:
            report = pack_load(pack, commit=commit)
        except PackInvalid as error:
            for fault in error.errors:
                self.stderr.write(str(fault))
            raise CommandError(f"the pack has {len(error.errors)} faulty rows; nothing was "
                               "written") from None
        for line in report.tally.lines():
            self.stdout.write(line)
        if commit:
            self.stdout.write(f"pack {report.pack}: {report.changed} changes written")
        else:
            self.stdout.write(f"pack {report.pack}: dry run, {report.changed} changes would be "
                              "written (nothing was); add --commit to write them")
