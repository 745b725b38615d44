"""Aware datetimes from outside input: the one rule every door applies (API parameters,
uploads, report answers, kiosks) before a time reaches a query or the database.

The rule: ISO 8601 text (or a datetime already parsed, e.g. a day-first file time); a time
without an offset is refused unless the door names the zone to assume (usually the site's,
TIME_ZONE); NUL and garbage refused; the result is aware UTC, so an offset PostgreSQL would
refuse (beyond ±15:59, which Python accepts up to ±23:59) is converted rather than passed
on. A door may narrow the offsets it accepts and the years it names. Each door translates a
``MomentError`` into its own message: this module has no user-facing text.
"""

from __future__ import annotations

import datetime as dt

# Why a text was refused (MomentError.reason).
FORMAT = "format"  # not ISO 8601, empty, or with a NUL
NAIVE = "naive"  # no offset and no zone to assume
OFFSET = "offset"  # outside the door's accepted offsets, or not in whole minutes
EARLY = "early"  # before the door's first year (or before year 1 once in UTC)
LATE = "late"  # after the door's last year (or after year 9999 once in UTC)

_MINUTE = dt.timedelta(minutes=1)


class MomentError(ValueError):
    """The input is not an acceptable time; ``reason`` is one of the constants above."""

    def __init__(self, reason: str, moment: dt.datetime | None = None) -> None:
        super().__init__(reason)
        self.reason = reason
        self.moment = moment  # the time as read, when it was read (e.g. a naive one)


def aware_utc(
    value: str | dt.datetime,
    *,
    assume: dt.tzinfo | None = None,
    offsets: tuple[dt.timedelta, dt.timedelta] | None = None,
    years: tuple[int, int] | None = None,
    query: bool = False,
) -> dt.datetime:
    """``value`` as an aware UTC datetime, or MomentError.

    ``assume``: the zone of a time written without an offset (None: such a time is refused).
    ``offsets``: the inclusive range of offsets accepted, in whole minutes (None: any offset
    Python reads, converted). ``years``: the inclusive range of years accepted, both as
    written and in UTC.
    ``query``: the text came from a URL query, where an unescaped "+" arrives as a space."""
    moment = value if isinstance(value, dt.datetime) else _parsed(value, query=query)
    offset = moment.utcoffset()
    if offset is None:
        if assume is None:
            raise MomentError(NAIVE, moment)
        moment = moment.replace(tzinfo=assume)  # a real zone: its history (DST) is trusted
    elif offsets is not None and (not offsets[0] <= offset <= offsets[1] or offset % _MINUTE):
        raise MomentError(OFFSET)
    try:
        result = moment.astimezone(dt.UTC)
    except (OverflowError, ValueError):  # year 1 at +07:00 is before year 1 in UTC
        raise MomentError(EARLY if moment.year < 2 else LATE) from None
    if years is not None:  # as written and in UTC: the stricter of the two readings
        if min(result.year, moment.year) < years[0]:
            raise MomentError(EARLY)
        if max(result.year, moment.year) > years[1]:
            raise MomentError(LATE)
    return result


def _parsed(text: str, *, query: bool) -> dt.datetime:
    if not isinstance(text, str):
        raise MomentError(FORMAT)
    text = text.strip()
    if not text or "\x00" in text:
        raise MomentError(FORMAT)
    if query and "T" in text:
        text = text.replace(" ", "+")
    try:
        return dt.datetime.fromisoformat(text)
    except ValueError:
        raise MomentError(FORMAT) from None


def with_site_offset(text: str) -> str:
    """A browser's date-and-time field (``2026-01-31T08:00``, no offset: the person's time is
    the site's) as ISO text with the site's offset, for a service that requires one. Text the
    rule refuses is returned as it is, so that the service names the error at its field."""
    from django.utils import timezone

    try:
        moment = aware_utc(text, assume=timezone.get_current_timezone())
    except MomentError:
        return text
    return timezone.localtime(moment).isoformat()
