"""``smartdistrict backup --to DIR``: the database and every stored file, with a manifest."""

from __future__ import annotations

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils.translation import gettext as _

from smartdistrict.core.backup.services import backup_create
from smartdistrict.core.errors import DomainError


class Command(BaseCommand):
    help = "Back up the database and the stored files (photos, briefs, uploads) into DIR."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--to", required=True, type=Path, metavar="DIR",
                            help="a new or empty folder")
        parser.add_argument("--format", default="auto",
                            choices=["auto", "pg_dump", "dumpdata", "sqlite"],
                            help="auto: pg_dump on PostgreSQL when installed, else dumpdata; "
                                 "the backup API on SQLite")
        parser.add_argument("--database", default="default")

    def handle(self, *args, **options) -> None:
        try:
            manifest = backup_create(folder=options["to"], alias=options["database"],
                                     fmt=options["format"])
        except DomainError as error:
            raise CommandError(str(error.message)) from error
        files = sum(len(entries) for entries in manifest["files"].values())
        self.stdout.write(
            _("Backed up %(tables)d tables (%(rows)d rows, %(format)s) and %(files)d files "
              "into %(folder)s.")
            % {"tables": len(manifest["tables"]), "rows": sum(manifest["tables"].values()),
               "format": manifest["database"]["format"], "files": files,
               "folder": options["to"]}
        )
        self.stdout.write(_("Checksum of the files: %(sha)s") % {"sha": manifest["files_sha256"]})
