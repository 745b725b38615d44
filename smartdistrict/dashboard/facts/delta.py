"""Daily and monthly sums kept by delta: a changed fact subtracts what its old version
added and adds what its new version adds, so a refresh costs in proportion to the
changes, never to the table (issue 18: the rebuild of every touched day read millions of
facts once 180 days were touched).

The contributions are the same as daily.py's SQL (``_parts``), computed in Python from
the fact tuples; the nightly check (check.py) recomputes everything from the reports and
repairs any drift. The upsert ``INSERT … ON CONFLICT … DO UPDATE SET x = x + excluded.x``
is shared by SQLite (3.24+) and PostgreSQL.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable

from django.db import connection

from smartdistrict.dashboard.facts.daily import KEY, MEASURES, month_of
from smartdistrict.dashboard.facts.rows import FACT_FIELDS
from smartdistrict.dashboard.models import CHANNEL_COLUMNS, DailyFact, MonthlyFact

_AT = {name: FACT_FIELDS.index(name) for name in FACT_FIELDS}
_MEASURE = {name: position for position, name in enumerate(MEASURES)}
# A daily row exists only while one of these counts is positive (every contribution adds
# one to at least one of them), as in a rebuild from the facts.
COUNTS = ("received", "responded", "resolved", "closed", "ratings")
ROWS_PER_STATEMENT = 500

Sums = dict[tuple, list[int]]  # (day, ward, department, category) -> MEASURES order


def _add(sums: Sums, day: dt.date, key: tuple, values: dict[str, int], sign: int) -> None:
    row = sums.setdefault((day, *key), [0] * len(MEASURES))
    for name, value in values.items():
        row[_MEASURE[name]] += sign * value


def contribute(sums: Sums, fact: tuple, sign: int) -> None:
    """Add (sign 1) or subtract (sign -1) what one fact row gives to the daily sums."""
    at = _AT
    key = (fact[at["ward_id"]], fact[at["department_id"]], fact[at["category_id"]])
    channel = fact[at["channel"]]
    column = CHANNEL_COLUMNS.get(channel, "received_other")
    _add(sums, fact[at["created_day"]], key, {"received": 1, column: 1}, sign)
    if fact[at["response_day"]] is not None:
        _add(sums, fact[at["response_day"]], key,
             {"responded": 1, "response_s_sum": fact[at["response_s"]] or 0}, sign)
    if fact[at["resolved_day"]] is not None:
        _add(sums, fact[at["resolved_day"]], key,
             {"resolved": 1, "resolved_on_time": 1 if fact[at["on_time"]] else 0,
              "resolution_s_sum": fact[at["resolution_s"]] or 0}, sign)
    if fact[at["closed_day"]] is not None:
        _add(sums, fact[at["closed_day"]], key, {"closed": 1}, sign)
    if fact[at["rated_day"]] is not None:
        rating = fact[at["rating"]] or 0
        _add(sums, fact[at["rated_day"]], key,
             {"ratings": 1, "rating_sum": rating, "ratings_good": 1 if rating >= 4 else 0},
             sign)


def fold(pairs: Iterable[tuple[tuple | None, tuple | None]], add) -> dict:
    """``add(totals, fact, sign)`` over (old fact, new fact) pairs (None: absent): the old
    version subtracted, the new one added."""
    totals: dict = {}
    for before, after in pairs:
        if before is not None:
            add(totals, before, -1)
        if after is not None:
            add(totals, after, 1)
    return totals


def changes(pairs: Iterable[tuple[tuple | None, tuple | None]]) -> Sums:
    """The net change of the daily sums for (old fact, new fact) pairs (None: absent)."""
    return {key: values for key, values in fold(pairs, contribute).items() if any(values)}


def in_key_order(rows: list[tuple], width: int) -> list[tuple]:
    """``rows`` sorted on their first ``width`` values (the unique key): the upsert then
    walks the key's index in order and meets the rows of one day together, on the pages
    the rebuild wrote them to in that order (issue 18)."""
    return sorted(rows, key=lambda row: row[:width])


def add_rows(model, keys: tuple[str, ...], measures: tuple[str, ...],
             rows: list[tuple], counts: tuple[str, ...]) -> None:
    """Add ``rows`` (keys then measures) to ``model``'s table, keyed on ``keys``; delete
    the rows left with every one of ``counts`` at zero (the rows a rebuild would not
    write: only the rows this upsert touched are looked at, by RETURNING). The daily
    and monthly sums, their rollups and the duration counts use it."""
    table = model._meta.db_table
    rows = in_key_order(rows, len(keys))
    columns = (*keys, *measures)
    placeholders = "(" + ", ".join(["%s"] * len(columns)) + ")"
    updates = ", ".join(f"{m} = {table}.{m} + excluded.{m}" for m in measures)
    tail = (f"ON CONFLICT ({', '.join(keys)}) DO UPDATE SET {updates} "
            f"RETURNING id, {' + '.join(counts)}")
    emptied: list[int] = []
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql" and rows:
            # One array per column (unnest): a statement of a fixed length, where
            # thousands of placeholders cost more to bind than the upsert itself; each
            # array sent as one text of comma-separated values (the first column is the
            # day or month, every other one an integer), which halved the cost of
            # binding lists of numbers (3,458 rows of 23 columns: 55 ms → 26 ms).
            arrays = ", ".join(f"string_to_array(%s, ',')::{kind}[]"
                               for kind in ["date"] + ["bigint"] * (len(columns) - 1))
            cursor.execute(
                f"INSERT INTO {table} ({', '.join(columns)}) "  # noqa: S608
                f"SELECT * FROM unnest({arrays}) {tail}",
                [",".join(map(str, column)) for column in zip(*rows, strict=True)],
            )
            emptied = [row_id for row_id, left in cursor.fetchall() if left == 0]
            rows = []
        for start in range(0, len(rows), ROWS_PER_STATEMENT):
            chunk = rows[start:start + ROWS_PER_STATEMENT]
            cursor.execute(
                f"INSERT INTO {table} ({', '.join(columns)}) "  # noqa: S608
                f"VALUES {', '.join([placeholders] * len(chunk))} {tail}",
                [value for row in chunk for value in row],
            )
            emptied += [row_id for row_id, left in cursor.fetchall() if left == 0]
    for start in range(0, len(emptied), 900):
        model.objects.filter(id__in=emptied[start:start + 900]).delete()


def apply(sums: Sums) -> set[dt.date]:
    """Add ``sums`` to the daily rows and to their months' rows; drop the rows left with
    no count. Returns the days touched. Runs in the caller's transaction."""
    if not sums:
        return set()
    adapt = connection.ops.adapt_datefield_value
    months: dict[tuple, list[int]] = defaultdict(lambda: [0] * len(MEASURES))
    for (day, *key), values in sums.items():
        row = months[(month_of(day), *key)]
        for position, value in enumerate(values):
            row[position] += value
    add_rows(DailyFact, ("day", *KEY), MEASURES,
             [(adapt(day), *key, *values) for (day, *key), values in sums.items()], COUNTS)
    add_rows(MonthlyFact, ("month", *KEY), MEASURES,
             [(adapt(month), *key, *values)
              for (month, *key), values in months.items() if any(values)], COUNTS)
    return {key[0] for key in sums}
