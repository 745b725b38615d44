"""The daily and monthly sums rolled up per dimension (DailyRollup, MonthlyRollup): the
whole jurisdiction, and each ward, department and category apart.

A city-wide page reads these (days × a hundred rows) instead of every (ward, department,
category) row of the period (issue 18: 77,000 rows for 30 days and the previous 30 at a
million reports). Kept by the same delta as the sums (each change of a daily sum adds to
its four rollup rows), rebuilt from DailyFact and MonthlyFact by a full refresh, and
compared with them by the nightly check, which rebuilds them on any difference.
"""

from __future__ import annotations

from collections import defaultdict

from django.db import connection, transaction

from smartdistrict.dashboard.facts.daily import MEASURES, month_of
from smartdistrict.dashboard.facts.delta import COUNTS, add_rows
from smartdistrict.dashboard.models import (
    ROLLUP_DIMENSIONS,
    DailyFact,
    DailyRollup,
    MonthlyFact,
    MonthlyRollup,
)

_POSITION = {name: position for position, name in enumerate(("ward_id", "department_id",
                                                               "category_id"))}


def _grouped(source, first: str) -> str:
    """SELECT first, dimension, key, *MEASURES: ``source``'s rows summed per dimension."""
    table = source._meta.db_table
    sums = ", ".join(f"SUM({name})" for name in MEASURES)
    parts = []
    for name, dimension in ROLLUP_DIMENSIONS.items():
        key = name or "0"
        group = f"{first}, {name}" if name else first
        parts.append(f"SELECT {first}, {dimension}, {key}, {sums} "  # noqa: S608
                     f"FROM {table} GROUP BY {group}")
    return f"SELECT * FROM ({' UNION ALL '.join(parts)}) parts"  # noqa: S608


_PAIRS = ((DailyRollup, DailyFact, "day"), (MonthlyRollup, MonthlyFact, "month"))


def rebuild() -> None:
    """Replace every rollup row by the sums of the current daily and monthly rows."""
    with transaction.atomic(), connection.cursor() as cursor:
        for rollup, source, first in _PAIRS:
            rollup.objects.all().delete()
            columns = ", ".join((first, "dimension", "key", *MEASURES))
            # In key order: a day's rows share pages (see daily.rebuild_days).
            cursor.execute(f"INSERT INTO {rollup._meta.db_table} ({columns}) "
                           + _grouped(source, first) + " ORDER BY 1, 2, 3")


def differences() -> int:
    """How many rollup rows differ from the sums of the daily and monthly rows (either
    way; at most 1,000 per table and direction)."""
    found = 0
    with connection.cursor() as cursor:
        for rollup, source, first in _PAIRS:
            expected = _grouped(source, first)
            stored = (f"SELECT {', '.join((first, 'dimension', 'key', *MEASURES))} "  # noqa: S608
                      f"FROM {rollup._meta.db_table}")
            for one, other in ((expected, stored), (stored, expected)):
                cursor.execute(f"SELECT COUNT(*) FROM (SELECT * FROM ({one} EXCEPT "  # noqa: S608
                               f"{other}) d LIMIT 1000) n")
                found += cursor.fetchone()[0]
    return found


def _upsert(model, first: str, rows: list[tuple]) -> None:
    add_rows(model, (first, "dimension", "key"), MEASURES, rows, COUNTS)


def apply(sums: dict[tuple, list[int]]) -> None:
    """Add the net change of the daily sums (delta.changes: (day, ward, department,
    category) → MEASURES) to the rollup rows of its days and months."""
    if not sums:
        return
    days: dict[tuple, list[int]] = defaultdict(lambda: [0] * len(MEASURES))
    months: dict[tuple, list[int]] = defaultdict(lambda: [0] * len(MEASURES))
    for (day, *key), values in sums.items():
        for name, dimension in ROLLUP_DIMENSIONS.items():
            target = key[_POSITION[name]] if name else 0
            for rows, when in ((days, day), (months, month_of(day))):
                row = rows[(when, dimension, target)]
                for position, value in enumerate(values):
                    row[position] += value
    adapt = connection.ops.adapt_datefield_value
    _upsert(DailyRollup, "day", [(adapt(when), *rest, *values)
                                 for (when, *rest), values in days.items() if any(values)])
    _upsert(MonthlyRollup, "month", [(adapt(when), *rest, *values)
                                     for (when, *rest), values in months.items()
                                     if any(values)])

