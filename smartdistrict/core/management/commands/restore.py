"""``smartdistrict restore --from DIR``: into an empty database and storages, then compared.

Exits with an error when anything differs from the backup's manifest.
"""

from __future__ import annotations

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils.translation import gettext as _

from smartdistrict.core.backup.services import backup_restore
from smartdistrict.core.errors import DomainError


class Command(BaseCommand):
    help = "Restore a backup made by `backup` into an empty database and empty storages."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--from", required=True, type=Path, metavar="DIR", dest="source")
        parser.add_argument("--database", default="default")

    def handle(self, *args, **options) -> None:
        try:
            report = backup_restore(folder=options["source"], alias=options["database"])
        except DomainError as error:
            raise CommandError(str(error.message)) from error
        for note in report.notes:
            self.stdout.write(_("Recreated by migrate, count differs: %(note)s") % {"note": note})
        if not report.ok:
            for difference in report.differences:
                self.stderr.write(_("Differs from the backup: %(what)s") % {"what": difference})
            raise CommandError(
                _("Restored, but %(count)d differences from the backup (listed above).")
                % {"count": len(report.differences)}
            )
        self.stdout.write(
            _("Restored %(tables)d tables (%(rows)d rows) and %(files)d files; row counts and "
              "file checksums match the backup.")
            % {"tables": report.tables, "rows": report.rows, "files": report.files}
        )
