"""The working-time calendar: office hours, Vietnamese public holidays, overrides.

Every holiday here comes from the real ``holidays`` package; the expectations are the
days off the government announced (Tết 2026: Sat 14 to Sun 22 Feb; 2 Sep 2026 with
Mon 31 Aug off and Sat 22 Aug worked in exchange).
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.utils import translation
from hypothesis import given, settings
from hypothesis import strategies as st

from smartdistrict.core.calendar import (
    CalendarInputError,
    OfficePeriod,
    WorkingCalendar,
    parse_office_hours,
    public_days_off,
)
from smartdistrict.core.errors import InvalidInput
from smartdistrict.core.tests.calendar_helpers import HCM, at, day

CALENDAR = WorkingCalendar()
pytestmark = pytest.mark.usefixtures("english_fresh_calendar")




# --- settings parsing ---------------------------------------------------------------------


def test_office_hours_are_parsed_and_sorted():
    assert parse_office_hours(" 13:00-17:00 , 7:30-11:30 ") == (
        OfficePeriod(dt.time(7, 30), dt.time(11, 30)),
        OfficePeriod(dt.time(13), dt.time(17)),
    )


@pytest.mark.parametrize(
    "text", ["", "07:30", "7h30-11h30", "11:30-07:30", "07:30-12:00,11:00-17:00", "25:00-26:00"]
)
def test_bad_office_hours_are_refused(text):
    with pytest.raises(CalendarInputError):
        parse_office_hours(text)


def test_a_calendar_needs_a_working_weekday_and_consistent_overrides():
    with pytest.raises(CalendarInputError):
        WorkingCalendar(working_weekdays=frozenset())
    with pytest.raises(CalendarInputError):
        WorkingCalendar(working_weekdays=frozenset({7}))
    with pytest.raises(CalendarInputError):
        WorkingCalendar(
            extra_days_off=frozenset({day("2026-03-02")}),
            extra_working_days=frozenset({day("2026-03-02")}),
        )


# --- which days are working days --------------------------------------------------------------


def test_weekends_are_closed_and_weekdays_open():
    assert CALENDAR.is_working_day(day("2026-03-06"))  # Friday
    assert not CALENDAR.is_working_day(day("2026-03-07"))  # Saturday
    assert not CALENDAR.is_working_day(day("2026-03-08"))  # Sunday
    assert CALENDAR.is_working_day(day("2026-03-09"))  # Monday


def test_tet_2026_closes_monday_16_to_friday_20_february():
    tet_week = [day(f"2026-02-{d}") for d in range(16, 21)]
    assert all(d in public_days_off("VN", 2026).days_off for d in tet_week)
    assert [CALENDAR.is_working_day(day(f"2026-02-{d}")) for d in range(13, 24)] == [
        True,  # Fri 13: last working day before Tết
        False, False,  # weekend
        False, False, False, False, False,  # 29 Tết (Giao thừa) to mùng 4
        False, False,  # weekend
        True,  # Mon 23: back to work
    ]  # fmt: skip
    assert CALENDAR.days_off_between(day("2026-02-14"), day("2026-02-22")) == [
        day("2026-02-14") + dt.timedelta(days=i) for i in range(9)
    ]


def test_hung_kings_day_2026_falls_on_sunday_and_is_observed_on_monday():
    assert "Hùng Vương" in public_days_off("VN", 2026).days_off[day("2026-04-26")]
    assert not CALENDAR.is_working_day(day("2026-04-26"))
    assert not CALENDAR.is_working_day(day("2026-04-27"))
    assert CALENDAR.is_working_day(day("2026-04-28"))
    with translation.override("en"):
        assert CALENDAR.day_off_reason(day("2026-04-27")) == (
            "Hung Kings' Commemoration Day (observed)"
        )


def test_reunification_day_and_labour_day():
    assert not CALENDAR.is_working_day(day("2026-04-30"))  # Thursday
    assert not CALENDAR.is_working_day(day("2026-05-01"))  # Friday
    assert CALENDAR.is_working_day(day("2026-04-29"))
    assert CALENDAR.is_working_day(day("2026-05-04"))
    # 2025: Fri 2 May was off in exchange for working Sat 26 Apr.
    assert not CALENDAR.is_working_day(day("2025-05-02"))
    assert CALENDAR.is_working_day(day("2025-04-26"))


def test_national_day_2026_and_its_swap_saturday():
    for off in ("2026-08-31", "2026-09-01", "2026-09-02"):
        assert not CALENDAR.is_working_day(day(off)), off
    assert CALENDAR.is_working_day(day("2026-09-03"))
    assert CALENDAR.is_working_day(day("2026-08-22"))  # Saturday worked for Mon 31 Aug
    assert day("2026-08-22") in public_days_off("VN", 2026).working_days


def test_a_swap_day_across_new_year_is_kept():
    # 31 Dec 2018 was off, worked on Saturday 5 Jan 2019.
    assert not CALENDAR.is_working_day(day("2018-12-31"))
    assert CALENDAR.is_working_day(day("2019-01-05"))


def test_overrides_win_over_the_law():
    calendar = WorkingCalendar(
        extra_days_off=frozenset({day("2026-03-10"), day("2026-08-22")}),
        extra_working_days=frozenset({day("2026-03-14"), day("2026-09-02")}),
    )
    assert not calendar.is_working_day(day("2026-03-10"))  # Tuesday closed
    assert not calendar.is_working_day(day("2026-08-22"))  # government swap Saturday closed
    assert calendar.is_working_day(day("2026-03-14"))  # make-up Saturday
    assert calendar.is_working_day(day("2026-09-02"))  # even a holiday
    assert calendar.day_off_reason(day("2026-03-10"))
    assert calendar.day_off_reason(day("2026-03-14")) is None


# --- office hours edges ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("moment", "opening"),
    [
        ("2026-03-10 07:29:59", "2026-03-10 07:30"),  # before opening
        ("2026-03-10 07:30", "2026-03-10 07:30"),  # exactly at opening
        ("2026-03-10 11:29:59", "2026-03-10 11:29:59"),
        ("2026-03-10 11:30", "2026-03-10 13:00"),  # the morning closes at 11:30
        ("2026-03-10 12:15", "2026-03-10 13:00"),  # lunch
        ("2026-03-10 13:00", "2026-03-10 13:00"),
        ("2026-03-10 16:59:59", "2026-03-10 16:59:59"),
        ("2026-03-10 17:00", "2026-03-11 07:30"),  # closing time counts as closed
        ("2026-03-10 22:00", "2026-03-11 07:30"),  # after closing
        ("2026-03-13 17:00", "2026-03-16 07:30"),  # Friday evening → Monday
        ("2026-03-14 10:00", "2026-03-16 07:30"),  # Saturday
        ("2026-02-13 17:30", "2026-02-23 07:30"),  # Tết
    ],
)
def test_next_opening(moment, opening):
    assert CALENDAR.next_opening(at(moment)) == at(opening)
    assert CALENDAR.is_open(at(moment)) == (moment == opening)


# --- working days ---------------------------------------------------------------------------------


def test_acceptance_five_working_days_across_tet_2026():
    start = dt.datetime.fromisoformat("2026-02-13T10:00+07:00")
    due = CALENDAR.add_working_days(start, 5)
    assert due.isoformat() == "2026-02-27T10:00:00+07:00"
    assert due.tzinfo == HCM


@pytest.mark.parametrize(
    ("start", "n", "due"),
    [
        ("2026-03-10 10:00", 0, "2026-03-10 10:00"),
        ("2026-03-10 10:00", 1, "2026-03-11 10:00"),
        ("2026-03-13 10:00", 1, "2026-03-16 10:00"),  # over a weekend
        ("2026-03-10 06:00", 1, "2026-03-11 07:30"),  # before opening
        ("2026-03-10 12:00", 2, "2026-03-12 13:00"),  # at lunch
        ("2026-03-10 17:00", 1, "2026-03-12 07:30"),  # after closing: counts from Wed
        ("2026-03-14 09:00", 1, "2026-03-17 07:30"),  # from a Saturday
        ("2026-04-24 16:00", 1, "2026-04-28 16:00"),  # Hùng Kings observed on Monday
        ("2026-04-29 09:00", 1, "2026-05-04 09:00"),  # 30 Apr and 1 May
        ("2026-08-28 09:00", 1, "2026-09-03 09:00"),  # 31 Aug, 1 and 2 Sep
        ("2026-08-21 15:00", 1, "2026-08-22 15:00"),  # the swap Saturday is worked
    ],
)
def test_add_working_days(start, n, due):
    assert CALENDAR.add_working_days(at(start), n) == at(due)


def test_any_zone_in_ho_chi_minh_time_out():
    due = CALENDAR.add_working_days(dt.datetime(2026, 2, 13, 3, 0, tzinfo=dt.UTC), 5)
    assert due.isoformat() == "2026-02-27T10:00:00+07:00"


# --- working hours -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("start", "hours", "due"),
    [
        ("2026-03-10 09:00", 0, "2026-03-10 09:00"),
        ("2026-03-10 12:00", 0, "2026-03-10 13:00"),
        ("2026-03-10 09:00", 2, "2026-03-10 11:00"),
        ("2026-03-10 07:30", 4, "2026-03-10 11:30"),  # ends exactly at the lunch break
        ("2026-03-10 11:00", 1, "2026-03-10 13:30"),  # across lunch
        ("2026-03-10 07:30", 8, "2026-03-10 17:00"),  # one full day
        ("2026-03-10 16:00", 2, "2026-03-11 08:30"),  # overnight
        ("2026-03-10 17:00", 1.5, "2026-03-11 09:00"),  # from closing time
        ("2026-03-13 16:00", 2, "2026-03-16 08:30"),  # over a weekend
        ("2026-03-10 10:00", 0.25, "2026-03-10 10:15"),
        ("2026-03-10 10:00", Decimal("1.5"), "2026-03-10 11:30"),
        ("2026-02-13 16:00", 24, "2026-02-25 16:00"),  # 3 days' hours across Tết
    ],
)
def test_add_working_hours(start, hours, due):
    assert CALENDAR.add_working_hours(at(start), hours) == at(due)


@pytest.mark.parametrize(
    ("start", "end", "hours"),
    [
        ("2026-03-10 11:00", "2026-03-10 13:30", 1),  # lunch does not count
        ("2026-03-10 16:00", "2026-03-11 08:30", 2),  # nor the night
        ("2026-03-13 16:00", "2026-03-16 09:00", 2.5),  # nor the weekend
        ("2026-02-14 00:00", "2026-02-23 00:00", 0),  # nor Tết
        ("2026-03-10 00:00", "2026-03-11 00:00", 8),
        ("2026-03-11 08:30", "2026-03-10 16:00", -2),  # reversed: negative
    ],
)
def test_working_seconds_between(start, end, hours):
    assert CALENDAR.working_seconds_between(at(start), at(end)) == hours * 3600


# --- bad input ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "call",
    [
        lambda naive: CALENDAR.next_opening(naive),
        lambda naive: CALENDAR.is_open(naive),
        lambda naive: CALENDAR.add_working_days(naive, 1),
        lambda naive: CALENDAR.add_working_hours(naive, 1),
        lambda naive: CALENDAR.working_seconds_between(naive, at("2026-03-10 10:00")),
        lambda naive: CALENDAR.working_seconds_between(at("2026-03-10 10:00"), naive),
        lambda naive: CALENDAR.is_working_day(naive),
    ],
)
def test_naive_datetimes_are_refused(call):
    with pytest.raises(ValueError, match="time zone") as caught:
        call(dt.datetime(2026, 3, 10, 10, 0))
    assert isinstance(caught.value, InvalidInput)


@pytest.mark.parametrize("n", [-1, 1.5, True, "3"])
def test_bad_working_days_are_refused(n):
    with pytest.raises(CalendarInputError):
        CALENDAR.add_working_days(at("2026-03-10 10:00"), n)


@pytest.mark.parametrize("hours", [-0.5, float("nan"), float("inf"), False, "2"])
def test_bad_working_hours_are_refused(hours):
    with pytest.raises(CalendarInputError):
        CALENDAR.add_working_hours(at("2026-03-10 10:00"), hours)


# --- properties ---------------------------------------------------------------------------------

moments = st.datetimes(
    min_value=dt.datetime(2024, 1, 1), max_value=dt.datetime(2027, 12, 31), timezones=st.just(HCM)
)


def _inside_office_hours(moment: dt.datetime, *, closing_included: bool) -> bool:
    local = moment.astimezone(HCM)
    if not CALENDAR.is_working_day(local.date()):
        return False
    time = local.time()
    return any(
        period.start <= time < period.end or (closing_included and time == period.end)
        for period in CALENDAR.office_hours
    )


@settings(max_examples=200, deadline=None)
@given(start=moments, n=st.integers(min_value=0, max_value=40))
def test_working_days_land_in_office_hours_and_grow_with_n(start, n):
    due = CALENDAR.add_working_days(start, n)
    later = CALENDAR.add_working_days(start, n + 1)
    assert _inside_office_hours(due, closing_included=False)
    assert due.time() == CALENDAR.next_opening(start).time()
    assert start <= due < later
    assert due.utcoffset() == dt.timedelta(hours=7)


@settings(max_examples=200, deadline=None)
@given(
    start=moments,
    hours=st.floats(min_value=0, max_value=200, allow_nan=False),
    more=st.floats(min_value=0, max_value=50, allow_nan=False),
)
def test_working_hours_are_exactly_the_office_time_spent(start, hours, more):
    due = CALENDAR.add_working_hours(start, hours)
    assert _inside_office_hours(due, closing_included=True)
    assert CALENDAR.working_seconds_between(start, due) == pytest.approx(hours * 3600, abs=1e-3)
    assert start <= due <= CALENDAR.add_working_hours(start, hours + more)


@settings(max_examples=200, deadline=None)
@given(moment=moments)
def test_next_opening_is_open_not_earlier_and_idempotent(moment):
    opening = CALENDAR.next_opening(moment)
    assert opening >= moment
    assert CALENDAR.is_open(opening)
    assert CALENDAR.next_opening(opening) == opening
    assert CALENDAR.working_seconds_between(moment, opening) == 0
