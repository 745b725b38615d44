"""A period split into whole months (read from MonthlyFact) and loose days (DailyFact)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from smartdistrict.dashboard.facts.daily import month_end, month_of
from smartdistrict.dashboard.selectors.scope import Period


@dataclass(frozen=True)
class Pieces:
    months: list[dt.date]  # first days of the whole months inside the period
    days: list[tuple[dt.date, dt.date]]  # inclusive day ranges outside those months


def pieces(period: Period) -> Pieces:
    months: list[dt.date] = []
    days: list[tuple[dt.date, dt.date]] = []
    cursor = period.start
    while cursor <= period.end:
        month = month_of(cursor)
        last = month_end(month)
        if cursor == month and last <= period.end:
            months.append(month)
        else:
            days.append((cursor, min(last, period.end)))
        cursor = last + dt.timedelta(days=1)
    return Pieces(months, days)
