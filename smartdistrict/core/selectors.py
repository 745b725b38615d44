"""Reads for the core app: the process's working-time calendar.

Building a WorkingCalendar is cheap but not free (settings parsing, a query), and it
is asked for on every deadline, so each process keeps one and rebuilds it when the
overrides' fingerprint or the settings change: an administrator's new day off takes
effect in every process on its next question, without a restart.
"""

from __future__ import annotations

import threading
import time
from zoneinfo import ZoneInfo

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured

from smartdistrict.core.calendar import CalendarInputError, WorkingCalendar, parse_office_hours
from smartdistrict.core.models import CalendarOverride, CalendarOverrideQuerySet, OverrideKind

__all__ = ["calendar_override_list", "invalidate", "working_calendar"]

_lock = threading.Lock()
_cached: tuple[tuple, WorkingCalendar] | None = None
_checked_at = 0.0


def calendar_override_list() -> CalendarOverrideQuerySet:
    """Every administrator override, by date."""
    return CalendarOverride.objects.order_by("date")


def _settings_key() -> tuple:
    return (
        settings.OFFICE_HOURS,
        tuple(settings.WORKING_WEEKDAYS),
        settings.TIME_ZONE,
        settings.PUBLIC_HOLIDAYS_COUNTRY,
    )


def _build() -> WorkingCalendar:
    days_off, working_days = set(), set()
    for date, kind in calendar_override_list().values_list("date", "kind"):
        (days_off if kind == OverrideKind.DAY_OFF else working_days).add(date)
    try:
        return WorkingCalendar(
            office_hours=parse_office_hours(settings.OFFICE_HOURS),
            working_weekdays=frozenset(settings.WORKING_WEEKDAYS),
            time_zone=ZoneInfo(settings.TIME_ZONE),
            country=settings.PUBLIC_HOLIDAYS_COUNTRY,
            extra_days_off=frozenset(days_off),
            extra_working_days=frozenset(working_days),
        )
    except CalendarInputError as error:
        raise ImproperlyConfigured(f"OFFICE_HOURS / WORKING_WEEKDAYS: {error.message}") from error


def working_calendar() -> WorkingCalendar:
    """The calendar of settings plus the overrides in the database, rebuilt when they change.

    The overrides' fingerprint is read at most every CALENDAR_CHECK_SECONDS, so a burst
    of deadlines costs no query; this process's own changes invalidate at once.
    """
    global _cached, _checked_at
    cached = _cached
    now = time.monotonic()
    if cached is not None and now - _checked_at < settings.CALENDAR_CHECK_SECONDS:
        return cached[1]
    # The fingerprint is read before the rows: a change in between only costs a rebuild.
    version = (_settings_key(), CalendarOverride.objects.version())
    _checked_at = now
    if cached is not None and cached[0] == version:
        return cached[1]
    with _lock:
        if _cached is None or _cached[0] != version:
            _cached = (version, _build())
        return _cached[1]


def invalidate() -> None:
    """Drop this process's calendar (services call it after an override changes)."""
    global _cached
    with _lock:
        _cached = None
