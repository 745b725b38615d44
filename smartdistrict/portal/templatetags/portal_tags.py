"""Template helpers of the residents' pages: names in the reader's language, state labels."""

from __future__ import annotations

from typing import Any

from django import template
from django.utils.translation import get_language

from smartdistrict.feedback.models import Status
from smartdistrict.feedback.privacy import public_text as _public_text

register = template.Library()


def localised(obj: Any, field: str = "name") -> str:
    """``obj.<field>_en`` when the page is in English and it is filled, else ``obj.<field>``
    (Vietnamese, always present). Works for categories, questions, departments, units."""
    if obj is None:
        return ""
    if (get_language() or "").startswith("en"):
        english = getattr(obj, f"{field}_en", "")
        if english:
            return english
    return getattr(obj, field, "") or ""


register.filter("localised", localised)


@register.filter
def status_label(value: str) -> str:
    """The translated label of a report state ("in_progress" → "đang xử lý")."""
    try:
        return str(Status(value).label)
    except ValueError:
        return value or ""


@register.filter
def public_text(value: str | None) -> str:
    """Free text as the public may see it: phone, e-mail and ID numbers hidden
    (smartdistrict/feedback/privacy.py)."""
    return _public_text(value)
