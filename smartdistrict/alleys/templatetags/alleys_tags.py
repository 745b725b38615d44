"""Template filters of the alleys pages: money in đồng, labels of stored values."""

from __future__ import annotations

from django import template
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from smartdistrict.alleys import formats, models

register = template.Library()


@register.filter
def vnd(value: int | None) -> str:
    """1.500.000 đ on Vietnamese pages, 1,500,000 VND on English ones."""
    return formats.vnd(value)


@register.filter
def label(value: str, kind: str) -> str:
    """The translated label of a stored choice (``"works"|label:"State"``)."""
    choices = getattr(models, kind, None)
    if choices is None or not value:
        return value or "—"
    try:
        return str(choices(value).label)
    except ValueError:
        return value


@register.filter
def ward_name(unit) -> str:
    if unit is None:
        return ""
    if (get_language() or "").startswith("en") and getattr(unit, "name_en", ""):
        return unit.name_en
    return unit.name


@register.simple_tag
def metres(value: float | None) -> str:
    if value is None:
        return "—"
    return _("%(m)s m") % {"m": formats.grouped(round(value))}
