"""The sums of a period and of the previous one, folded in SQL: the totals of each
period and the current period's sums per ward, department and category.

The page never shows the sums per (ward, department, category) together, so the
database folds the key rows into the four groupings it shows (a few hundred rows come
back, not one per key and day): issue 18, where tens of thousands of key rows were
folded in Python. Whole months are read from MonthlyFact, loose days from DailyFact
(periods.pieces). One statement per table: the rows read once (a CTE), grouped four ways.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field

from django.db import connection
from django.db.models import Case, IntegerField, Q, Value, When

from smartdistrict.dashboard.facts.daily import KEY, MEASURES
from smartdistrict.dashboard.models import DailyFact, MonthlyFact
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
