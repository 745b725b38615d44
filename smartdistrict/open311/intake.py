"""POST requests: the Open311 form translated into feedback's ReportInput, and intake's
errors translated back into the protocol's names — both directions in this one module.

Every rule is feedback's (feedback.validation); what is Open311's own is the wire: the
parameter names, ``address_id`` (a ward code of this platform), ``media_url`` and the
HTTP status the spec's clients expect (404 for an unknown service_code).
"""

from __future__ import annotations

import json
import re
from typing import Any

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.http import HttpRequest, QueryDict
from django.utils.translation import gettext as _

from smartdistrict.core.errors import DomainError, InvalidInput, NotFound
from smartdistrict.core.request_guard import NUL, null_character_error
from smartdistrict.feedback.models import AttributeDatatype, Channel
from smartdistrict.feedback.report_input import Contact, Field, Place, ReportInput, question_of
from smartdistrict.feedback.selectors import category_usable
from smartdistrict.geography.models import Unit
from smartdistrict.open311 import params as p
from smartdistrict.open311.models import ApiKey

_ATTRIBUTE = re.compile(r"attribute\[([^\[\]]+)\](\[\])?")

# feedback's field names → the Open311 parameters a client sent. The place as a whole
# (Field.PLACE) and the address depend on what the client gave: see ``field_name``.
FIELDS: dict[Field, str] = {
    Field.CATEGORY: "service_code",
    Field.DESCRIPTION: "description",
    Field.LAT: "lat",
    Field.LON: "long",
    Field.NAME: "first_name",
    Field.PHONE: "phone",
    Field.EMAIL: "email",
    Field.PHOTOS: "media",
    Field.CHANNEL: "service_code",  # the channel is Open311's own; never the client's fault
}


def form_data(request: HttpRequest) -> QueryDict:
    """The POST body's fields, form-encoded, multipart or JSON; parameters in the query
    string count too (as FixMyStreet). U+0000 anywhere is refused (the query string was
    checked by core.request_guard)."""
    data = request.GET.copy()
    if request.content_type == "application/json":
        fields = json_fields(request.body)
    else:
        fields = request.POST.lists()
    for key, values in fields:
        if NUL in key or any(NUL in value for value in values):  # PostgreSQL cannot store it
            raise null_character_error(key.replace(NUL, "") or "body")
        data.setlist(key, values)
    return data


def json_fields(body: bytes) -> list[tuple[str, list[str]]]:
    """A JSON object's members as the form's fields, so that one parser reads both.

    The members are the form's parameters (``"lat": 10.8``, ``"description": "ổ gà"``);
    the answers come either as the form writes them (``"attribute[code]": "x"``) or as one
    object (``"attribute": {"code": "x", "several": ["a", "b"]}``); a list is a repeated
    parameter. Numbers and booleans become the text a form would carry."""
    try:
        document = json.loads(body.decode("utf-8") or "null")
    except (UnicodeDecodeError, ValueError):
        raise InvalidInput(_("The body is not valid JSON."), field="body",
                           code="json_invalid") from None
    if not isinstance(document, dict):
        raise InvalidInput(_("Send one JSON object with the request's parameters."),
                           field="body", code="json_not_object")
    fields: list[tuple[str, list[str]]] = []
    for key, value in document.items():
        if key == "attribute" and isinstance(value, dict):
            for code, answer in value.items():
                name = f"attribute[{code}]" + ("[]" if isinstance(answer, list) else "")
                fields.append((name, _json_values(name, answer)))
        else:
            fields.append((key, _json_values(key, value)))
    return fields


def _json_values(name: str, value: Any) -> list[str]:
    values = value if isinstance(value, list) else [value]
    out = []
    for item in values:
        if isinstance(item, dict | list):
            raise InvalidInput(_("Give this parameter as text, a number or a list of them."),
                               field=name, code="json_value_invalid")
        if item is None:
            continue
        out.append("true" if item is True else "false" if item is False else str(item))
    return out


def report_input(request: HttpRequest, data: QueryDict, api_key: ApiKey) -> ReportInput:
    """The request's parameters as feedback's ReportInput (checked by intake, not here)."""
    address = p.get(data, "address_string")
    address_id = p.get(data, "address_id")
    if address_id and not address and not _has_point(data):
        address = _address_from_id(address_id)
    service_code = p.get(data, "service_code")
    return ReportInput(
        category=service_code,
        description=data.get("description") or "",
        place=Place(lat=p.get(data, "lat") or None, lon=p.get(data, "long") or None,
                    address=address),
        contact=Contact(
            name=" ".join(filter(None, (p.get(data, "first_name"), p.get(data, "last_name")))),
            phone=p.get(data, "phone"), email=p.get(data, "email"),
        ),
        answers=_attributes(data, service_code),
        photos=request.FILES.getlist("media"),
        channel=Channel.OPEN311,
        idempotency_key=request.headers.get("Idempotency-Key") or p.get(data, "idempotency_key"),
        client=f"open311:{api_key.id}",
    )


def media_url(data: QueryDict) -> str:
    """media_url, kept with the request (Open311's way to give a photo by address)."""
    url = p.get(data, "media_url")
    if not url:
        return ""
    try:
        if len(url) > 500:
            raise ValidationError("too long")
        URLValidator(schemes=["http", "https"])(url)
    except ValidationError:
        raise InvalidInput(_("Give media_url as an http or https address."),
                           field="media_url") from None
    return url


def field_name(name: str | None, data: QueryDict) -> str | None:
    """The Open311 parameter an intake error's field stands for."""
    if name is None or question_of(name) is not None:
        return name  # attribute[code] is already Open311's name
    if name == Field.PLACE:
        return "lat" if _has_point(data) or not _address_given(data) else _address_field(data)
    if name == Field.ADDRESS:
        return _address_field(data)
    return FIELDS.get(name, name)  # Field is a StrEnum: its members are their names


def wire_error(error: DomainError, data: QueryDict) -> DomainError:
    """An intake error as this protocol says it: its parameter's name; an unknown service
    is the spec's 404; a missing place names what the spec accepts."""
    field = field_name(error.field, data)
    if error.field == Field.CATEGORY and error.code == "category_invalid":
        return NotFound(_("No service has this service_code."), field=field,
                        code=error.code)
    message = error.message
    if error.field == Field.PLACE and error.code == "required":
        message = _("Give lat and long, or address_string, or address_id.")
    translated = type(error)(message, field=field, code=error.code, **error.extra)
    translated.status_code = error.status_code
    return translated


def _has_point(data: QueryDict) -> bool:
    return bool(p.get(data, "lat") or p.get(data, "long"))


def _address_given(data: QueryDict) -> bool:
    return bool(p.get(data, "address_string") or p.get(data, "address_id"))


def _address_field(data: QueryDict) -> str:
    return "address_string" if p.get(data, "address_string") else "address_id"


def _attributes(data: QueryDict, service_code: str) -> dict:
    category = category_usable(service_code) if service_code else None
    multi = {
        a.code for a in (category.attributes.all() if category else [])
        if a.datatype == AttributeDatatype.MULTIVALUELIST
    }
    answers: dict = {}
    for key in data:
        match = _ATTRIBUTE.fullmatch(key)
        if not match:
            continue
        code, values = match[1], [v for v in data.getlist(key) if v != ""]
        if not values:
            continue
        # A multivaluelist is always a list; several values for any other question are
        # passed on as a list, which its validation refuses.
        answers[code] = values if code in multi or len(values) > 1 else values[0]
    return answers


def _address_from_id(address_id: str) -> str:
    """address_id is the code of an administrative unit (a ward) of this platform."""
    unit = Unit.objects.filter(code=address_id, level="ward").only("name").first()
    if unit is None:
        raise InvalidInput(_("No ward has this address_id."), field="address_id")
    return unit.name
