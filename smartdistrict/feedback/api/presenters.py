"""How a report looks from outside: the public view never holds contact details."""

from __future__ import annotations

from typing import Any

from django.utils import timezone

from smartdistrict.feedback.models import OPEN_STATES, Category, Event, Report
from smartdistrict.feedback.privacy import public_text
from smartdistrict.feedback.selectors import is_overdue


def _iso(value) -> str | None:
    return timezone.localtime(value).isoformat() if value else None


def category_public(category: Category) -> dict[str, Any]:
    return {
        "code": category.code,
        "name": category.name,
        "name_en": category.name_en,
        "group": category.group,
        "group_en": category.group_en,
        "deadline": {"value": category.deadline_value, "unit": category.deadline_unit},
        "anonymous_allowed": category.anonymous_allowed,
        "attributes": [
            {
                "code": a.code,
                "datatype": a.datatype,
                "required": a.required,
                "order": a.order,
                "description": a.description,
                "description_en": a.description_en,
                "values": a.values,
            }
            for a in category.attributes.all()
        ],
    }


def event_public(event: Event) -> dict[str, Any]:
    return {
        "kind": event.kind,
        "from": event.from_status or None,
        "to": event.to_status or None,
        "note": public_text(event.note),
        "by": event.actor_role or None,
        "at": _iso(event.created_at),
    }


def report_public(report: Report, *, timeline: list[Event] | None = None) -> dict[str, Any]:
    """Fields anyone may see. Photos and timeline use prefetched rows when present."""
    body: dict[str, Any] = {
        "code": report.code,
        "category": {"code": report.category.code, "name": report.category.name,
                     "name_en": report.category.name_en},
        "description": public_text(report.description),
        "lat": report.lat,
        "lon": report.lon,
        "address": public_text(report.address),
        "ward": {"code": report.ward.code, "gso_code": report.ward.gso_code or None,
                 "name": report.ward.name},
        "department": report.department.name,
        "channel": report.channel,
        "priority": report.priority,
        "status": report.status,
        "state": "open" if report.status in OPEN_STATES else "closed",
        "created_at": _iso(report.created_at),
        "updated_at": _iso(report.updated_at),
        "due_at": _iso(report.due_at),
        "resolved_at": _iso(report.resolved_at),
        "closed_at": _iso(report.closed_at),
        "overdue": is_overdue(report),
        "supporters": report.supporters,
        "duplicate_of": report.duplicate_of.code if report.duplicate_of_id else None,
        "rating": report.rating,
        "photos": [
            {"url": p.image.url, "thumbnail_url": p.thumbnail.url, "width": p.width,
             "height": p.height}
            for p in report.photos.all()
        ],
    }
    if timeline is not None:
        body["timeline"] = [event_public(e) for e in timeline]
    return body


def report_staff(report: Report, *, timeline: list[Event] | None = None) -> dict[str, Any]:
    """What staff in scope see besides the public fields (contact only via /contact), and
    the free text as written (the public see it through the public-text guard)."""
    body = report_public(report, timeline=None)
    body.update(
        {
            "description": report.description,
            "address": report.address,
            "department_code": report.department.code,
            "assignee": report.assignee.username if report.assignee_id else None,
            "attributes": report.attributes,
            "first_response_at": _iso(report.first_response_at),
            "rating_comment": report.rating_comment,
            "suggested_category": (
                report.suggested_category.code if report.suggested_category_id else None
            ),
            "has_contact": bool(
                report.reporter_name or report.reporter_phone or report.reporter_email
            ),
        }
    )
    if timeline is not None:
        body["timeline"] = [{**event_public(e), "note": e.note, "public": e.public}
                            for e in timeline]
    return body
