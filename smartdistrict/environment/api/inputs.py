"""Reading API input: uploads, flags, times and limits; each bad value is a 400 naming it."""

from __future__ import annotations

import datetime as dt
import zoneinfo

from django.utils.translation import gettext as _
from rest_framework.request import Request

from smartdistrict.core import datetimes
from smartdistrict.core.datetimes import MomentError, aware_utc
from smartdistrict.core.errors import InvalidInput


def uploaded_file(request: Request):
    upload = request.FILES.get("file")
    if upload is None:
        raise InvalidInput(_("Attach the file (field 'file')."), field="file")
    return upload


def flag(data, name: str, *, default: bool) -> bool:
    value = data.get(name)
    if value is None or value == "":
        return default
    if isinstance(value, bool):
        return value
    text = str(value).strip().lower()
    if text in ("true", "1", "yes", "on"):
        return True
    if text in ("false", "0", "no", "off"):
        return False
    raise InvalidInput(_("Give true or false."), field=name)


def zone(data) -> dt.tzinfo | None:
    name = str(data.get("timezone") or "").strip()
    if not name:
        return None
    try:
        return zoneinfo.ZoneInfo(name)
    except (zoneinfo.ZoneInfoNotFoundError, ValueError):
        raise InvalidInput(_("Unknown time zone; use a name such as Asia/Ho_Chi_Minh."),
                           field="timezone") from None


def required_text(data, name: str) -> str:
    value = str(data.get(name) or "").strip()
    if not value:
        raise InvalidInput(_("This field is required."), field=name)
    return value


# Times a query may name: wide, but far from the ends of the calendar, where converting
# year 1 at +07:00 to UTC, or a week before it, cannot be represented.
FIRST_YEAR, LAST_YEAR = 1900, 2999


def moment(data, name: str) -> dt.datetime | None:
    """An aware time from ISO 8601 text; a date alone is its midnight in the deployment zone."""
    from django.utils import timezone

    text = str(data.get(name) or "").strip()
    if not text:
        return None
    try:  # in UTC: PostgreSQL refuses offsets beyond ±15:59
        return aware_utc(text, assume=timezone.get_current_timezone(),
                         years=(FIRST_YEAR, LAST_YEAR), query=True)
    except MomentError as error:
        if error.reason in (datetimes.EARLY, datetimes.LATE):
            raise InvalidInput(_("Give a time between the years %(first)d and %(last)d.")
                               % {"first": FIRST_YEAR, "last": LAST_YEAR}, field=name) from None
        raise InvalidInput(_("Give a time in ISO 8601, e.g. 2026-11-29T08:00:00+07:00."),
                           field=name) from None


def limit(data, maximum: int) -> int:
    text = str(data.get("limit") or "").strip()
    if not text:
        return maximum
    try:
        value = int(text)
    except ValueError:
        raise InvalidInput(_("Give a whole number."), field="limit") from None
    if not 1 <= value <= maximum:
        raise InvalidInput(_("Give a number from 1 to %(max)d.") % {"max": maximum},
                           field="limit")
    return value
