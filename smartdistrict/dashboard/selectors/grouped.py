"""The sums of a period and of the previous one, folded in SQL: the totals of each
period and the current period's sums per ward, department and category.

The page never shows the sums per (ward, department, category) together, so the
database folds the key rows into the four groupings it shows (a few hundred rows come
back, not one per key and day): issue 18, where tens of thousands of key rows were
folded in Python. Whole months are read from MonthlyFact, loose days from DailyFact
(periods.pieces). The whole jurisdiction reads the rollups per dimension instead
(DailyRollup, MonthlyRollup: about a hundred rows per day or month); a selection reads
its rows once (a CTE), grouped four ways, one statement per table.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field

from django.db import connection
from django.db.models import Case, IntegerField, Q, Sum, Value, When

from smartdistrict.dashboard.facts.daily import KEY, MEASURES
from smartdistrict.dashboard.models import (
    ROLLUP_DIMENSIONS,
    DailyFact,
    DailyRollup,
    MonthlyFact,
    MonthlyRollup,
)
from smartdistrict.dashboard.selectors.periods import pieces
from smartdistrict.dashboard.selectors.scope import Period, Selection
from smartdistrict.dashboard.selectors.sums import Sums

BREAKDOWNS = KEY  # ward_id, department_id, category_id


@dataclass
class PeriodSums:
    current: Sums = field(default_factory=Sums)
    before: Sums = field(default_factory=Sums)
    # The current period's sums per ward as filed, per department, per category.
    by: dict[str, dict[int, Sums]] = field(
        default_factory=lambda: {name: defaultdict(Sums) for name in BREAKDOWNS})


def _statement(queryset, day_field: str, start: dt.date,
               breakdowns: tuple[str, ...]) -> tuple[str, list]:
    """One SELECT of (current, breakdown name or '', key, *sums) over ``queryset``."""
    inner, params = (
        queryset.annotate(in_period=Case(When(**{f"{day_field}__gte": start}, then=Value(1)),
                                       default=Value(0), output_field=IntegerField()))
        .values_list("in_period", *KEY, *MEASURES).order_by()
        .query.sql_with_params()
    )
    sums = ", ".join(f"SUM({name})" for name in MEASURES)
    parts = [f"SELECT in_period, '', 0, {sums} FROM f GROUP BY in_period"]  # noqa: S608
    parts += [
        f"SELECT in_period, '{name}', {name}, {sums} FROM f "  # noqa: S608
        f"WHERE in_period = 1 GROUP BY in_period, {name}"
        for name in breakdowns
    ]
    return f"WITH f AS ({inner}) {' UNION ALL '.join(parts)}", list(params)


def period_sums(selection: Selection, period: Period,
                breakdowns: tuple[str, ...] = BREAKDOWNS) -> PeriodSums:
    """The sums of ``period`` and of the previous period (at most two queries)."""
    previous = period.previous()
    months, days = [], []
    for part in (previous, period):
        split = pieces(part)
        months += split.months
        days += split.days
    reads = []
    if days:
        condition = Q()
        for first, last in days:
            condition |= Q(day__range=(first, last))
        reads.append(_statement(DailyFact.objects.filter(condition).filter(selection.q()),
                                "day", period.start, breakdowns))
    if months:
        reads.append(_statement(
            MonthlyFact.objects.filter(month__in=months).filter(selection.q()),
            "month", period.start, breakdowns))
    if not selection.q():
        return _from_rollups(period, months, days, breakdowns)
    found = PeriodSums()
    with connection.cursor() as cursor:
        for sql, params in reads:
            cursor.execute(sql, params)
            for current, name, key, *values in cursor.fetchall():
                sums = dict(zip(MEASURES, values, strict=True))
                if name:
                    found.by[name][key].add(sums)
                elif current:
                    found.current.add(sums)
                else:
                    found.before.add(sums)
    return found


def _from_rollups(period: Period, months: list[dt.date], days: list[tuple[dt.date, dt.date]],
                  breakdowns: tuple[str, ...]) -> PeriodSums:
    """The whole jurisdiction's sums from the rollups (a hundred or so rows per day or
    month): the previous period's total, the current period's total and breakdowns."""
    dimensions = {ROLLUP_DIMENSIONS[name]: name for name in breakdowns}
    reads = []
    if days:
        condition = Q()
        for first, last in days:
            condition |= Q(day__range=(first, last))
        reads.append((DailyRollup.objects.filter(condition), "day"))
    if months:
        reads.append((MonthlyRollup.objects.filter(month__in=months), "month"))
    found = PeriodSums()
    for rows, when in reads:
        current = Case(When(**{f"{when}__gte": period.start}, then=Value(1)),
                       default=Value(0), output_field=IntegerField())
        wanted = Q(dimension=0) | Q(**{f"{when}__gte": period.start},
                                    dimension__in=list(dimensions))
        sql, params = (
            rows.filter(wanted).annotate(in_period=current)
            .values_list("in_period", "dimension", "key")
            .annotate(*[Sum(name) for name in MEASURES]).order_by().query.sql_with_params()
        )
        with connection.cursor() as cursor:
            cursor.execute(sql, params)
            for in_period, dimension, key, *values in cursor.fetchall():
                sums = dict(zip(MEASURES, values, strict=True))
                if dimension:
                    found.by[dimensions[dimension]][key].add(sums)
                elif in_period:
                    found.current.add(sums)
                else:
                    found.before.add(sums)
    return found
