"""Import indicators from an Excel workbook: a dry run unless --commit."""

from django.core.management.base import BaseCommand, CommandError

from smartdistrict.core.errors import DomainError
from smartdistrict.targets.services.workbook import workbook_import


class Command(BaseCommand):
    help = (
        "Read an indicators workbook (.xlsx: one row per indicator, one column per year) and "
        "show what would change and every bad row; --commit imports the good rows."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument("file", help="path of the .xlsx file")
        parser.add_argument("--commit", action="store_true", help="save the good rows")

    def handle(self, *args, **options) -> None:
        try:
            with open(options["file"], "rb") as handle:
                plan = workbook_import(source=handle, commit=options["commit"])
        except OSError as error:
            raise CommandError(str(error)) from None
        except DomainError as error:
            raise CommandError(str(error.message)) from None
        for row in plan.rows:
            if row.action == "unchanged":
                continue
            detail = ", ".join(row.changed_fields)
            figures = row.new_measurements + row.changed_measurements
            self.stdout.write(
                f"row {row.row}: {row.code} {row.action}"
                + (f" ({detail})" if detail else "")
                + (f", {figures} figures" if figures else "")
            )
        for error in plan.errors:
            for reason in error.reasons:
                self.stdout.write(f"row {error.row}: {error.code or '-'}: {reason}")
        for column in plan.ignored_columns:
            self.stdout.write(f"ignored column: {column}")
        verb = "imported" if plan.committed else "dry run (nothing saved; add --commit)"
        self.stdout.write(
            f"{verb}: {plan.creates} new, {plan.updates} updated, {plan.unchanged} unchanged, "
            f"{plan.measurements_written} figures, {len(plan.errors)} bad rows"
        )
        if plan.errors:
            self.stderr.write(f"{len(plan.errors)} rows have errors and were left out")
