"""Report codes (HCM-2026-000123): the jurisdiction's prefix, the year, and a per-year
number without gaps, taken under the sequence row's lock (PostgreSQL) or SQLite's write
lock in the transaction that stores the report.

The one home of the rule: ``next_code`` takes a number in its own statement (any
database); ``next_code_sql`` is the same UPDATE, and the same format as SQL, for
intake's single statement on PostgreSQL (services.intake_rows), which takes the number
and stores the report in one round trip.
"""

from __future__ import annotations

import datetime as dt

from django.db import connection
from django.utils import timezone

from smartdistrict.feedback.models import CodeSequence
from smartdistrict.geography.selectors import report_code_prefix

DIGITS = 6  # at least: the 1,000,000th report of a year is HCM-2026-1000000


def code_head(created_at: dt.datetime) -> tuple[str, str, int]:
    """(what a code of that date starts with, its prefix, its year)."""
    prefix = report_code_prefix()
    year = timezone.localtime(created_at).year
    return f"{prefix}-{year}-", prefix, year


def next_code(created_at: dt.datetime) -> str:
    """The next code of ``created_at``'s year (call inside the transaction that stores
    the report: the row lock keeps the numbers without gaps)."""
    head, prefix, year = code_head(created_at)
    with connection.cursor() as cursor:
        # One statement that both increments and reads (SQLite ≥ 3.35 and PostgreSQL).
        cursor.execute(_UPDATE.format(table=_table()), [prefix, year])
        row = cursor.fetchone()
    if row is None:
        sequence_create(prefix, year)
        return next_code(created_at)
    return f"{head}{row[0]:0{DIGITS}d}"


def next_code_sql(name: str) -> str:
    """PostgreSQL WITH items that take the next number: ``{name}`` yields one row (none
    when the year has no sequence row yet: ``sequence_create``) whose ``number`` is the
    code's number as text; params: prefix, year (``code_head``)."""
    return (f"{name}_n AS ({_UPDATE.format(table=_table())}), "  # noqa: S608
            f"{name} AS (SELECT lpad(last::text, greatest({DIGITS}, length(last::text)), "
            f"'0') AS number FROM {name}_n)")


def sequence_create(prefix: str, year: int) -> None:
    """The first report of a year (for its prefix) starts its sequence."""
    CodeSequence.objects.get_or_create(prefix=prefix, year=year)


_UPDATE = "UPDATE {table} SET last = last + 1 WHERE prefix = %s AND year = %s RETURNING last"


def _table() -> str:
    return connection.ops.quote_name(CodeSequence._meta.db_table)
