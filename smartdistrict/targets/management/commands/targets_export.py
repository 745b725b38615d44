"""Export every indicator with its yearly figures to an Excel workbook."""

from django.core.management.base import BaseCommand, CommandError

from smartdistrict.targets.services.workbook import workbook_export


class Command(BaseCommand):
    help = "Write the indicators workbook (.xlsx), streamed; --language en for English headers."

    def add_arguments(self, parser) -> None:
        parser.add_argument("file", help="path of the .xlsx file to write")
        parser.add_argument("--language", default=None, help="vi (default) or en")

    def handle(self, *args, **options) -> None:
        try:
            count = workbook_export(destination=options["file"], language=options["language"])
        except OSError as error:
            raise CommandError(str(error)) from None
        self.stdout.write(f"{count} indicators written to {options['file']}")
