"""``backup_create`` and ``backup_restore``: the two operations, with their manifest.

Restore needs a fresh target: a database with no tables at all (created, never migrated:
the dump brings its own schema; a dumpdata backup is migrated first, with this release's
migrations, which must be those of the backup) and storages without the backup's files.
It refuses anything else rather than merge two instances.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path

from django.db import connections
from django.db.migrations.recorder import MigrationRecorder
from django.utils import timezone
from django.utils.translation import gettext as _

import smartdistrict
from smartdistrict.core.backup import database, files
from smartdistrict.core.errors import InvalidInput

MANIFEST = "manifest.json"
VERSION = 1


@dataclass
class RestoreReport:
    tables: int = 0
    rows: int = 0
    files: int = 0
    differences: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.differences


def _migrations(alias: str) -> list[str]:
    recorder = MigrationRecorder(connections[alias])
    return sorted(f"{app}.{name}" for app, name in recorder.applied_migrations())


def _release_migrations() -> list[str]:
    from django.db.migrations.loader import MigrationLoader

    loader = MigrationLoader(None, ignore_no_migrations=True)
    return sorted(f"{app}.{name}" for app, name in loader.graph.nodes)


def backup_create(*, folder: Path, alias: str = "default", fmt: str = "auto") -> dict:
    """Write the database, then the files, then the manifest (last: a folder without one is
    an unfinished backup). ``folder`` must not exist or be empty."""
    if folder.exists() and any(folder.iterdir()):
        raise InvalidInput(_("%(folder)s is not empty; back up into a new folder.")
                           % {"folder": folder})
    folder.mkdir(parents=True, exist_ok=True)
    fmt = database.choose_format(connections[alias], fmt)
    started = timezone.now()
    counts = database.dump(alias=alias, folder=folder, fmt=fmt)
    listing = files.copy_out(folder)
    manifest = {
        "manifest_version": VERSION,
        "smartdistrict": smartdistrict.__version__,
        "created_at": started.isoformat(),
        "database": {
            "vendor": connections[alias].vendor,
            "format": fmt,
            "file": database.FILES[fmt],
            "sha256": files.sha256_of(folder / database.FILES[fmt]),
            "migrations": _migrations(alias),
        },
        "tables": counts,
        "files": listing,
        "files_sha256": files.overall_checksum(listing),
    }
    (folder / MANIFEST).write_text(json.dumps(manifest, indent=1, ensure_ascii=False))
    return manifest


def read_manifest(folder: Path) -> dict:
    path = folder / MANIFEST
    try:
        manifest = json.loads(path.read_text())
    except (OSError, ValueError) as error:
        raise InvalidInput(_("%(path)s is missing or unreadable: not a finished backup.")
                           % {"path": path}) from error
    if manifest.get("manifest_version") != VERSION:
        raise InvalidInput(_("This backup's manifest version is not supported."))
    return manifest


def _check_backup(folder: Path, manifest: dict) -> None:
    dump = folder / manifest["database"]["file"]
    if not dump.is_file() or files.sha256_of(dump) != manifest["database"]["sha256"]:
        raise InvalidInput(_("The database file of the backup is missing or damaged."))
    damaged = files.check_copies(folder, manifest["files"])
    if damaged:
        raise InvalidInput(_("%(count)d files of the backup are missing or damaged (first: "
                             "%(first)s).") % {"count": len(damaged), "first": damaged[0]})


def _compare_tables(expected: dict[str, int], found: dict[str, int], fmt: str,
                    report: RestoreReport) -> None:
    for table in sorted(set(expected) | set(found)):
        want, got = expected.get(table), found.get(table)
        if want == got:
            continue
        line = f"{table}: {want} → {got}"
        if fmt == "dumpdata" and table in database.RECREATED:
            report.notes.append(line)  # recreated by this release's migrate
        else:
            report.differences.append(line)
    report.tables = len(found)
    report.rows = sum(found.values())


def backup_restore(*, folder: Path, alias: str = "default") -> RestoreReport:
    """Check the backup, load it into the empty database and storages, compare."""
    manifest = read_manifest(folder)
    _check_backup(folder, manifest)
    fmt = manifest["database"]["format"]
    present = database.is_empty(alias)
    if present:
        raise InvalidInput(
            _("The target database is not empty (%(count)d tables, e.g. %(first)s); restore "
              "needs a new, empty database.") % {"count": len(present), "first": present[0]}
        )
    if fmt == "dumpdata" and _release_migrations() != manifest["database"]["migrations"]:
        raise InvalidInput(
            _("This backup was made by a release with other migrations; a dumpdata backup "
              "restores only with the release that made it.")
        )
    found = database.load(alias=alias, folder=folder, fmt=fmt)
    report = RestoreReport()
    _compare_tables(manifest["tables"], found, fmt, report)
    restored = files.copy_in(folder, manifest["files"])
    if files.overall_checksum(restored) != manifest["files_sha256"]:
        for area in sorted(set(restored) | set(manifest["files"])):
            have, want = restored.get(area, {}), manifest["files"].get(area, {})
            report.differences.extend(
                f"{area}/{name}" for name in sorted(set(have) | set(want))
                if have.get(name, {}).get("sha256") != want.get(name, {}).get("sha256")
            )
    report.files = sum(len(entries) for entries in restored.values())
    return report
