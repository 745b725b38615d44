"""A period, and the one before it, as signed pieces of the daily and monthly tables.

A month wholly inside a period is read from its monthly row. A month the period covers
in part is read either as its days, or, when that reads fewer rows, as its monthly row
less the days the period leaves out: a 30-day period ending today reads the current
month's row (nothing is stored after today) and the few days of the month before that
fall outside the period, not 30 days of rows (issue 18: each day holds a row per ward,
department and category with data, so the days read were the cost that grew with the
reports until every key had data every day).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from smartdistrict.dashboard.facts.daily import month_end, month_of
from smartdistrict.dashboard.selectors.scope import Period

CURRENT, PREVIOUS = 1, 0
MONTH_ROW_COST = 2  # a monthly row holds about twice the keys of a day's rows


@dataclass(frozen=True)
class Piece:
    """Rows of one table to add (sign 1) or subtract (sign -1) for one of the periods."""

    level: str  # "day" (DailyFact & co., days first … last) or "month" (first = last)
    first: dt.date
    last: dt.date  # inclusive
    part: int  # CURRENT or PREVIOUS
    sign: int


def _days(first: dt.date, last: dt.date, today: dt.date) -> int:
    """The days from first to last that can hold rows (none after today)."""
    return max(0, (min(last, today) - first).days + 1)


def _month_pieces(first: dt.date, last: dt.date, part: int, today: dt.date) -> list[Piece]:
    """The pieces of [first, last], which lie inside one calendar month."""
    month, end = month_of(first), month_end(first)
    if first == month and last == end:
        return [Piece("month", month, month, part, 1)]
    left_out = [(a, b) for a, b in ((month, first - dt.timedelta(days=1)),
                                    (last + dt.timedelta(days=1), end)) if a <= b]
    outside = sum(_days(a, b, today) for a, b in left_out)
    if MONTH_ROW_COST + outside < _days(first, last, today):
        return [Piece("month", month, month, part, 1),
                *(Piece("day", a, b, part, -1) for a, b in left_out)]
    return [Piece("day", first, last, part, 1)]


def signed_pieces(period: Period, today: dt.date) -> list[Piece]:
    """The pieces whose signed sum is exactly ``period`` (part CURRENT) and the period
    before it (part PREVIOUS). ``today`` only chooses between the two ways of reading a
    partial month; either way is exact, whatever is stored after today."""
    found: list[Piece] = []
    for part, span in ((PREVIOUS, period.previous()), (CURRENT, period)):
        cursor = span.start
        while cursor <= span.end:
            last = min(month_end(month_of(cursor)), span.end)
            found += _month_pieces(cursor, last, part, today)
            cursor = last + dt.timedelta(days=1)
    return found
