"""Open311 output: the same Python structure rendered as JSON or as the spec's XML.

JSON mirrors XML: a list is a bare array in JSON and a root element with one child per
item in XML. Element names of nested lists come from LIST_ITEMS.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Annotated, Any, TypedDict

import orjson
from django.http import HttpRequest, HttpResponse

from smartdistrict.core.api_types import Doc
from smartdistrict.core.errors import DomainError

CONTENT_TYPES = {
    "json": "application/json; charset=utf-8",
    "xml": "text/xml; charset=utf-8",
}
FORMATS = tuple(CONTENT_TYPES)

# A nested list's element name → the name of each of its items.
LIST_ITEMS = {
    "attributes": "attribute",
    "values": "value",
    "notes": "note",
    "endpoints": "endpoint",
    "formats": "format",
    "extensions": "extension",
}
# Characters XML 1.0 cannot carry at all (controls other than tab, newline, return).
_INVALID_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, dt.datetime):
        return value.isoformat(timespec="seconds")
    text = str(value)
    text = _INVALID_XML.sub("", text)
    return (
        text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    )


def _element(name: str, value: Any, out: list[str]) -> None:
    if isinstance(value, dict):
        out.append(f"<{name}>")
        for key, item in value.items():
            _element(key, item, out)
        out.append(f"</{name}>")
    elif isinstance(value, list | tuple):
        child = LIST_ITEMS.get(name, "item")
        out.append(f"<{name}>")
        for item in value:
            _element(child, item, out)
        out.append(f"</{name}>")
    else:
        text = _text(value)
        out.append(f"<{name}>{text}</{name}>" if text else f"<{name}></{name}>")


def to_xml(root: str, data: Any, item: str | None = None) -> str:
    """``data`` is a dict (one root element) or a list of dicts (``item`` elements)."""
    out = ['<?xml version="1.0" encoding="utf-8"?>']
    if isinstance(data, list):
        out.append(f"<{root}>")
        for entry in data:
            _element(item or "item", entry, out)
        out.append(f"</{root}>")
    else:
        _element(root, data, out)
    return "".join(out)


def to_json(data: Any) -> bytes:
    """Compact UTF-8 JSON. orjson refuses nothing json would accept here and is several
    times faster on a thousand requests; NaN never reaches it (coordinates are checked)."""
    return orjson.dumps(data, option=orjson.OPT_OMIT_MICROSECONDS)


def render(data: Any, fmt: str, *, root: str, item: str | None = None,
           status: int = 200) -> HttpResponse:
    body = to_json(data) if fmt == "json" else to_xml(root, data, item).encode("utf-8")
    return HttpResponse(body, status=status, content_type=CONTENT_TYPES[fmt])


class Error(TypedDict):
    """An error of the list every failure answers: the HTTP status as ``code`` (as the
    spec advises), a description naming the field at fault ("service_code: …"), and,
    as an extension, the stable reason the REST API calls ``code``."""

    code: Annotated[int, Doc("The HTTP status of the answer.")]
    description: Annotated[str, Doc("What is wrong, naming the field.")]
    error_code: Annotated[str, Doc("Extension: the stable reason, as the REST API's code "
                                   "(too_short, category_invalid, outside_jurisdiction …).")]


def error_entry(error: DomainError) -> Error:
    """One spec error: the HTTP status as code, the field named in the description."""
    message = str(error.message)
    description = f"{error.field}: {message}" if error.field else message
    return {"code": error.status_code, "description": description, "error_code": error.code}


def render_errors(errors: list[DomainError], fmt: str) -> HttpResponse:
    status = max(e.status_code for e in errors) if errors else 400
    # One status per response: the most serious (404 > 403 > 400) decides.
    return render([error_entry(e) for e in errors], fmt if fmt in FORMATS else "json",
                  root="errors", item="error", status=status)


def guard_refusal(request: HttpRequest, error: DomainError) -> HttpResponse:
    """A request core.request_guard refused under /open311/, as the spec's error list in
    the format the path asks for (settings.REQUEST_GUARD_FORMATS)."""
    response = render_errors([error], "xml" if request.path.endswith(".xml") else "json")
    response["Access-Control-Allow-Origin"] = "*"
    return response
