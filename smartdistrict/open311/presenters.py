"""How services, definitions and requests look in Open311. Never a reporter's contact.

Each presenter's return type (a TypedDict below) is the one declaration of that answer's
shape: open311.openapi generates the published schema from them (core.api_types) and a
test holds every presenter to its type."""

from __future__ import annotations

import datetime as dt
from functools import cache
from typing import Annotated, Literal, NotRequired, TypedDict
from zoneinfo import ZoneInfo

from django.conf import settings
from django.core.files.storage import default_storage
from django.http import HttpRequest
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from smartdistrict.core.api_types import DateTime, Doc
from smartdistrict.feedback.models import OPEN_STATES, Category, EventKind, Status
from smartdistrict.feedback.privacy import public_text


class Service(TypedDict):
    service_code: str
    service_name: str
    description: str
    metadata: bool
    type: Literal["realtime", "batch", "blackbox"]
    keywords: str
    group: str


class AttributeValue(TypedDict):
    key: str
    name: str


class Attribute(TypedDict):
    variable: bool
    code: str
    datatype: Literal["string", "number", "datetime", "text", "singlevaluelist",
                      "multivaluelist"]
    required: bool
    datatype_description: str
    order: int
    description: str
    values: list[AttributeValue]


class ServiceDefinition(TypedDict):
    service_code: str
    attributes: list[Attribute]


class Note(TypedDict):
    """A public entry of the request's timeline."""

    datetime: dt.datetime
    description: str
    type: str


_EXTENSION = "Extension (extensions=true)"


class ServiceRequest(TypedDict):
    """One request; the keys after media_url are extensions (``extensions=true``)."""

    service_request_id: str
    status: Literal["open", "closed"]
    detailed_status: Annotated[str, Doc("The fine workflow state.")]
    status_notes: Annotated[str | None, Doc("The latest public note.")]
    service_name: str
    service_code: str
    description: str
    agency_responsible: str | None
    service_notice: str | None
    requested_datetime: DateTime
    updated_datetime: DateTime | None
    expected_datetime: DateTime | None
    address: str | None
    address_id: str | None
    zipcode: str | None
    lat: float | None
    long: float | None
    media_url: str | None
    ward: NotRequired[Annotated[str | None, Doc(_EXTENSION)]]
    ward_code: NotRequired[Annotated[str | None, Doc(_EXTENSION)]]
    channel: NotRequired[Annotated[str, Doc(_EXTENSION)]]
    duplicate: NotRequired[Annotated[bool, Doc(_EXTENSION)]]
    parent_service_request_id: NotRequired[Annotated[str | None, Doc(_EXTENSION)]]
    supporters: NotRequired[Annotated[int, Doc(_EXTENSION)]]
    notes: NotRequired[Annotated[list[Note], Doc(_EXTENSION + ": the public timeline")]]


class Created(TypedDict):
    service_request_id: str
    service_notice: str | None
    account_id: str | None
    token: str


class TokenAnswer(TypedDict):
    service_request_id: str
    token: str


class Endpoint(TypedDict):
    specification: str
    url: str
    changeset: str
    type: str
    formats: list[str]


class Discovery(TypedDict):
    changeset: str
    contact: str
    key_service: str
    jurisdiction_id: str
    endpoints: list[Endpoint]
    extensions: list[str]


def english() -> bool:
    return (get_language() or "vi").split("-")[0] == "en"


def _pick(vietnamese: str, english_text: str, en: bool | None = None) -> str:
    en = english() if en is None else en
    return english_text if en and english_text else vietnamese


def iso(value: dt.datetime | None) -> dt.datetime | None:
    """The instant in the deployment's zone (a note's time); both renderers write it as a
    W3C datetime to the second with its offset (+07:00), the form the request rows' own
    instants already have (selectors.base_queryset)."""
    if value is None:
        return None
    return value.astimezone(_zone())


@cache
def _zone() -> ZoneInfo:
    """The deployment's zone; the answers always show +07:00, whatever a request activated."""
    return ZoneInfo(settings.TIME_ZONE)


def service(category: Category) -> Service:
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


def service_definition(category: Category) -> ServiceDefinition:
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


def _media_url(row: dict, request: HttpRequest) -> str | None:
    if row["first_photo"]:
        return request.build_absolute_uri(default_storage.url(row["first_photo"]))
    return row["open311_submission__media_url"] or None


# Plain strings: a row's status is a plain string, and hashing one against enum members
# costs more per row of a thousand-request list than the rest of the row.
_OPEN_VALUES = frozenset(state.value for state in OPEN_STATES)


def _note_description(event) -> str:
    if event.note:
        return public_text(event.note)
    if event.to_status:
        return str(Status(event.to_status).label) if event.to_status in Status.values \
            else event.to_status
    return str(EventKind(event.kind).label) if event.kind in EventKind.values else event.kind


def service_request(row: dict, request: HttpRequest, *, extensions: bool,
                    en: bool | None = None) -> ServiceRequest:
    """One request of GET requests (a row of selectors.request_rows): every spec field, in
    the spec's order. ``en`` is the request's language, looked up once per list."""
    en = english() if en is None else en
    status = row["status"]
    body: ServiceRequest = {
        "service_request_id": row["code"],
        "status": "open" if status in _OPEN_VALUES else "closed",
        "detailed_status": status,
        "status_notes": public_text(row["status_note"]) or None,
        "service_name": (en and row["category__name_en"]) or row["category__name"],
        "service_code": row["category__code"],
        "description": public_text(row["description"]),
        "agency_responsible": (en and row["department__name_en"]) or row["department__name"],
        "service_notice": None,
        "requested_datetime": row["requested_datetime"],
        "updated_datetime": row["updated_datetime"],
        "expected_datetime": row["expected_datetime"],
        "address": public_text(row["address"]) or None,
        "address_id": row["open311_submission__address_id"] or None,
        "zipcode": None,
        "lat": row["lat"],
        "long": row["lon"],
        "media_url": _media_url(row, request),
    }
    if extensions:
        body.update({
            "ward": _pick(row["ward__name"], row["ward__name_en"], en),
            "ward_code": row["ward__code"],
            "channel": row["channel"],
            "duplicate": row["duplicate_of_id"] is not None,
            "parent_service_request_id": row["duplicate_of__code"],
            "supporters": row["supporters"],
            "notes": [
                {"datetime": iso(e.created_at), "description": _note_description(e),
                 "type": e.kind}
                for e in row.get("public_events", [])
            ],
        })
    return body


def discovery(base_url: str, jurisdiction_id: str, contact: str, changeset: str) -> Discovery:
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
            "detailed_status", "q", "json_body",
        ],
    }


def created(report, submission, notice: str) -> Created:
    return {
        "service_request_id": report.code,
        "service_notice": notice,
        "account_id": submission.account_id or None,
        "token": submission.token,
    }


def token(submission) -> TokenAnswer:
    return {"service_request_id": submission.report.code, "token": submission.token}
