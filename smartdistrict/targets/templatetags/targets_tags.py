"""Template filters of the targets pages: names in the page's language, numbers."""

from __future__ import annotations

from django import template
from django.utils.translation import get_language

from smartdistrict.targets import explain, policy

register = template.Library()


@register.filter
def localized(obj: object, field: str = "name") -> str:
    """``obj.<field>_en`` on English pages when it is filled in, else ``obj.<field>``."""
    if obj is None:
        return ""
    if (get_language() or "").startswith("en"):
        english = getattr(obj, f"{field}_en", "")
        if english:
            return english
    return getattr(obj, field, "")


@register.filter
def num(value: float | None, decimals: int = 2) -> str:
    """A number in the page's locale (19,81 in Vietnamese), trailing zeros dropped."""
    return explain.number(value, int(decimals))


@register.filter
def status_label(status) -> str:
    return explain.status_label(status)


@register.filter
def may_import_targets(user) -> bool:
    """Whether ``user`` may import workbooks (the navigation shows the link only then)."""
    return policy.can_import(user)
