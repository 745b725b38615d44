"""Parsing Open311 query parameters; each bad value is an InvalidInput naming its parameter.

An empty parameter is the same as an absent one (the spec says so).
"""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass

from django.http import QueryDict
from django.utils import timezone
from django.utils.translation import gettext as _

from smartdistrict.core.datetimes import aware_utc
from smartdistrict.core.errors import InvalidInput

MAX_SPAN = dt.timedelta(days=90)
MAX_RESULTS = 1000
PAGE_SIZE_DEFAULT = 50
PAGE_SIZE_MAX = 500
RADIUS_DEFAULT_M = 500.0
RADIUS_MAX_M = 20_000.0
MAX_IDS = 1000
SEARCH_MAX = 200


def get(params: QueryDict, name: str) -> str:
    return (params.get(name) or "").strip()


def search_text(params: QueryDict, name: str) -> str:
    """A search text (``q``): at most SEARCH_MAX characters."""
    text = " ".join(get(params, name).split())
    if len(text) > SEARCH_MAX:
        raise InvalidInput(_("Search for at most %(n)d characters.") % {"n": SEARCH_MAX},
                           field=name, code="too_long")
    return text


def csv(params: QueryDict, name: str) -> list[str]:
    return [v.strip() for v in get(params, name).split(",") if v.strip()]


def datetime_param(params: QueryDict, name: str, *, end_of_day: bool = False) -> dt.datetime | None:
    """A W3C datetime (with or without offset; a bare date is a whole day, local time)."""
    raw = get(params, name)
    if not raw:
        return None
    try:
        value: str | dt.datetime = raw
        if len(raw) == 10:
            day = dt.date.fromisoformat(raw)
            value = dt.datetime.combine(day, dt.time.max if end_of_day else dt.time.min)
        # in UTC: PostgreSQL refuses offsets beyond ±15:59, which Python accepts
        return aware_utc(value, assume=timezone.get_current_timezone(), query=True)
    except ValueError:  # not W3C (MomentError is one), or year 1 or 9999 pushed past the end
        raise InvalidInput(
            _("Give a date and time in W3C format, e.g. 2026-01-31T08:00:00+07:00."), field=name
        ) from None


def float_param(params: QueryDict, name: str, low: float, high: float) -> float | None:
    raw = get(params, name)
    if not raw:
        return None
    try:
        value = float(raw)
    except ValueError:
        raise InvalidInput(_("Enter a number."), field=name) from None
    if not math.isfinite(value) or not low <= value <= high:
        raise InvalidInput(
            _("Must be a number between %(low)s and %(high)s.") % {"low": low, "high": high},
            field=name,
        )
    return value


def int_param(params: QueryDict, name: str, default: int, low: int, high: int) -> int:
    raw = get(params, name)
    if not raw:
        return default
    try:
        value = int(raw)
    except ValueError:
        raise InvalidInput(_("Enter a whole number."), field=name) from None
    if not low <= value <= high:
        raise InvalidInput(
            _("Must be a number between %(low)s and %(high)s.") % {"low": low, "high": high},
            field=name,
        )
    return value


def flag(params: QueryDict, name: str) -> bool:
    raw = get(params, name).lower()
    if raw in ("", "false", "0", "no"):
        return False
    if raw in ("true", "1", "yes"):
        return True
    raise InvalidInput(_("Give true or false."), field=name)


@dataclass(frozen=True)
class Point:
    lat: float
    lon: float
    radius_m: float | None = None


def point(params: QueryDict, *, with_radius: bool) -> Point | None:
    """``lat`` and ``long`` together (one without the other is an error)."""
    lat = float_param(params, "lat", -90.0, 90.0)
    lon = float_param(params, "long", -180.0, 180.0)
    if lat is None and lon is None:
        if with_radius and get(params, "radius"):
            raise InvalidInput(_("Give lat and long with radius."), field="radius")
        return None
    if lat is None or lon is None:
        missing = "lat" if lat is None else "long"
        raise InvalidInput(_("Give both lat and long."), field=missing)
    radius = None
    if with_radius:
        radius = float_param(params, "radius", 1.0, RADIUS_MAX_M) or RADIUS_DEFAULT_M
    return Point(lat, lon, radius)


@dataclass(frozen=True)
class BBox:
    min_lon: float
    min_lat: float
    max_lon: float
    max_lat: float


def bbox(params: QueryDict) -> BBox | None:
    raw = get(params, "bbox")
    if not raw:
        return None
    try:
        values = [float(v) for v in raw.split(",")]
    except ValueError:
        values = []
    if (
        len(values) != 4
        or not all(math.isfinite(v) for v in values)
        or not (-180 <= values[0] <= values[2] <= 180 and -90 <= values[1] <= values[3] <= 90)
    ):
        raise InvalidInput(_("Give bbox as minLng,minLat,maxLng,maxLat."), field="bbox")
    return BBox(*values)


def date_window(params: QueryDict, now: dt.datetime) -> tuple[dt.datetime, dt.datetime]:
    """start_date/end_date: default the last 90 days; a span over 90 days is refused."""
    start = datetime_param(params, "start_date")
    end = datetime_param(params, "end_date", end_of_day=True)
    if start is None and end is None:
        return now - MAX_SPAN, now
    if start is None:
        start = end - MAX_SPAN
    if end is None:
        end = min(start + MAX_SPAN, max(now, start))
    if end < start:
        raise InvalidInput(_("end_date is before start_date."), field="end_date")
    if end - start > MAX_SPAN + dt.timedelta(seconds=1):
        raise InvalidInput(
            _("The dates may span at most %(days)d days.") % {"days": MAX_SPAN.days},
            field="end_date",
        )
    return start, end


STATUS_VALUES = ("open", "closed")


def statuses(params: QueryDict) -> set[str]:
    wanted = {s.lower() for s in csv(params, "status")}
    unknown = wanted - set(STATUS_VALUES)
    if unknown:
        raise InvalidInput(_("status is open, closed, or both separated by a comma."),
                           field="status")
    return wanted
