"""Working-time arithmetic: deadlines in working days and hours, time spent in office hours.

Citizen feedback must be answered within a number of working days or hours (see
shared/domain/feedback.md, "Deadlines"). A working day is a working weekday that is no
public holiday, or a make-up day the government or an administrator declared; office
hours are the same on every working day. Public holidays, their observed days and the
government's swap days come from the ``holidays`` package, never from a table here.

Nothing in this module touches the database: a ``WorkingCalendar`` is built once from
settings and administrator overrides (core.selectors.working_calendar) and then
answers every question from memory, so it is cheap to call in loops and statistics.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal
from functools import lru_cache
from itertools import pairwise
from zoneinfo import ZoneInfo

import holidays
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from smartdistrict.core.errors import InvalidInput

__all__ = [
    "DEFAULT_OFFICE_HOURS",
    "CalendarInputError",
    "OfficePeriod",
    "WorkingCalendar",
    "parse_office_hours",
    "public_days_off",
]

UTC = dt.UTC
DEFAULT_OFFICE_HOURS = "07:30-11:30,13:00-17:00"


class CalendarInputError(InvalidInput, ValueError):
    """Bad input to the arithmetic.

    A domain error, so the API answers 400 with a message; also a ValueError, so
    plain Python callers (commands, statistics) can catch the usual exception.
    """

    code = "invalid_calendar_input"


# --- office hours -------------------------------------------------------------------


@dataclass(frozen=True, order=True)
class OfficePeriod:
    """One stretch of a working day during which the office is open, [start, end)."""

    start: dt.time
    end: dt.time

    @property
    def length(self) -> dt.timedelta:
        return dt.datetime.combine(dt.date.min, self.end) - dt.datetime.combine(
            dt.date.min, self.start
        )

    def __str__(self) -> str:
        return f"{self.start:%H:%M}-{self.end:%H:%M}"


_PERIOD = re.compile(r"^\s*(\d{1,2}):(\d{2})\s*-\s*(\d{1,2}):(\d{2})\s*$")


def parse_office_hours(text: str) -> tuple[OfficePeriod, ...]:
    """Read "07:30-11:30,13:00-17:00" (the OFFICE_HOURS setting) into sorted periods.

    Raises CalendarInputError for malformed, empty, reversed or overlapping periods,
    so that a bad setting stops the process at start-up rather than skewing deadlines.
    """
    periods = []
    for part in text.split(","):
        if not part.strip():
            continue
        match = _PERIOD.match(part)
        if match is None:
            raise CalendarInputError(
                _("Office hours must look like 07:30-11:30,13:00-17:00; got %(part)r.")
                % {"part": part.strip()}
            )
        hour1, minute1, hour2, minute2 = (int(g) for g in match.groups())
        try:
            periods.append(OfficePeriod(dt.time(hour1, minute1), dt.time(hour2, minute2)))
        except ValueError as error:
            raise CalendarInputError(
                _("Office hours contain an impossible time: %(part)r.") % {"part": part.strip()}
            ) from error
    return _checked_periods(periods)


def _checked_periods(periods: Iterable[OfficePeriod]) -> tuple[OfficePeriod, ...]:
    ordered = tuple(sorted(periods))
    if not ordered:
        raise CalendarInputError(_("Office hours must contain at least one period."))
    for period in ordered:
        if period.start >= period.end:
            raise CalendarInputError(
                _("An office period must end after it starts: %(period)s.") % {"period": period}
            )
    for earlier, later in pairwise(ordered):
        if later.start < earlier.end:
            raise CalendarInputError(
                _("Office periods overlap: %(first)s and %(second)s.")
                % {"first": earlier, "second": later}
            )
    return ordered


# --- public holidays --------------------------------------------------------------------


@dataclass(frozen=True)
class PublicYear:
    """What the ``holidays`` package says about one calendar year of one country."""

    days_off: dict[dt.date, str]  # public holidays and their observed (substitute) days
    working_days: frozenset[dt.date]  # weekend days worked in exchange for a day off


@lru_cache(maxsize=256)
def public_days_off(country: str, year: int, language: str | None = None) -> PublicYear:
    """The package's holidays and swap days falling in ``year``, names in ``language``.

    A swap can cross New Year (31 Dec 2018 off, worked on Sat 5 Jan 2019), so the years
    on either side are computed too and only the dates inside ``year`` are kept. Without
    a language the country's own is used (the package would read the process's locale).
    """
    calendar = holidays.country_holidays(
        country,
        years=range(year - 1, year + 2),
        language=language or _package_languages(country)[0],
    )
    return PublicYear(
        days_off={day: name for day, name in calendar.items() if day.year == year},
        working_days=frozenset(day for day in calendar.weekend_workdays if day.year == year),
    )


# --- the calendar --------------------------------------------------------------------------


def _number(value: object, name: str) -> float:
    """Accept a finite, non-negative int, float or Decimal; refuse booleans and strings."""
    if isinstance(value, bool) or not isinstance(value, int | float | Decimal):
        raise CalendarInputError(_("%(name)s must be a number.") % {"name": name}, field=name)
    value = float(value)
    if not math.isfinite(value) or value < 0:
        raise CalendarInputError(
            _("%(name)s must be zero or a positive number.") % {"name": name}, field=name
        )
    return value


@dataclass(frozen=True)
class WorkingCalendar:
    """Office hours, working weekdays, public holidays and administrator overrides.

    Overrides win over everything else: an extra day off closes a weekday (even a
    government make-up Saturday), a make-up working day opens any day (even a Sunday or a
    public holiday) with the normal office hours.
    """

    office_hours: tuple[OfficePeriod, ...] = field(
        default_factory=lambda: parse_office_hours(DEFAULT_OFFICE_HOURS)
    )
    working_weekdays: frozenset[int] = frozenset(range(5))  # 0 = Monday
    time_zone: ZoneInfo = field(default_factory=lambda: ZoneInfo("Asia/Ho_Chi_Minh"))
    country: str = "VN"
    extra_days_off: frozenset[dt.date] = frozenset()
    extra_working_days: frozenset[dt.date] = frozenset()

    def __post_init__(self) -> None:
        object.__setattr__(self, "office_hours", _checked_periods(self.office_hours))
        weekdays = frozenset(self.working_weekdays)
        if not weekdays or not weekdays <= set(range(7)):
            # Without a working weekday, the search for the next working day never ends.
            raise CalendarInputError(
                _("Working weekdays must be a non-empty set of numbers 0 (Monday) to 6.")
            )
        object.__setattr__(self, "working_weekdays", weekdays)
        both = frozenset(self.extra_days_off) & frozenset(self.extra_working_days)
        if both:
            raise CalendarInputError(
                _("A date cannot be both a day off and a working day: %(dates)s.")
                % {"dates": ", ".join(sorted(day.isoformat() for day in both))}
            )
        object.__setattr__(self, "extra_days_off", frozenset(self.extra_days_off))
        object.__setattr__(self, "extra_working_days", frozenset(self.extra_working_days))

    # --- days ------------------------------------------------------------------------------
    def is_working_day(self, day: dt.date) -> bool:
        """Whether the office opens on ``day`` (an aware datetime counts as its local date)."""
        day = self._local_date(day)
        if day in self.extra_days_off:
            return False
        if day in self.extra_working_days:
            return True
        public = public_days_off(self.country, day.year)
        if day in public.days_off:
            return False
        return day.weekday() in self.working_weekdays or day in public.working_days

    def day_off_reason(self, day: dt.date) -> str | None:
        """Why the office is closed on ``day``: a holiday's name, "weekend", or None if open."""
        day = self._local_date(day)
        if self.is_working_day(day):
            return None
        if day in self.extra_days_off:
            return str(_("extra day off"))
        names = public_days_off(self.country, day.year, _holiday_language(self.country))
        holiday = names.days_off.get(day)
        return holiday if holiday is not None else str(_("weekend"))

    def next_working_day(self, day: dt.date) -> dt.date:
        """The first working day strictly after ``day``."""
        day = self._local_date(day)
        try:
            day += dt.timedelta(days=1)
            while not self.is_working_day(day):
                day += dt.timedelta(days=1)
        except OverflowError as error:
            raise CalendarInputError(_("The date is out of the supported range.")) from error
        return day

    def days_off_between(self, start: dt.date, end: dt.date) -> list[dt.date]:
        """Days the office is closed in [start, end]: what a deadline skipped, for display."""
        start, end = self._local_date(start), self._local_date(end)
        days = []
        while start <= end:
            if not self.is_working_day(start):
                days.append(start)
            start += dt.timedelta(days=1)
        return days

    # --- moments ------------------------------------------------------------------------------
    def is_open(self, moment: dt.datetime) -> bool:
        """Whether ``moment`` lies in office hours, counting an opening instant as open."""
        local = self._local(moment)
        if not self.is_working_day(local.date()):
            return False
        now = local.time()
        return any(period.start <= now < period.end for period in self.office_hours)

    def next_opening(self, moment: dt.datetime) -> dt.datetime:
        """The first instant at or after ``moment`` when the office is open.

        A request that arrives at lunch, after closing or on a day off is handled from
        this instant on; one that arrives during office hours, from its own instant.
        """
        local = self._local(moment)
        day = local.date()
        if self.is_working_day(day):
            now = local.time()
            for period in self.office_hours:
                if now < period.start:
                    return self._at(day, period.start)
                if now < period.end:
                    return local
        return self._at(self.next_working_day(day), self.office_hours[0].start)

    def add_working_days(self, start: dt.datetime, n: int) -> dt.datetime:
        """The same office time on the ``n``-th working day after ``start``'s next opening.

        Because the result is always an office time on a working day, a deadline never
        lands on a day off. ``n = 0`` gives the next opening itself.
        """
        if isinstance(n, bool) or not isinstance(n, int):
            raise CalendarInputError(_("The number of working days must be a whole number."))
        if n < 0:
            raise CalendarInputError(
                _("The number of working days must be zero or positive."), field="n"
            )
        opening = self.next_opening(start)
        day = opening.date()
        for _step in range(n):
            day = self.next_working_day(day)
        return self._at(day, opening.time())

    def add_working_hours(self, start: dt.datetime, hours: float) -> dt.datetime:
        """The instant when ``hours`` of office time have passed since ``start``.

        Only time inside office hours counts. A deadline that uses up a period exactly
        ends at that period's closing time (11:30, 17:00), not at the next opening.
        """
        remaining = dt.timedelta(hours=_number(hours, "hours"))
        cursor = self.next_opening(start)
        if not remaining:
            return cursor
        day = cursor.date()
        while True:
            for period in self.office_hours:
                period_end = self._at(day, period.end)
                if period_end <= cursor:
                    continue
                segment_start = max(cursor, self._at(day, period.start))
                available = _elapsed(segment_start, period_end)
                if remaining <= available:
                    return (segment_start.astimezone(UTC) + remaining).astimezone(self.time_zone)
                remaining -= available
            day = self.next_working_day(day)
            cursor = self._at(day, self.office_hours[0].start)

    def working_seconds_between(self, start: dt.datetime, end: dt.datetime) -> float:
        """Seconds of office time from ``start`` to ``end``; negative when ``end`` is earlier.

        The measure of "on time" for statistics: a reply 2 hours after a Friday 16:00
        report, sent on Monday at 08:30, took 1.5 working hours.
        """
        start, end = self._local(start), self._local(end)
        if end < start:
            return -self.working_seconds_between(end, start)
        total = dt.timedelta()
        day = start.date()
        while day <= end.date():
            if self.is_working_day(day):
                for period in self.office_hours:
                    low = max(start, self._at(day, period.start))
                    high = min(end, self._at(day, period.end))
                    if high > low:
                        total += _elapsed(low, high)
            day += dt.timedelta(days=1)
        return total.total_seconds()

    # --- helpers ------------------------------------------------------------------------------
    def _local(self, moment: dt.datetime) -> dt.datetime:
        if not isinstance(moment, dt.datetime):
            raise CalendarInputError(_("A date and time is required."))
        if moment.tzinfo is None or moment.utcoffset() is None:
            # Guessing the zone of a naive time would silently shift deadlines by hours.
            raise CalendarInputError(
                _("The time %(moment)s has no time zone; give its offset, e.g. +07:00.")
                % {"moment": moment.isoformat()}
            )
        return moment.astimezone(self.time_zone)

    def _local_date(self, day: dt.date) -> dt.date:
        if isinstance(day, dt.datetime):
            return self._local(day).date()
        if not isinstance(day, dt.date):
            raise CalendarInputError(_("A date is required."))
        return day

    def _at(self, day: dt.date, time: dt.time) -> dt.datetime:
        return dt.datetime.combine(day, time, tzinfo=self.time_zone)


@lru_cache(maxsize=16)
def _package_languages(country: str) -> tuple[str, ...]:
    """The country's default language in the package, then every language it supports."""
    calendar = holidays.country_holidays(country)
    return (calendar.default_language, *calendar.supported_languages)


def _holiday_language(country: str) -> str | None:
    """The package's language closest to the active Django language (None: its default)."""
    supported = _package_languages(country)
    active = (translation.get_language() or "").replace("-", "_").lower()
    for language in supported:
        if language.lower() == active or language.lower().split("_")[0] == active:
            return language
    return None


def _elapsed(start: dt.datetime, end: dt.datetime) -> dt.timedelta:
    """Real elapsed time; Python subtracts same-zone datetimes by wall clock instead."""
    return end.astimezone(UTC) - start.astimezone(UTC)
