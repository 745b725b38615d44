"""Database functions the ORM lacks, written once per supported engine."""

from __future__ import annotations

import datetime as dt
from functools import cache
from zoneinfo import ZoneInfo

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.db.models import CharField, Func


@cache
def zone_offset() -> dt.timedelta:
    """The deployment zone's one UTC offset (+07:00 for Vietnam, which keeps no daylight
    saving time). A zone whose offset changes within the year cannot be written by a fixed
    SQL expression, so it is refused rather than answered wrongly half the year."""
    zone = ZoneInfo(settings.TIME_ZONE)
    year = dt.datetime.now(dt.UTC).year
    offsets = {dt.datetime(year, month, 1, tzinfo=zone).utcoffset() for month in (1, 7)}
    if len(offsets) != 1:
        raise ImproperlyConfigured(f"TIME_ZONE {settings.TIME_ZONE} changes its UTC offset.")
    return offsets.pop()


def offset_text(offset: dt.timedelta) -> str:
    minutes = int(offset.total_seconds()) // 60
    sign = "-" if minutes < 0 else "+"
    return f"{sign}{abs(minutes) // 60:02d}:{abs(minutes) % 60:02d}"


class LocalIsoText(Func):
    """A stored instant as W3C text in the deployment's zone, to the second, with its
    offset (``2026-03-01T11:05:06+07:00``), written by the database.

    A list of a thousand requests has three instants per row; turning each into an aware
    Python datetime and back into text costs more than the query that reads them (see
    docs/BENCHMARKS.md). Seconds are truncated, as ``isoformat(timespec="seconds")`` does.
    """

    arity = 1
    output_field = CharField()

    def _offset(self) -> tuple[int, str]:
        offset = zone_offset()
        return int(offset.total_seconds()), offset_text(offset)

    def as_sqlite(self, compiler, connection, **extra):
        # Django stores an instant as UTC text ("2026-03-01 04:05:06.123456"); the fraction
        # is cut first because SQLite's date functions round to the millisecond (…59.9996
        # would become the next second).
        sql, params = compiler.compile(self.source_expressions[0])
        seconds, text = self._offset()
        return (
            f"strftime(%s, substr({sql}, 1, 19), %s)",
            ["%Y-%m-%dT%H:%M:%S" + text, *params, f"{seconds:+d} seconds"],
        )

    def as_postgresql(self, compiler, connection, **extra):
        sql, params = compiler.compile(self.source_expressions[0])
        seconds, text = self._offset()
        return (
            f"to_char((({sql}) AT TIME ZONE 'UTC') + %s * interval '1 second', %s)",
            [*params, seconds, 'YYYY-MM-DD"T"HH24:MI:SS"' + text + '"'],
        )
