"""Presentation helpers shared by views, forms and templates (no database access)."""

from __future__ import annotations

from django.utils.translation import get_language


def local_name(thing) -> str:
    """A category's, ward's or department's name in the page's language (Vietnamese first).

    Those names are data with a Vietnamese ``name`` and an optional English ``name_en``;
    an English page shows the English name where one was entered."""
    if thing is None:
        return ""
    language = (get_language() or "vi").split("-")[0]
    if language == "en":
        english = getattr(thing, "name_en", "")
        if english:
            return english
    return getattr(thing, "name", str(thing))
