"""Received, resolved and on-time rate by week or month, for the trend chart."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass

from django.db.models import Sum

from smartdistrict.dashboard.facts.daily import month_end, month_of
from smartdistrict.dashboard.models import DailyFact, MonthlyFact
from smartdistrict.dashboard.selectors.scope import Period, Selection
from smartdistrict.dashboard.selectors.sums import Sums

WEEKS = 13
MONTHS = 12


@dataclass(frozen=True)
class Point:
    start: dt.date
    end: dt.date
    sums: Sums


def trend_window(period: Period, step: str) -> Period:
    """The weeks (13, Monday to Sunday) or months (12) that end with the period's end."""
    if step == "week":
        last_monday = period.end - dt.timedelta(days=period.end.weekday())
        return Period(last_monday - dt.timedelta(weeks=WEEKS - 1), period.end)
    first = month_of(period.end)
    for _ in range(MONTHS - 1):
        first = month_of(first - dt.timedelta(days=1))
    return Period(first, period.end)


def trend(selection: Selection, period: Period, step: str = "month") -> list[Point]:
    """One point per week or month of the window (one query: monthly sums for months,
    daily sums for weeks)."""
    window = trend_window(period, step)
    fields = ("received", "resolved", "resolved_on_time")
    buckets: dict[dt.date, Sums] = defaultdict(Sums)
    if step == "week":
        rows = (DailyFact.objects.filter(day__range=(window.start, window.end))
                .filter(selection.q()).values_list("day").annotate(*[Sum(f) for f in fields])
                .order_by())
        for day, *values in rows:
            key = day - dt.timedelta(days=day.weekday())
            for name, value in zip(fields, values, strict=True):
                setattr(buckets[key], name, getattr(buckets[key], name) + (value or 0))
        starts = [window.start + dt.timedelta(weeks=i) for i in range(WEEKS)]
        ends = [min(s + dt.timedelta(days=6), window.end) for s in starts]
    else:
        # Whole months from the monthly sums; a last month cut by the period's end, by day.
        partial = month_of(window.end) if month_end(window.end) != window.end else None
        whole_end = (partial - dt.timedelta(days=1)) if partial else window.end
        rows = list(MonthlyFact.objects.filter(month__range=(window.start, whole_end))
                    .filter(selection.q()).values_list("month")
                    .annotate(*[Sum(f) for f in fields]).order_by())
        if partial:
            total = (DailyFact.objects.filter(day__range=(partial, window.end))
                     .filter(selection.q()).aggregate(*[Sum(f) for f in fields]))
            rows.append((partial, *total.values()))
        for month, *values in rows:
            for name, value in zip(fields, values, strict=True):
                setattr(buckets[month], name, getattr(buckets[month], name) + (value or 0))
        starts, month = [], window.start
        while month <= window.end:
            starts.append(month)
            month = month_end(month) + dt.timedelta(days=1)
        ends = [min(month_end(s), window.end) for s in starts]
    return [Point(s, e, buckets.get(s, Sums())) for s, e in zip(starts, ends, strict=True)]
