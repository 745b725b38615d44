"""Pure parts: duration buckets, periods and their split into months and days."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from smartdistrict.core.errors import InvalidInput
from smartdistrict.dashboard.facts.rows import bucket
from smartdistrict.dashboard.selectors.periods import pieces
from smartdistrict.dashboard.selectors.scope import Period


@given(st.integers(min_value=-10**6, max_value=10**9), st.integers(min_value=0,
                                                                 max_value=10**9))
def test_buckets_never_decrease_with_the_duration(a, step):
    assert bucket(a) <= bucket(a + step)


def test_bucket_width_is_a_quarter_of_a_doubling():
    assert [bucket(s) for s in (0, 1, 3, 4, 5, 6, 7, 8, 16, 24)] == [0, 1, 3, 8, 9, 10, 11,
                                                                       12, 16, 18]
    assert bucket(None) is None


@given(st.dates(min_value=dt.date(2020, 1, 1), max_value=dt.date(2030, 1, 1)),
       st.integers(min_value=0, max_value=900))
def test_pieces_cover_the_period_exactly_once(start, length):
    period = Period(start, start + dt.timedelta(days=length))
    split = pieces(period)
    days = set()
    for month in split.months:
        day = month
        while day.month == month.month:
            days.add(day)
            day += dt.timedelta(days=1)
    for first, last in split.days:
        day = first
        while day <= last:
            assert day not in days
            days.add(day)
            day += dt.timedelta(days=1)
    assert len(days) == period.days
    assert min(days) == period.start and max(days) == period.end


def test_previous_period_has_the_same_length():
    period = Period(dt.date(2025, 6, 1), dt.date(2025, 7, 31))
    assert period.previous() == Period(dt.date(2025, 4, 1), dt.date(2025, 5, 31))


def test_bad_periods_are_refused():
    with pytest.raises(InvalidInput):
        Period(dt.date(2025, 2, 1), dt.date(2025, 1, 1))
    with pytest.raises(InvalidInput):
        Period(dt.date(2020, 1, 1), dt.date(2025, 1, 1))
