"""Per-day and per-month counts of durations per bucket (DailyDurations, MonthlyDurations).

A median reads these counts (days or months × buckets rows) to find the bucket holding
its rank, then the exact value inside that one bucket from ReportDuration (walk.py):
its cost follows the days and the buckets, not the reports of the period (issue 18).
The counts are kept like the daily sums: rebuilt in SQL from the facts (full refresh,
nightly repair) and changed by delta on every incremental refresh (each changed fact
subtracts its old buckets and adds its new ones). Each count is kept per (ward,
department) and once more for the whole jurisdiction (ward and department ALL).
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable

from django.db import connection, transaction

from smartdistrict.dashboard.facts.daily import as_date, month_end, month_of
from smartdistrict.dashboard.facts.delta import add_rows, fold
from smartdistrict.dashboard.facts.rows import FACT_FIELDS
from smartdistrict.dashboard.models import (
    ALL,
    DURATION_KINDS,
    DailyDurations,
    MonthlyDurations,
    ReportFact,
)

# kind → (day column, bucket column) of ReportFact
SOURCES = {"response": ("response_day", "response_bucket"),
           "resolution": ("resolved_day", "resolution_bucket")}
COLUMNS = ("ward_id", "department_id", "kind", "bucket")
_AT = {name: FACT_FIELDS.index(name) for name in FACT_FIELDS}
Counts = dict[tuple, int]  # (day, ward, department, kind, bucket) → count
LIMIT = 1_000  # rows of difference read by the check


def _select(days: list[dt.date] | None) -> tuple[str, list]:
    """SELECT day, ward, department, kind, bucket, count over the facts of ``days`` (every
    day if None): per key, and per day for the whole jurisdiction."""
    table = ReportFact._meta.db_table
    parts, params = [], []
    for name, (day, bucket) in SOURCES.items():
        where = f"{day} IS NOT NULL"
        values: list = []
        if days is not None:
            where += f" AND {day} IN ({', '.join(['%s'] * len(days))})"
            values = [connection.ops.adapt_datefield_value(d) for d in days]
        kind = DURATION_KINDS[name]
        parts.append(
            f"SELECT {day} AS day, ward_id, department_id, {kind} AS kind, "  # noqa: S608
            f"{bucket} AS bucket, COUNT(*) AS n FROM {table} WHERE {where} "
            f"GROUP BY {day}, ward_id, department_id, {bucket}"
        )
        parts.append(
            f"SELECT {day} AS day, {ALL}, {ALL}, {kind}, {bucket}, COUNT(*) "  # noqa: S608
            f"FROM {table} WHERE {where} GROUP BY {day}, {bucket}"
        )
        params += values + values
    # One SELECT, so that it stays whole inside EXCEPT (compound operators chain left).
    return f"SELECT * FROM ({' UNION ALL '.join(parts)}) parts", params  # noqa: S608


def rebuild_months(months: Iterable[dt.date] | None) -> None:
    """Replace the monthly counts of ``months`` (all if None) by sums of their days."""
    table, daily = MonthlyDurations._meta.db_table, DailyDurations._meta.db_table
    keys = ", ".join(COLUMNS)
    adapt = connection.ops.adapt_datefield_value
    with transaction.atomic(), connection.cursor() as cursor:
        if months is None:
            MonthlyDurations.objects.all().delete()
            cursor.execute(
                f"SELECT DISTINCT day FROM {daily}"  # noqa: S608
            )
            months = {month_of(as_date(row[0])) for row in cursor.fetchall()}
        for month in sorted(set(months)):
            MonthlyDurations.objects.filter(month=month).delete()
            cursor.execute(
                f"INSERT INTO {table} (month, {keys}, count) "  # noqa: S608
                f"SELECT %s, {keys}, SUM(count) FROM {daily} "
                f"WHERE day BETWEEN %s AND %s GROUP BY {keys} ORDER BY {keys}",
                [adapt(month), adapt(month), adapt(month_end(month))],
            )


def rebuild_days(days: Iterable[dt.date] | None) -> None:
    """Replace the counts of ``days`` (all if None) from the facts, and their months'."""
    insert = (f"INSERT INTO {DailyDurations._meta.db_table} "
              f"(day, {', '.join(COLUMNS)}, count) ")
    ordered = f" ORDER BY day, {', '.join(COLUMNS)}"  # in key order: see daily.rebuild_days
    with transaction.atomic(), connection.cursor() as cursor:
        if days is None:
            DailyDurations.objects.all().delete()
            sql, params = _select(None)
            cursor.execute(insert + sql + ordered, params)
            rebuild_months(None)
            return
        days = sorted(set(days))
        for start in range(0, len(days), 400):
            chunk = days[start:start + 400]
            DailyDurations.objects.filter(day__in=chunk).delete()
            sql, params = _select(chunk)
            cursor.execute(insert + sql + ordered, params)
        rebuild_months({month_of(d) for d in days})


def contribute(counts: Counts, fact: tuple, sign: int) -> None:
    """Add (sign 1) or subtract (sign -1) the buckets of one fact row."""
    for name, (day, bucket) in SOURCES.items():
        when = fact[_AT[day]]
        if when is None:
            continue
        kind, number = DURATION_KINDS[name], fact[_AT[bucket]]
        for key in ((fact[_AT["ward_id"]], fact[_AT["department_id"]]), (ALL, ALL)):
            counts[(when, *key, kind, number)] = counts.get((when, *key, kind, number), 0) + sign


def changes(pairs: Iterable[tuple[tuple | None, tuple | None]]) -> Counts:
    """The net change of the counts for (old fact, new fact) pairs (None: absent)."""
    return {key: n for key, n in fold(pairs, contribute).items() if n}


def _upsert(model, first: str, rows: list[tuple]) -> None:
    add_rows(model, (first, *COLUMNS), ("count",), rows, ("count",))


def apply(counts: Counts) -> None:
    """Add ``counts`` to the daily rows and their months' rows (caller's transaction)."""
    if not counts:
        return
    adapt = connection.ops.adapt_datefield_value
    months: dict[tuple, int] = defaultdict(int)
    for (day, *key), n in counts.items():
        months[(month_of(day), *key)] += n
    _upsert(DailyDurations, "day", [(adapt(day), *key, n) for (day, *key), n in counts.items()])
    _upsert(MonthlyDurations, "month",
            [(adapt(month), *key, n) for (month, *key), n in months.items() if n])


def _except(first: str, second: str, params: list) -> list[tuple]:
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT * FROM ({first} EXCEPT {second}) d LIMIT {LIMIT}",  # noqa: S608
                       params)
        return cursor.fetchall()


def differences() -> tuple[set[dt.date], set[dt.date], bool]:
    """The days whose stored counts differ from the facts' (either way), the months whose
    stored counts differ from the sums of their stored days, and whether the days were
    cut at LIMIT rows (then every day is to be rebuilt)."""
    keys = ", ".join(COLUMNS)
    expected, params = _select(None)
    daily, monthly = DailyDurations._meta.db_table, MonthlyDurations._meta.db_table
    stored = f"SELECT day, {keys}, count FROM {daily}"  # noqa: S608
    missing, stale = _except(expected, stored, params), _except(stored, expected, params)
    wrong_days = {as_date(row[0]) for row in missing + stale}
    cut = max(len(missing), len(stale)) >= LIMIT  # the comparison stopped: repair all
    # Months: the sums of the days, per month, against the monthly rows. The month of a
    # day is computed in Python (no date function both engines share), so the days are
    # rolled up here: one pass over the daily rows, a few thousand per month.
    from_days: dict[tuple, int] = defaultdict(int)
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT day, {keys}, count FROM {daily}")  # noqa: S608
        for day, *key, n in cursor.fetchall():
            from_days[(month_of(as_date(day)), *key)] += n
        cursor.execute(f"SELECT month, {keys}, count FROM {monthly}")  # noqa: S608
        from_months = {(as_date(month), *key): n for month, *key, n in cursor.fetchall()}
    wrong_months = {key[0] for key in set(from_days) | set(from_months)
                    if from_days.get(key, 0) != from_months.get(key, 0)}
    return wrong_days, wrong_months, cut
