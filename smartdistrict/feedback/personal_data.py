"""Reads for residents' personal data requests: who may handle them, the reports of a
person, the requests themselves, and the file of a person's data (a download builder).

Writes are in feedback.services.data_requests; the model's docstring says why the
workflow exists (feedback.models.data_requests)."""

from __future__ import annotations

import json
from typing import Any

from django.db.models import Case, Q, QuerySet, Value, When
from django.db.models.functions import Lower
from django.utils import timezone

from smartdistrict.accounts.models import Role, User
from smartdistrict.core.errors import NotFound
from smartdistrict.feedback.models import (
    ContactAccess,
    DataRequest,
    DataRequestStatus,
    Event,
    Report,
)


def data_requests_allowed(user: User) -> bool:
    """Administrators handle data requests: they act for the data controller, see every
    ward's reports, and may erase (a ward officer sees only a part of a person's reports)."""
    return bool(
        user.is_authenticated and user.is_active
        and (user.is_superuser or user.role == Role.ADMINISTRATOR)
    )


def phone_variants(phone: str) -> list[str]:
    """The ways a cleaned Vietnamese number may be stored: 0912…, +84912…, 84912…."""
    national = phone.removeprefix("+")
    if national.startswith("84") and len(national) > 10:
        national = national[2:]
    elif national.startswith("0"):
        national = national[1:]
    return [f"0{national}", f"+84{national}", f"84{national}"]


def reports_of_person(*, phone: str = "", email: str = "") -> QuerySet[Report]:
    """The reports whose contact is this phone (any of its written forms) or this e-mail
    (case ignored); each through a partial index on the contact, so the cost follows the
    person's reports, not the table."""
    match = Q(pk__in=[])
    if phone:
        match |= Q(reporter_phone__in=phone_variants(phone)) & ~Q(reporter_phone="")
    if email:
        match |= Q(email_folded=email.strip().lower()) & ~Q(reporter_email="")
    return (
        Report.objects.alias(email_folded=Lower("reporter_email")).filter(match)
        .select_related("category").order_by("created_at")
    )


def data_request_list(*, open_only: bool = False) -> QuerySet[DataRequest]:
    """Open requests first, by their deadline; then the answered ones, latest first."""
    requests = DataRequest.objects.select_related("created_by")
    if open_only:
        return requests.filter(status=DataRequestStatus.OPEN).order_by("due_at", "id")
    still_open = Case(When(status=DataRequestStatus.OPEN, then=Value(0)), default=Value(1))
    return requests.order_by(still_open, "due_at", "-id")


def data_request_get(request_id: int) -> DataRequest:
    found = DataRequest.objects.select_related("created_by").filter(pk=request_id).first()
    if found is None:
        raise NotFound(code="data_request_not_found")
    return found


def _local(value) -> str | None:
    return timezone.localtime(value).isoformat() if value else None


def person_data(request: DataRequest) -> dict[str, Any]:
    """Everything the platform holds about the requester through the request's reports,
    as written (it is their own data): contact, texts, answers, rating, the public
    timeline, photos, and when staff looked at their contact."""
    reports = list(
        request.reports.select_related("category", "ward", "department")
        .prefetch_related("photos").order_by("created_at")
    )
    ids = [r.id for r in reports]
    events: dict[int, list] = {}
    for event in Event.objects.filter(report_id__in=ids, public=True).order_by("created_at"):
        events.setdefault(event.report_id, []).append(
            {"at": _local(event.created_at), "kind": event.get_kind_display(),
             "status": event.to_status, "note": event.note}
        )
    looks: dict[int, list] = {}
    for look in ContactAccess.objects.filter(report_id__in=ids).order_by("accessed_at"):
        looks.setdefault(look.report_id, []).append(_local(look.accessed_at))
    return {
        "request": {"id": request.id, "kind": request.get_kind_display(),
                    "received_at": _local(request.received_at)},
        "generated_at": _local(timezone.now()),
        "reports": [
            {
                "code": r.code, "category": r.category.name, "status": r.get_status_display(),
                "channel": r.get_channel_display(), "received_at": _local(r.created_at),
                "ward": str(r.ward), "department": str(r.department),
                "description": r.description, "address": r.address, "lat": r.lat, "lon": r.lon,
                "reporter": {"name": r.reporter_name, "phone": r.reporter_phone,
                             "email": r.reporter_email},
                "answers": r.attributes, "rating": r.rating, "rating_comment": r.rating_comment,
                "personal_data_removed_at": _local(r.personal_data_removed_at),
                "photos": [{"file": p.image.name.rsplit("/", 1)[-1], "width": p.width,
                            "height": p.height, "received_at": _local(p.created_at)}
                           for p in r.photos.all()],
                "timeline": events.get(r.id, []),
                "contact_seen_by_staff_at": looks.get(r.id, []),
            }
            for r in reports
        ],
    }


def person_data_build(download, output) -> int:
    """Download builder (core.downloads): the requester's data as one JSON file."""
    request = data_request_get(download.params["request"])
    output.progress(10)
    data = person_data(request)
    with output.file(f"personal-data-{request.id}.json", "application/json") as handle:
        handle.write(json.dumps(data, ensure_ascii=False, indent=2).encode())
    return len(data["reports"])
