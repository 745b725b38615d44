"""Pure parts: duration buckets, periods and their signed split into months and days."""

from __future__ import annotations

import datetime as dt
from collections import Counter

import pytest
from hypothesis import given
from hypothesis import strategies as st

from smartdistrict.core.errors import InvalidInput
from smartdistrict.dashboard.facts.daily import month_end
from smartdistrict.dashboard.facts.rows import bucket
from smartdistrict.dashboard.selectors.periods import CURRENT, PREVIOUS, Piece, signed_pieces
from smartdistrict.dashboard.selectors.scope import Period


@given(st.integers(min_value=-10**6, max_value=10**9), st.integers(min_value=0,
                                                                 max_value=10**9))
def test_buckets_never_decrease_with_the_duration(a, step):
    assert bucket(a) <= bucket(a + step)


def test_bucket_width_is_a_quarter_of_a_doubling():
    assert [bucket(s) for s in (0, 1, 3, 4, 5, 6, 7, 8, 16, 24)] == [0, 1, 3, 8, 9, 10, 11,
                                                                       12, 16, 18]
    assert bucket(None) is None


def _net_days(split, part: int) -> Counter:
    """How many times each day is counted by the pieces of ``part`` (signs applied)."""
    counted: Counter = Counter()
    for piece in split:
        if piece.part != part:
            continue
        day = piece.first
        last = month_end(piece.first) if piece.level == "month" else piece.last
        while day <= last:
            counted[day] += piece.sign
            day += dt.timedelta(days=1)
    return +counted  # days counted zero times (added then subtracted) dropped


def _days_of(period: Period) -> Counter:
    return Counter(period.start + dt.timedelta(days=n) for n in range(period.days))


@given(st.dates(min_value=dt.date(2020, 1, 1), max_value=dt.date(2030, 1, 1)),
       st.integers(min_value=0, max_value=900), st.integers(min_value=-400, max_value=400))
def test_signed_pieces_count_each_day_of_both_periods_once(start, length, today_offset):
    period = Period(start, start + dt.timedelta(days=length))
    today = period.end + dt.timedelta(days=today_offset)
    split = signed_pieces(period, today)
    assert _net_days(split, CURRENT) == _days_of(period)
    assert _net_days(split, PREVIOUS) == _days_of(period.previous())
    assert all(piece.sign in (1, -1) for piece in split)
    assert not [p for p in split if p.sign == -1 and p.level == "month"]


def test_a_month_to_date_period_reads_the_month_row_not_its_days():
    """30 days ending 7 December: the current month's row (nothing is stored after
    today), and November's row less its first days, instead of 30 days of rows."""
    period = Period(dt.date(2026, 11, 8), dt.date(2026, 12, 7))
    current = [p for p in signed_pieces(period, dt.date(2026, 12, 7)) if p.part == CURRENT]
    assert current == [
        Piece("month", dt.date(2026, 11, 1), dt.date(2026, 11, 1), CURRENT, 1),
        Piece("day", dt.date(2026, 11, 1), dt.date(2026, 11, 7), CURRENT, -1),
        Piece("month", dt.date(2026, 12, 1), dt.date(2026, 12, 1), CURRENT, 1),
        Piece("day", dt.date(2026, 12, 8), dt.date(2026, 12, 31), CURRENT, -1),
    ]
    # A period in the past reads its partial months as days when that is cheaper.
    past = Period(dt.date(2025, 3, 3), dt.date(2025, 3, 9))
    assert signed_pieces(past, dt.date(2026, 12, 7))[-1] == Piece(
        "day", dt.date(2025, 3, 3), dt.date(2025, 3, 9), CURRENT, 1)


def test_previous_period_has_the_same_length():
    period = Period(dt.date(2025, 6, 1), dt.date(2025, 7, 31))
    assert period.previous() == Period(dt.date(2025, 4, 1), dt.date(2025, 5, 31))


def test_bad_periods_are_refused():
    with pytest.raises(InvalidInput):
        Period(dt.date(2025, 2, 1), dt.date(2025, 1, 1))
    with pytest.raises(InvalidInput):
        Period(dt.date(2020, 1, 1), dt.date(2025, 1, 1))
