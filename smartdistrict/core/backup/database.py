"""The database part of a backup: one consistent snapshot, and the row counts of that snapshot.

- PostgreSQL with ``pg_dump`` on the PATH: a REPEATABLE READ transaction exports its snapshot,
  counts every table in it and ``pg_dump --snapshot`` dumps exactly that state (custom format,
  no owners or grants, so it restores under another role).
- PostgreSQL without ``pg_dump``, or when asked: Django's ``dumpdata`` in the same kind of
  transaction (content types and permissions are left out: ``migrate`` recreates them).
- SQLite: the online backup API copies the live file page by page, writers included.
"""

from __future__ import annotations

import os
import shutil
import sqlite3
import subprocess
from pathlib import Path

from django.core.management import call_command
from django.db import connections, transaction
from django.db.backends.base.base import BaseDatabaseWrapper
from django.utils.translation import gettext as _

from smartdistrict.core.errors import InvalidInput

FILES = {"pg_dump": "database.pgdump", "dumpdata": "database.json.gz", "sqlite": "database.sqlite3"}
# Left out of dumpdata and recreated by migrate: compared loosely after a restore.
RECREATED = ("django_content_type", "auth_permission", "django_migrations")


def choose_format(connection: BaseDatabaseWrapper, asked: str) -> str:
    vendor = connection.vendor
    usable = {"postgresql": ["pg_dump", "dumpdata"], "sqlite": ["sqlite", "dumpdata"]}.get(
        vendor, ["dumpdata"]
    )
    if asked == "auto":
        if vendor == "postgresql" and not shutil.which("pg_dump"):
            return "dumpdata"
        return usable[0]
    if asked not in usable:
        raise InvalidInput(
            _("The %(format)s format cannot back up a %(vendor)s database; use one of: "
              "%(usable)s.") % {"format": asked, "vendor": vendor, "usable": ", ".join(usable)}
        )
    return asked


def table_counts(connection: BaseDatabaseWrapper) -> dict[str, int]:
    """Rows of every table, in the caller's transaction (so in the dumped snapshot)."""
    counts = {}
    with connection.cursor() as cursor:
        for table in sorted(connection.introspection.table_names(cursor)):
            cursor.execute(f"SELECT COUNT(*) FROM {connection.ops.quote_name(table)}")  # noqa: S608
            counts[table] = cursor.fetchone()[0]
    return counts


def _libpq_env(connection: BaseDatabaseWrapper) -> dict[str, str]:
    """Connection parameters for pg_dump/pg_restore, passed in the environment (the password
    never appears in a process list)."""
    s = connection.settings_dict
    env = {**os.environ, "PGDATABASE": str(s["NAME"])}
    for key, variable in (("HOST", "PGHOST"), ("PORT", "PGPORT"), ("USER", "PGUSER"),
                          ("PASSWORD", "PGPASSWORD")):
        if s.get(key):
            env[variable] = str(s[key])
    return env


def _run(command: list[str], env: dict[str, str]) -> None:
    done = subprocess.run(command, env=env, capture_output=True, text=True, check=False)  # noqa: S603
    if done.returncode != 0:
        raise InvalidInput(
            _("%(program)s failed: %(error)s") % {"program": command[0],
                                                  "error": done.stderr.strip()[-800:]}
        )


def dump(*, alias: str, folder: Path, fmt: str) -> dict[str, int]:
    """Write the database into ``folder``; returns the row counts of what was written."""
    connection = connections[alias]
    target = folder / FILES[fmt]
    if fmt == "sqlite":
        connection.ensure_connection()
        with sqlite3.connect(target) as copy:
            connection.connection.backup(copy)
        copy.close()
        copied = sqlite3.connect(target)
        try:
            names = [r[0] for r in copied.execute(
                "SELECT name FROM sqlite_master WHERE type = 'table' "
                "AND name NOT LIKE 'sqlite_%' ORDER BY name")]
            return {n: copied.execute(f'SELECT COUNT(*) FROM "{n}"').fetchone()[0]  # noqa: S608
                    for n in names}
        finally:
            copied.close()
    with transaction.atomic(using=alias):
        with connection.cursor() as cursor:
            if connection.vendor == "postgresql":
                cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
                cursor.execute("SELECT pg_export_snapshot()")
                snapshot = cursor.fetchone()[0]
        counts = table_counts(connection)
        if fmt == "pg_dump":
            _run(["pg_dump", "--format=custom", "--no-owner", "--no-privileges",
                  f"--snapshot={snapshot}", f"--file={target}"], _libpq_env(connection))
        else:
            call_command("dumpdata", database=alias, natural_foreign=True, output=str(target),
                         exclude=["contenttypes", "auth.permission"], verbosity=0)
    return counts


def is_empty(alias: str) -> list[str]:
    """The tables ``alias`` holds already (a restore needs none)."""
    connection = connections[alias]
    with connection.cursor() as cursor:
        return sorted(connection.introspection.table_names(cursor))


def load(*, alias: str, folder: Path, fmt: str) -> dict[str, int]:
    """Load a dump into the empty database ``alias``; returns its row counts afterwards."""
    connection = connections[alias]
    source = folder / FILES[fmt]
    if fmt == "sqlite":
        if connection.vendor != "sqlite":
            raise InvalidInput(_("A SQLite backup restores into a SQLite database only."))
        connection.ensure_connection()
        with sqlite3.connect(source) as original:
            original.backup(connection.connection)
        original.close()
    elif fmt == "pg_dump":
        if connection.vendor != "postgresql":
            raise InvalidInput(_("A pg_dump backup restores into a PostgreSQL database only."))
        connection.close()  # pg_restore works on its own connection
        _run(["pg_restore", "--no-owner", "--no-privileges", "--exit-on-error",
              f"--dbname={connection.settings_dict['NAME']}", str(source)],
             _libpq_env(connection))
    else:
        call_command("migrate", database=alias, interactive=False, verbosity=0)
        call_command("loaddata", str(source), database=alias, verbosity=0)
    with transaction.atomic(using=alias):
        return table_counts(connection)
