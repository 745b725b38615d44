"""The REST API's answers: each presenter builds a plain dict, and its return type (a
TypedDict below) is the one declaration of that answer's shape — the OpenAPI schema is
generated from it (core.api_types) and a test holds every presenter to it. The public
view never holds contact details."""

from __future__ import annotations

from typing import Any, Literal, NotRequired, TypedDict

from django.utils import timezone

from smartdistrict.core.api_types import DateTime
from smartdistrict.feedback.models import OPEN_STATES, Category, Event, Report
from smartdistrict.feedback.privacy import public_text
from smartdistrict.feedback.selectors import distance_m, is_overdue


class Deadline(TypedDict):
    value: int
    unit: str


class Question(TypedDict):
    """One of a category's extra questions; ``values`` lists a list question's answers."""

    code: str
    datatype: str
    required: bool
    order: int
    description: str
    description_en: str
    values: list[dict[str, Any]]


class CategoryPublic(TypedDict):
    code: str
    name: str
    name_en: str
    group: str
    group_en: str
    deadline: Deadline
    anonymous_allowed: bool
    attributes: list[Question]


class CategoryRef(TypedDict):
    code: str
    name: str
    name_en: str


class WardRef(TypedDict):
    code: str
    gso_code: str | None
    name: str


class PhotoPublic(TypedDict):
    url: str
    thumbnail_url: str
    width: int
    height: int


EventPublic = TypedDict("EventPublic", {  # "from" is a Python keyword
    "kind": str,
    "from": str | None,
    "to": str | None,
    "note": str,
    "by": str | None,
    "at": DateTime,
    "public": NotRequired[bool],  # the staff view only
})


class ReportPublic(TypedDict):
    """What anyone may see of a report."""

    code: str
    category: CategoryRef
    description: str
    lat: float | None
    lon: float | None
    address: str
    ward: WardRef
    department: str
    channel: str
    priority: str
    status: str
    state: Literal["open", "closed"]
    created_at: DateTime
    updated_at: DateTime
    due_at: DateTime | None
    resolved_at: DateTime | None
    closed_at: DateTime | None
    overdue: bool
    supporters: int
    duplicate_of: str | None
    rating: int | None
    photos: list[PhotoPublic]
    timeline: NotRequired[list[EventPublic]]


class ReportStaff(ReportPublic, total=False):
    """Staff in scope get these fields too (the detail answers anyone else the public
    fields only, so they are not required there)."""

    department_code: str
    assignee: str | None
    attributes: dict[str, Any]
    first_response_at: DateTime | None
    rating_comment: str
    suggested_category: str | None
    has_contact: bool


class ReportPage(TypedDict):
    """A page of the staff list (cursor pagination)."""

    next: str | None
    previous: str | None
    results: list[ReportStaff]


class ReportCreated(TypedDict):
    code: str
    ward: dict[str, str]
    department: str
    status: str
    due_at: DateTime
    created: bool
    resident_token: NotRequired[str]  # on creation only: the resident's key, shown once


class NearbyReport(TypedDict):
    code: str
    description: str
    status: str
    lat: float | None
    lon: float | None
    supporters: int
    distance_m: int


class CodeStatus(TypedDict):
    code: str
    status: str


class Contact(TypedDict):
    name: str
    phone: str
    email: str


class Suggestion(TypedDict):
    code: str
    name: str
    score: float


class Suggestions(TypedDict):
    suggestions: list[Suggestion]
    applied: bool


class SatisfactionRow(TypedDict):
    code: str | None
    name: str | None
    ratings: int
    mean: float
    share_good: float


class Satisfaction(TypedDict):
    by: Literal["ward", "department"]
    results: list[SatisfactionRow]


class Supporters(TypedDict):
    code: str
    supporters: int


class Rating(TypedDict):
    code: str
    rating: int | None


def _iso(value) -> str | None:
    return timezone.localtime(value).isoformat() if value else None


def category_public(category: Category) -> CategoryPublic:
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


def event_public(event: Event) -> EventPublic:
    return {
        "kind": event.kind,
        "from": event.from_status or None,
        "to": event.to_status or None,
        "note": public_text(event.note),
        "by": event.actor_role or None,
        "at": _iso(event.created_at),
    }


def report_public(report: Report, *, timeline: list[Event] | None = None) -> ReportPublic:
    """Fields anyone may see. Photos and timeline use prefetched rows when present."""
    body: ReportPublic = {
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


def report_staff(report: Report, *, timeline: list[Event] | None = None) -> ReportStaff:
    """What staff in scope see besides the public fields (contact only via /contact), and
    the free text as written (the public see it through the public-text guard)."""
    body: ReportStaff = {**report_public(report, timeline=None)}
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


def report_created(report: Report, *, created: bool, token: str | None) -> ReportCreated:
    body: ReportCreated = {
        "code": report.code,
        "ward": {"code": report.ward.code, "name": report.ward.name},
        "department": report.department.name,
        "status": report.status,
        "due_at": timezone.localtime(report.due_at).isoformat(),
        "created": created,
    }
    if token:
        body["resident_token"] = token
    return body


def nearby_report(report: Report, *, lat: float, lon: float) -> NearbyReport:
    return {
        "code": report.code, "description": public_text(report.description[:200]),
        "status": report.status,
        "lat": report.lat, "lon": report.lon, "supporters": report.supporters,
        "distance_m": round(distance_m(lat, lon, report.lat, report.lon)),
    }


def code_status(report: Report) -> CodeStatus:
    return {"code": report.code, "status": report.status}
