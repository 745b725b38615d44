"""Reading API input: bodies, typed fields, uploads, answers and list filters.

Each bad value is a 400 naming its field, in the request's language; nothing here
decides a business rule (those live in feedback services and selectors).
"""

from __future__ import annotations

from django.utils.translation import gettext as _
from rest_framework.request import Request

from smartdistrict.core.errors import InvalidInput
from smartdistrict.feedback import selectors
from smartdistrict.feedback.models import OPEN_STATES, Channel, Status
from smartdistrict.feedback.report_input import Contact, Place, ReportInput
from smartdistrict.geography.api.params import parse_date


def request_body(request: Request):
    """The request body as a mapping; a JSON list or scalar is a clear 400, not a crash."""
    data = request.data
    if not hasattr(data, "get"):
        raise InvalidInput(_("Send the fields as a JSON object or a form."), code="body_not_object")
    for key in data:
        values = data.getlist(key) if hasattr(data, "getlist") else [data[key]]
        if _has_null_character(key) or any(_has_null_character(v) for v in values):
            # PostgreSQL cannot store U+0000 in text or JSON: refuse it at the door.
            raise InvalidInput(_("Null characters are not allowed."), field=str(key).strip("\x00"),
                               code="null_character")
    return data


def _has_null_character(value) -> bool:
    if isinstance(value, str):
        return "\x00" in value
    if isinstance(value, dict):
        return any(_has_null_character(k) or _has_null_character(v) for k, v in value.items())
    if isinstance(value, list | tuple):
        return any(_has_null_character(v) for v in value)
    return False


def text_field(data, name: str) -> str:
    """A text field: missing or null is empty; a list, number or object is refused."""
    value = data.get(name)
    if value is None:
        return ""
    if isinstance(value, bool) or not isinstance(value, str | int | float):
        raise InvalidInput(_("This field must be text."), field=name)
    return str(value)


def flag_field(data, name: str, default: bool) -> bool:
    value = data.get(name)
    if value is None or value == "":
        return default
    if isinstance(value, bool):
        return value
    if str(value).lower() in ("true", "1", "yes", "on"):
        return True
    if str(value).lower() in ("false", "0", "no", "off"):
        return False
    raise InvalidInput(_("Give true or false."), field=name)


def report_input(request: Request) -> ReportInput:
    """POST /reports as feedback's ReportInput. The API's field names are intake's own
    (report_input.Field), so its errors need no translation."""
    data = request_body(request)
    return ReportInput(
        category=text_field(data, "category"),
        description=text_field(data, "description"),
        place=Place(lat=data.get("lat"), lon=data.get("lon"), address=text_field(data, "address")),
        contact=Contact(name=text_field(data, "reporter_name"),
                        phone=text_field(data, "reporter_phone"),
                        email=text_field(data, "reporter_email")),
        answers=attribute_answers(request),
        photos=request.FILES.getlist("photos") if hasattr(request, "FILES") else [],
        channel=text_field(data, "channel") or Channel.WEB,
        idempotency_key=request.headers.get("Idempotency-Key")
        or text_field(data, "idempotency_key"),
        entered_by=request.user if request.user.is_authenticated else None,
    )


def attribute_answers(request: Request) -> dict:
    data = request_body(request)
    if isinstance(data.get("attributes"), dict):
        return data["attributes"]
    answers: dict = {}
    for key in data:
        if key.startswith("attribute[") and key.endswith("]"):
            code = key[len("attribute["):-1].removesuffix("][")
            values = data.getlist(key) if hasattr(data, "getlist") else [data[key]]
            answers[code.rstrip("[]")] = values if key.endswith("[]") else values[-1]
    return answers


def filter_reports(reports, params):
    """The staff list's filters; each bad value is a 400 naming its parameter."""
    if params.get("status"):
        wanted = [s.strip() for s in params["status"].split(",") if s.strip()]
        if any(s not in [*Status.values, "open", "closed"] for s in wanted):
            raise InvalidInput(_("Unknown status."), field="status")
        states = {s for s in wanted if s in Status.values}
        if "open" in wanted:
            states |= set(OPEN_STATES)
        if "closed" in wanted:
            states |= set(Status.values) - set(OPEN_STATES)
        reports = reports.filter(status__in=states)
    if params.get("category"):
        reports = reports.filter(category__code__in=params["category"].split(","))
    if params.get("ward"):
        reports = reports.filter(ward__code__in=params["ward"].split(","))
    if params.get("department"):
        reports = reports.filter(department__code__in=params["department"].split(","))
    overdue = params.get("overdue")
    if overdue in ("true", "1"):
        reports = reports.filter(selectors.overdue_now())
    elif overdue in ("false", "0"):
        reports = reports.exclude(selectors.overdue_now())
    after = parse_date(params.get("created_after"), "created_after")
    before = parse_date(params.get("created_before"), "created_before")
    if after:
        reports = reports.filter(created_at__date__gte=after)
    if before:
        reports = reports.filter(created_at__date__lte=before)
    if params.get("bbox"):
        try:
            min_lon, min_lat, max_lon, max_lat = (float(v) for v in params["bbox"].split(","))
        except ValueError:
            raise InvalidInput(
                _("Give bbox as minLon,minLat,maxLon,maxLat."), field="bbox"
            ) from None
        reports = reports.filter(
            lat__gte=min_lat, lat__lte=max_lat, lon__gte=min_lon, lon__lte=max_lon
        )
    return reports
