"""ReportDuration: each fact's durations, in the table a median's exact value walks.

A copy of three columns per kind of ReportFact (day, seconds, bucket) with the fact's
ward and department, kept apart so that ReportFact indexes no duration and its update
can stay on its page (issue 18; models.ReportDuration). Kept like the sums: by delta on
every incremental refresh (the changed reports' rows inserted or updated in one
statement, the rows whose duration went away deleted in another), and made equal to the
facts in SQL by a full rebuild and by the nightly check (``sync``).
"""

from __future__ import annotations

from collections.abc import Iterable

from django.db import connection, transaction

from smartdistrict.core.db_settings import local_setting
from smartdistrict.dashboard.facts.rows import FACT_FIELDS
from smartdistrict.dashboard.models import DURATION_KINDS, ReportDuration, ReportFact

# kind → (day, seconds, bucket) columns of ReportFact
SOURCES = {DURATION_KINDS["response"]: ("response_day", "response_s", "response_bucket"),
           DURATION_KINDS["resolution"]: ("resolved_day", "resolution_s", "resolution_bucket")}
COLUMNS = ("report_id", "kind", "day", "seconds", "bucket", "ward_id", "department_id")
_TYPES = ("bigint", "smallint", "date", "bigint", "smallint", "bigint", "bigint")
_AT = {name: FACT_FIELDS.index(name) for name in FACT_FIELDS}
ROWS_PER_STATEMENT = 500  # SQLite: 3,500 placeholders per statement


def rows_of(fact: tuple | None) -> dict[int, tuple]:
    """kind → the ReportDuration row (COLUMNS order) of one fact tuple (None: none)."""
    if fact is None:
        return {}
    found = {}
    for kind, (day, seconds, bucket) in SOURCES.items():
        if fact[_AT[day]] is not None:
            found[kind] = (fact[_AT["report_id"]], kind, fact[_AT[day]], fact[_AT[seconds]],
                           fact[_AT[bucket]], fact[_AT["ward_id"]], fact[_AT["department_id"]])
    return found


def changes(pairs: Iterable[tuple[tuple | None, tuple | None]]
            ) -> tuple[list[tuple], list[tuple[int, int]]]:
    """For (old fact, new fact) pairs (None: absent): the rows to write (new or
    different) and the (report, kind) keys to delete (a duration gone)."""
    written, gone = [], []
    for before, after in pairs:
        old, new = rows_of(before), rows_of(after)
        written += [row for kind, row in new.items() if old.get(kind) != row]
        gone += [(row[0], kind) for kind, row in old.items() if kind not in new]
    return written, gone


def apply(pairs: Iterable[tuple[tuple | None, tuple | None]]) -> None:
    """Write the changes of these facts (caller's transaction): one upsert and one
    delete, one array per column on PostgreSQL (see delta.add_rows)."""
    written, gone = changes(pairs)
    table = ReportDuration._meta.db_table
    adapt = connection.ops.adapt_datefield_value
    updates = ", ".join(f"{name} = excluded.{name}" for name in COLUMNS[2:])
    tail = f"ON CONFLICT (report_id, kind) DO UPDATE SET {updates}"
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            if written:
                arrays = ", ".join(f"%s::{kind}[]" for kind in _TYPES)
                cursor.execute(
                    f"INSERT INTO {table} ({', '.join(COLUMNS)}) "  # noqa: S608
                    f"SELECT * FROM unnest({arrays}) {tail}",
                    [list(column) for column in zip(*written, strict=True)])
            if gone:
                cursor.execute(
                    f"DELETE FROM {table} t USING unnest(%s::bigint[], %s::smallint[]) "  # noqa: S608
                    "AS g(report_id, kind) WHERE t.report_id = g.report_id AND t.kind = g.kind",
                    [list(column) for column in zip(*gone, strict=True)])
            return
        written = [(*row[:2], adapt(row[2]), *row[3:]) for row in written]
        row_marks = f"({', '.join(['%s'] * len(COLUMNS))})"
        for start in range(0, len(written), ROWS_PER_STATEMENT):
            chunk = written[start:start + ROWS_PER_STATEMENT]
            cursor.execute(
                f"INSERT INTO {table} ({', '.join(COLUMNS)}) "  # noqa: S608
                f"VALUES {', '.join([row_marks] * len(chunk))} {tail}",
                [value for row in chunk for value in row])
        for start in range(0, len(gone), ROWS_PER_STATEMENT):
            chunk = gone[start:start + ROWS_PER_STATEMENT]
            cursor.execute(
                f"DELETE FROM {table} WHERE (report_id, kind) IN "  # noqa: S608
                f"(VALUES {', '.join(['(%s, %s)'] * len(chunk))})",
                [value for key in chunk for value in key])


def _statements(count: bool) -> list[str]:
    """Per kind: the rows that disagree with their fact (or whose fact is gone or has
    no such duration), and the facts' durations without a row; counted (``count``) or
    deleted and inserted, in this order."""
    table, facts = ReportDuration._meta.db_table, ReportFact._meta.db_table
    found = []
    for kind, (day, seconds, bucket) in SOURCES.items():
        wrong = (f"FROM {table} WHERE kind = {kind} "  # noqa: S608
                 f"AND NOT EXISTS (SELECT 1 FROM {facts} f "
                 f"WHERE f.report_id = {table}.report_id AND f.{day} = {table}.day "
                 f"AND f.{seconds} = {table}.seconds AND f.{bucket} = {table}.bucket "
                 f"AND f.ward_id = {table}.ward_id "
                 f"AND f.department_id = {table}.department_id)")
        missing = (f"FROM {facts} f WHERE f.{day} IS NOT NULL "  # noqa: S608
                   f"AND NOT EXISTS (SELECT 1 "
                   f"FROM {table} d WHERE d.report_id = f.report_id AND d.kind = {kind})")
        if count:
            found += [f"SELECT COUNT(*) {wrong}", f"SELECT COUNT(*) {missing}"]
        else:
            found += [f"DELETE {wrong}",
                      f"INSERT INTO {table} ({', '.join(COLUMNS)}) SELECT f.report_id, "
                      f"{kind}, f.{day}, f.{seconds}, f.{bucket}, f.ward_id, "
                      f"f.department_id {missing}"]
    return found


# A sync or a check compares the whole table with the whole facts, which hash joins do
# in one pass each: no nested loops for its statements (PostgreSQL). Planned on an empty
# table (a new deployment's first full refresh), the insert of the missing rows ran as a
# nested loop whose inner side scanned the table it was inserting into, every page it had
# written so far at every fact: 46 s at 100,000 reports, quadratic in them.
WHOLE_TABLES = ("enable_nestloop", "off")


def _fresh_statistics(cursor) -> None:
    """ANALYZE the table before each statement of a sync (PostgreSQL): the rows the
    previous statement wrote are counted when the next one is planned."""
    if connection.vendor == "postgresql":
        cursor.execute(f"ANALYZE {ReportDuration._meta.db_table}")


def differences() -> int:
    """How many rows disagree with the facts (wrong or stale rows, and missing ones)."""
    total = 0
    with connection.cursor() as cursor, transaction.atomic(), local_setting(*WHOLE_TABLES):
        _fresh_statistics(cursor)  # nothing is written between the counts
        for sql in _statements(count=True):
            cursor.execute(sql)
            total += cursor.fetchone()[0]
    return total


def sync() -> int:
    """Make the rows equal to the facts (a full rebuild, a repair): the wrong rows
    deleted, the missing ones inserted, the others left alone. Returns the rows written
    or deleted. Runs in the caller's transaction."""
    total = 0
    with connection.cursor() as cursor, transaction.atomic(), local_setting(*WHOLE_TABLES):
        for sql in _statements(count=False):
            _fresh_statistics(cursor)
            cursor.execute(sql)
            total += max(cursor.rowcount, 0)
    return total
