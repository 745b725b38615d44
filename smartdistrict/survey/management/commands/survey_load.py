"""Load a one-stop shop catalogue (procedures, counters, civil servants): a dry run unless
--commit."""

from django.core.management.base import BaseCommand, CommandError

from smartdistrict.core.errors import InvalidInput
from smartdistrict.survey.catalogue import CatalogueInvalid, catalogue_load


class Command(BaseCommand):
    help = (
        "Load procedures, counters and civil servants of one-stop shops from a folder "
        "(procedures.csv, counters.csv, staff.csv; or .xlsx) or one such file. A dry run "
        "unless --commit: it reports what would change and changes nothing; a faulty row "
        "anywhere writes nothing; loading the same files again changes nothing."
    )

    def add_arguments(self, parser):
        parser.add_argument("path", help="a catalogue folder, or procedures/counters/staff file")
        parser.add_argument("--commit", action="store_true", help="write the changes")

    def handle(self, *args, path: str, commit: bool = False, **options):
        try:
            report = catalogue_load(path, commit=commit)
        except CatalogueInvalid as error:
            for fault in error.errors:
                self.stderr.write(str(fault))
            raise CommandError(f"the catalogue has {len(error.errors)} faults; nothing was "
                               "written") from None
        except InvalidInput as error:
            raise CommandError(str(error.message)) from None
        for line in report.tally.lines():
            self.stdout.write(line)
        if commit:
            self.stdout.write(f"catalogue: {report.changed} changes written")
        else:
            self.stdout.write(f"catalogue: dry run, {report.changed} changes would be written "
                              "(nothing was); add --commit to write them")
