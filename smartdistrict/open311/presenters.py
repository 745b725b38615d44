"""How services, definitions and requests look in Open311. Never a reporter's contact."""

from __future__ import annotations

from typing import Any

from django.core.files.storage import default_storage
from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from smartdistrict.feedback.models import OPEN_STATES, Category, EventKind, Report, Status


def english() -> bool:
    return (get_language() or "vi").split("-")[0] == "en"


def _pick(vietnamese: str, english_text: str) -> str:
    return english_text if english() and english_text else vietnamese


def iso(value) -> str | None:
    """W3C datetime in the deployment's zone (+07:00), to the second."""
    if value is None:
        return None
    return timezone.localtime(value).replace(microsecond=0).isoformat()


def service(category: Category) -> dict[str, Any]:
    return {
        "service_code": category.code,
        "service_name": _pick(category.name, category.name_en),
        "description": category.description,
        "metadata": bool(category.attributes.all()),
        "type": "realtime",
        "keywords": ",".join(category.keywords or []),
        "group": _pick(category.group, category.group_en),
    }


def _datatype_description(datatype: str) -> str:
    return {
        "number": _("A number."),
        "datetime": _("A date and time with its UTC offset, e.g. 2026-01-31T08:00:00+07:00."),
        "singlevaluelist": _("One key of the values, as attribute[code]=key."),
        "multivaluelist": _("One or more keys of the values, as attribute[code][]=key."),
    }.get(datatype, "")


def service_definition(category: Category) -> dict[str, Any]:
    attributes = sorted(category.attributes.all(), key=lambda a: (a.order, a.code))
    return {
        "service_code": category.code,
        "attributes": [
            {
                "variable": True,
                "code": a.code,
                "datatype": a.datatype,
                "required": a.required,
                "datatype_description": _datatype_description(a.datatype),
                "order": a.order,
                "description": _pick(a.description, a.description_en),
                "values": [
                    {"key": str(v.get("key", "")),
                     "name": _pick(str(v.get("name", "")), str(v.get("name_en", "")))}
                    for v in (a.values or [])
                ],
            }
            for a in attributes
        ],
    }


def _media_url(report: Report, request: HttpRequest) -> str | None:
    photo = getattr(report, "first_photo", None)
    if photo:
        return request.build_absolute_uri(default_storage.url(photo))
    submission = _submission(report)
    return (submission.media_url if submission else "") or None


def _submission(report: Report):
    try:
        return report.open311_submission
    except Report.open311_submission.RelatedObjectDoesNotExist:
        return None


def _note_description(event) -> str:
    if event.note:
        return event.note
    if event.to_status:
        return str(Status(event.to_status).label) if event.to_status in Status.values \
            else event.to_status
    return str(EventKind(event.kind).label) if event.kind in EventKind.values else event.kind


def service_request(report: Report, request: HttpRequest, *, extensions: bool) -> dict[str, Any]:
    """One request of GET requests: every spec field, in the spec's order."""
    submission = _submission(report)
    body: dict[str, Any] = {
        "service_request_id": report.code,
        "status": "open" if report.status in OPEN_STATES else "closed",
        "detailed_status": report.status,
        "status_notes": getattr(report, "status_note", None) or None,
        "service_name": _pick(report.category.name, report.category.name_en),
        "service_code": report.category.code,
        "description": report.description,
        "agency_responsible": _pick(report.department.name, report.department.name_en),
        "service_notice": None,
        "requested_datetime": iso(report.created_at),
        "updated_datetime": iso(report.updated_at),
        "expected_datetime": iso(report.due_at),
        "address": report.address or None,
        "address_id": (submission.address_id if submission else "") or None,
        "zipcode": None,
        "lat": report.lat,
        "long": report.lon,
        "media_url": _media_url(report, request),
    }
    if extensions:
        body.update({
            "ward": _pick(report.ward.name, report.ward.name_en),
            "ward_code": report.ward.code,
            "channel": report.channel,
            "duplicate": report.duplicate_of_id is not None,
            "parent_service_request_id": (
                report.duplicate_of.code if report.duplicate_of_id else None
            ),
            "supporters": report.supporters,
            "notes": [
                {"datetime": iso(e.created_at), "description": _note_description(e),
                 "type": e.kind}
                for e in getattr(report, "public_events", [])
            ],
        })
    return body


def discovery(base_url: str, jurisdiction_id: str, contact: str, changeset: str) -> dict:
    return {
        "changeset": changeset,
        "contact": contact,
        "key_service": _(
            "API keys for submitting requests are issued per client application by the "
            "district's administrators."
        ),
        "jurisdiction_id": jurisdiction_id,
        "endpoints": [
            {
                "specification": "http://wiki.open311.org/GeoReport_v2",
                "url": base_url,
                "changeset": changeset,
                "type": "production",
                "formats": ["text/xml", "application/json"],
            }
        ],
        "extensions": [
            "page", "page_size", "bbox", "lat", "long", "radius", "updated_after",
            "updated_before", "extensions", "services_at_point", "media_upload",
            "detailed_status",
        ],
    }
