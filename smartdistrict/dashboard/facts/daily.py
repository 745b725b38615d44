"""Daily and monthly sums rebuilt from the per-report facts, in SQL that SQLite and
PostgreSQL share.

Each report adds to up to five days (received, first answered, resolved, closed, rated):
the union of five SELECTs over ReportFact, grouped by day and key. A month's sums are
the sum of its days. Only constant column names are put into the SQL text; every value
is a bound parameter.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from django.db import connection, transaction

from smartdistrict.dashboard.models import CHANNEL_COLUMNS, DailyFact, MonthlyFact, ReportFact

KEY = ("ward_id", "department_id", "category_id")
MEASURES = (
    "received", *CHANNEL_COLUMNS.values(), "received_other", "responded", "response_s_sum",
    "resolved", "resolved_on_time", "resolution_s_sum", "closed", "ratings", "rating_sum",
    "ratings_good",
)
COLUMNS = ("day", *KEY, *MEASURES)
CHUNK = 400  # days per statement (well under any bound-parameter limit)
# Beyond this many days, one pass over every fact is cheaper than many day-list passes.
WHOLE_REBUILD_DAYS = 180


def _parts() -> dict[str, dict[str, str]]:
    """For each day column of ReportFact: what each report adds to the measures that day."""
    received = {"received": "1"}
    for channel, column in CHANNEL_COLUMNS.items():
        received[column] = f"CASE WHEN channel = '{channel}' THEN 1 ELSE 0 END"
    known = ", ".join(f"'{channel}'" for channel in CHANNEL_COLUMNS)
    received["received_other"] = f"CASE WHEN channel IN ({known}) THEN 0 ELSE 1 END"
    return {
        "created_day": received,
        "response_day": {"responded": "1", "response_s_sum": "response_s"},
        "resolved_day": {"resolved": "1",
                         "resolved_on_time": "CASE WHEN on_time THEN 1 ELSE 0 END",
                         "resolution_s_sum": "resolution_s"},
        "closed_day": {"closed": "1"},
        "rated_day": {"ratings": "1", "rating_sum": "rating",
                      "ratings_good": "CASE WHEN rating >= 4 THEN 1 ELSE 0 END"},
    }


def aggregate_sql(days: list[dt.date] | None) -> tuple[str, list]:
    """SELECT of the daily sums (COLUMNS order) for ``days``, or for every day if None."""
    table = ReportFact._meta.db_table
    parts, params = [], []
    for day_column, values in _parts().items():
        where = f"{day_column} IS NOT NULL"
        if days is not None:
            where += f" AND {day_column} IN ({', '.join(['%s'] * len(days))})"
            params.extend(connection.ops.adapt_datefield_value(d) for d in days)
        measures = ", ".join(f"{values.get(name, '0')} AS {name}" for name in MEASURES)
        parts.append(
            f"SELECT {day_column} AS day, {', '.join(KEY)}, {measures} "  # noqa: S608
            f"FROM {table} WHERE {where}"
        )
    sums = ", ".join(f"SUM({name})" for name in MEASURES)
    sql = (
        f"SELECT day, {', '.join(KEY)}, {sums} "  # noqa: S608
        f"FROM ({' UNION ALL '.join(parts)}) parts GROUP BY day, {', '.join(KEY)}"
    )
    return sql, params


def _chunks(days: list[dt.date]) -> Iterable[list[dt.date]]:
    for start in range(0, len(days), CHUNK):
        yield days[start:start + CHUNK]


def as_date(value) -> dt.date:
    """A day read raw from a cursor: a date on PostgreSQL, ISO text on SQLite."""
    return value if isinstance(value, dt.date) else dt.date.fromisoformat(str(value)[:10])


def month_of(day: dt.date) -> dt.date:
    return day.replace(day=1)


def month_end(month: dt.date) -> dt.date:
    following = (month.replace(day=28) + dt.timedelta(days=4)).replace(day=1)
    return following - dt.timedelta(days=1)


def rebuild_months(months: Iterable[dt.date] | None) -> None:
    """Replace the monthly rows of ``months`` (all if None) by sums of their days."""
    if months is None:
        first = DailyFact.objects.order_by("day").values_list("day", flat=True).first()
        last = DailyFact.objects.order_by("-day").values_list("day", flat=True).first()
        MonthlyFact.objects.all().delete()
        months = []
        if first is not None:
            month = month_of(first)
            while month <= last:
                months.append(month)
                month = month_end(month) + dt.timedelta(days=1)
    table, daily = MonthlyFact._meta.db_table, DailyFact._meta.db_table
    columns = ", ".join(("month", *KEY, *MEASURES))
    sums = ", ".join(f"SUM({name})" for name in MEASURES)
    sql = (
        f"INSERT INTO {table} ({columns}) SELECT %s, {', '.join(KEY)}, {sums} "  # noqa: S608
        f"FROM {daily} WHERE day BETWEEN %s AND %s GROUP BY {', '.join(KEY)} "
        f"ORDER BY {', '.join(KEY)}"
    )
    adapt = connection.ops.adapt_datefield_value
    with transaction.atomic(), connection.cursor() as cursor:
        for month in sorted(set(months)):
            MonthlyFact.objects.filter(month=month).delete()
            cursor.execute(sql, [adapt(month), adapt(month), adapt(month_end(month))])


def rebuild_days(days: Iterable[dt.date] | None) -> None:
    """Replace the daily rows of ``days`` (all days if None) by sums of the current facts,
    and their months' rows. Runs inside the caller's transaction when there is one."""
    table = DailyFact._meta.db_table
    insert = f"INSERT INTO {table} ({', '.join(COLUMNS)}) "
    # Written in key order: a day's rows share pages, so a delta refresh that touches
    # several rows of one day reads fewer pages (issue 18); delta.py updates them in place.
    ordered = f" ORDER BY day, {', '.join(KEY)}"
    with transaction.atomic(), connection.cursor() as cursor:
        if days is None:
            DailyFact.objects.all().delete()
            sql, params = aggregate_sql(None)
            cursor.execute(insert + sql + ordered, params)
            rebuild_months(None)
            return
        days = sorted(set(days))
        if len(days) > WHOLE_REBUILD_DAYS:
            rebuild_days(None)
            return
        for chunk in _chunks(days):
            DailyFact.objects.filter(day__in=chunk).delete()
            sql, params = aggregate_sql(chunk)
            cursor.execute(insert + sql + ordered, params)
        rebuild_months({month_of(d) for d in days})


def _except(first: str, second: str, params: list, limit: int) -> list[tuple]:
    with connection.cursor() as cursor:
        sql = f"SELECT * FROM ({first} EXCEPT {second}) d LIMIT {int(limit)}"  # noqa: S608
        cursor.execute(sql, params)
        return cursor.fetchall()


def differences(limit: int = 1_000) -> tuple[list[tuple], list[tuple], set[dt.date]]:
    """Daily rows the facts give that the table lacks (or holds otherwise) and stored daily
    rows the facts do not give (each starts with its day; at most ``limit`` each), then
    the months whose stored sums differ from the sums of their stored days."""
    expected, params = aggregate_sql(None)
    stored = f"SELECT {', '.join(COLUMNS)} FROM {DailyFact._meta.db_table}"  # noqa: S608
    missing = _except(expected, stored, params, limit)
    stale = _except(stored, expected, params, limit)
    sums = ", ".join(f"SUM({name})" for name in MEASURES)
    from_days = (
        f"SELECT {', '.join(KEY)}, {sums} FROM {DailyFact._meta.db_table} "  # noqa: S608
        f"WHERE day BETWEEN %s AND %s GROUP BY {', '.join(KEY)}"
    )
    from_month = (
        f"SELECT {', '.join((*KEY, *MEASURES))} "  # noqa: S608
        f"FROM {MonthlyFact._meta.db_table} WHERE month = %s"
    )
    months = {month_of(d) for d in DailyFact.objects.values_list("day", flat=True).distinct()}
    months |= set(MonthlyFact.objects.values_list("month", flat=True).distinct())
    adapt = connection.ops.adapt_datefield_value
    wrong = set()
    for month in sorted(months):
        span = [adapt(month), adapt(month_end(month))]
        if _except(from_days, from_month, [*span, adapt(month)], 1) or _except(
            from_month, from_days, [adapt(month), *span], 1
        ):
            wrong.add(month)
    return missing, stale, wrong
