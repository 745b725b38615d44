"""Formatting of indices on the survey's staff pages."""

from __future__ import annotations

from urllib.parse import parse_qsl, urlencode

from django import template
from django.utils.formats import number_format

register = template.Library()


@register.filter
def percent(value: float | None) -> str:
    """76.54 → "76,5 %" (in the page's number format); None → "—"."""
    if value is None:
        return "—"
    return f"{number_format(value, 1)} %"


@register.filter
def item_value(indices, item: str) -> float | None:
    return indices.items[item].value


@register.filter
def get(mapping, key):
    return mapping.get(key) if mapping is not None else None


@register.filter
def add_unit_param(query: str) -> str:
    """The query string without ``unit``, ready for "unit=CODE" to be appended."""
    kept = [(k, v) for k, v in parse_qsl(query) if k != "unit"]
    return urlencode([*kept, ("unit", "")])
