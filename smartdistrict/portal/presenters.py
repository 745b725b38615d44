"""What the report form shows beside the fields: the ward found, suggested categories,
nearby open reports, the category list and its extra questions.

Each is computed by the feedback and geography selectors; the same function serves the
full page (no JavaScript, or a page re-shown with errors) and the small fragments the
page's script asks for while the resident types, so both show the same thing.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from smartdistrict.core.errors import DomainError
from smartdistrict.feedback import selectors as feedback_selectors
from smartdistrict.feedback.models import Category, Report, Status
from smartdistrict.feedback.privacy import public_text
from smartdistrict.feedback.suggestions import current_suggester
from smartdistrict.geography.address import resolve_address
from smartdistrict.geography.selectors import lookup_point, validate_point
from smartdistrict.portal.report_form import ReportDraft, question_field
from smartdistrict.portal.templatetags.portal_tags import localised

SUGGEST_MIN_CHARS = 10


@dataclass
class Where:
    """The ward a pin or an address falls in, or why none was found."""

    ward: str = ""
    approximate: bool = False
    named: str = ""  # a former ward the address named, now part of ``ward``
    centre: tuple[float, float] | None = None  # (lat, lon) of the ward found by address
    by_pin: bool = False
    error: str = ""
    candidates: list[str] = field(default_factory=list)


def where(*, lat: str, lon: str, address: str, date: dt.date) -> Where | None:
    """The ward by pin when there is one, else by address (the order the service uses)."""
    if lat or lon:
        try:
            lat_f, lon_f = validate_point(lat, lon)
            found = lookup_point(lat_f, lon_f, date)
        except DomainError as error:
            return Where(error=str(error.message), by_pin=True)
        if found.ward is None:
            return Where(error=found.note, by_pin=True)
        return Where(ward=localised(found.ward), approximate=found.approximate, by_pin=True)
    if address.strip():
        try:
            match = resolve_address(address, date)
        except DomainError as error:
            names = [localised(_Named(c)) for c in error.extra.get("candidates", [])]
            return Where(error=str(error.message), candidates=names[:5])
        named = localised(match.named) if match.named.code != match.unit.code else ""
        centre = match.unit.centre  # (lon, lat)
        return Where(ward=localised(match.unit), named=named,
                     centre=(centre[1], centre[0]) if centre else None)
    return None


class _Named:
    """A unit's brief (a dict) seen as an object, for ``localised``."""

    def __init__(self, brief: dict[str, Any]):
        self.name = brief.get("name", "")
        self.name_en = brief.get("name_en", "")


def suggestions(text: str) -> list[dict[str, str]]:
    """Up to three categories the description suggests (never applied by itself)."""
    if len(text.strip()) < SUGGEST_MIN_CHARS:
        return []
    categories = {c.code: c for c in feedback_selectors.active_categories()}
    return [
        {"code": s.code, "name": localised(categories[s.code])}
        for s in current_suggester().suggest(text[:2000], k=3)
        if s.code in categories
    ]


def nearby(*, category: Category | None, point: tuple[float, float] | None,
           found: list[Report] | None = None) -> list[dict]:
    """Open reports of the category within the duplicate radius, nearest first (``found``:
    those intake already found for this submission, so the question is asked once)."""
    if category is None or point is None:
        return []
    lat, lon = point
    if found is None:
        found = feedback_selectors.nearby_open_reports(category=category, lat=lat, lon=lon)
    return [
        {
            "code": r.code,
            "status": str(Status(r.status).label),
            "description": public_text(r.description[:200]),
            "supporters": r.supporters,
            "distance_m": round(feedback_selectors.distance_m(lat, lon, r.lat, r.lon)),
            "received": timezone.localtime(r.created_at),
        }
        for r in found
    ]


def category_groups() -> list[tuple[str, list[dict[str, str]]]]:
    """Active categories grouped for the list, each group in the configured order."""
    groups: dict[str, list[dict[str, str]]] = {}
    for category in feedback_selectors.active_categories():
        groups.setdefault(localised(category, "group") or _("Other"), []).append(
            {"code": category.code, "name": localised(category)}
        )
    return list(groups.items())


def questions(draft: ReportDraft, errors: dict[str, str]) -> list[dict]:
    """The extra questions of every category that has some, ready for the template."""
    blocks = []
    for category in feedback_selectors.active_categories():
        rows = []
        for question in category.attributes.all():
            name = question_field(category.code, question.code)
            rows.append({
                "name": name,
                "datatype": question.datatype,
                "required": question.required,
                "label": localised(question, "description"),
                "values": [
                    {"key": v["key"], "name": v.get("name_en") if _english() and v.get("name_en")
                     else v.get("name", v["key"])}
                    for v in question.values
                ],
                "selected": draft.selected(name),
                "error": errors.get(name, ""),
                "error_code": draft.error_codes.get(name, ""),
            })
        if rows:
            blocks.append({"code": category.code, "name": localised(category), "rows": rows})
    return blocks


def _english() -> bool:
    return (get_language() or "").startswith("en")

