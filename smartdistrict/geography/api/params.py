"""Query-parameter parsing shared by the geography endpoints (errors name the field)."""

from __future__ import annotations

import datetime as dt

from django.utils.translation import gettext as _

from smartdistrict.core.errors import InvalidInput


def parse_date(raw: str | None, field: str = "date") -> dt.date | None:
    if raw in (None, ""):
        return None
    try:
        return dt.date.fromisoformat(raw)
    except ValueError:
        raise InvalidInput(_("Enter a date as YYYY-MM-DD."), field=field) from None


def required_text(raw: str | None, field: str, max_length: int = 500) -> str:
    if raw is None or not raw.strip():
        raise InvalidInput(_("This field is required."), field=field)
    if len(raw) > max_length:
        raise InvalidInput(
            _("Ensure this field has no more than %(n)d characters.") % {"n": max_length},
            field=field,
        )
    return raw


def parse_simplify(raw: str | None) -> int:
    if raw in (None, ""):
        return 0
    try:
        value = int(raw)
    except ValueError:
        raise InvalidInput(_("Enter a whole number."), field="simplify") from None
    if not 0 <= value <= 1000:
        raise InvalidInput(
            _("Must be a number between %(low)s and %(high)s.") % {"low": 0, "high": 1000},
            field="simplify",
        )
    return value
