"""The Open311 GeoReport v2 endpoints in the platform's OpenAPI schema.

The Open311 views are plain Django views (the protocol's forms and XML do not fit DRF's
serializers, and its request list is served faster than DRF's renderers could: see
docs/decisions/0005-open311-outside-drf.md), so drf-spectacular cannot see them. This
post-processing hook adds their description to the generated schema: the answers' shapes
generated from the presenters' return types, the paths from the same constants the views
use (page sizes, limits, status values), so `/api/v1/schema/` describes both APIs and
schemathesis can exercise both.
"""

from __future__ import annotations

from typing import Any

from smartdistrict.core.api_types import openapi_schema
from smartdistrict.open311 import params as p
from smartdistrict.open311 import presenters
from smartdistrict.open311.renderers import CONTENT_TYPES, Error

BASE = "/open311/v2"
TAG = "Open311 GeoReport v2"
_JSON = CONTENT_TYPES["json"].split(";")[0]
_XML = CONTENT_TYPES["xml"].split(";")[0]


def _ref(name: str) -> dict[str, str]:
    return {"$ref": f"#/components/schemas/{name}"}


def _query(name: str, description: str, schema: dict[str, Any] | None = None) -> dict:
    return {
        "name": name,
        "in": "query",
        "required": False,
        "description": description,
        "schema": schema or {"type": "string"},
    }


FORMAT = {
    "name": "format",
    "in": "path",
    "required": True,
    "description": "Response format: json or xml.",
    "schema": {"type": "string", "enum": ["json", "xml"]},
}
JURISDICTION = _query(
    "jurisdiction_id",
    "Optional on this single-jurisdiction server; any other value than the one shown in "
    "discovery answers 404.",
)

def _list(item: str) -> dict[str, Any]:
    return {"type": "array", "items": _ref(item)}


# The answers' shapes are the presenters' return types (declared once, in
# open311.presenters and open311.renderers); only the request body is written here.
SCHEMAS: dict[str, Any] = {
    "Open311Error": openapi_schema(Error),
    "Open311ErrorList": _list("Open311Error"),
    "Open311Discovery": openapi_schema(presenters.Discovery),
    "Open311Service": openapi_schema(presenters.Service),
    "Open311ServiceList": _list("Open311Service"),
    "Open311ServiceDefinition": openapi_schema(presenters.ServiceDefinition),
    "Open311Request": openapi_schema(presenters.ServiceRequest),
    "Open311RequestList": _list("Open311Request"),
    "Open311Created": {"type": "array", "items": openapi_schema(presenters.Created)},
    "Open311Token": {"type": "array", "items": openapi_schema(presenters.TokenAnswer)},
    "Open311NewRequest": {
        "type": "object",
        "required": ["api_key", "service_code"],
        "description": (
            "Location by lat+long, address_string or address_id. Answers to a service's "
            "questions as attribute[code]=value or attribute[code][]=value. Photos as "
            "multipart `media` parts."
        ),
        "properties": {
            "api_key": {"type": "string"},
            "jurisdiction_id": {"type": "string"},
            "service_code": {"type": "string"},
            "lat": {"type": "number", "minimum": -90, "maximum": 90},
            "long": {"type": "number", "minimum": -180, "maximum": 180},
            "address_string": {"type": "string"},
            "address_id": {"type": "string"},
            "email": {"type": "string"},
            "device_id": {"type": "string"},
            "account_id": {"type": "string"},
            "first_name": {"type": "string"},
            "last_name": {"type": "string"},
            "phone": {"type": "string"},
            "description": {"type": "string", "maxLength": 4000},
            "media_url": {"type": "string"},
        },
    },
}
# The same parameters as one JSON object (an extension); the answers as one object too.
SCHEMAS["Open311NewRequestJson"] = {
    **SCHEMAS["Open311NewRequest"],
    "description": (
        "The form's parameters as one JSON object (extension json_body). Answers as "
        "\"attribute[code]\": value or \"attribute\": {code: value or [values]}."
    ),
    "properties": {
        **SCHEMAS["Open311NewRequest"]["properties"],
        "attribute": {"type": "object", "additionalProperties": {
            "oneOf": [{"type": "string"}, {"type": "number"},
                      {"type": "array", "items": {"type": "string"}}]}},
    },
}


def _answer(schema: str, description: str) -> dict[str, Any]:
    return {
        "description": description,
        "content": {_JSON: {"schema": _ref(schema)}, _XML: {"schema": {"type": "string"}}},
    }


def _errors(*statuses: int) -> dict[str, Any]:
    texts = {
        400: "Invalid input: the list names each field.",
        403: "Missing or invalid api_key.",
        404: "Unknown resource, service, request, token or jurisdiction.",
        405: "Method not allowed.",
        429: "Too many requests from this address or api_key: the Retry-After header says "
             "after how many seconds to try again.",
    }
    return {str(s): _answer("Open311ErrorList", texts[s]) for s in statuses}


def _cache_headers() -> dict[str, Any]:
    return {
        "ETag": {"schema": {"type": "string"}},
        "Access-Control-Allow-Origin": {"schema": {"type": "string"}},
    }


def _get(operation_id: str, summary: str, schema: str, parameters: list[dict],
         errors: tuple[int, ...] = (400, 404)) -> dict[str, Any]:
    ok = _answer(schema, "OK")
    ok["headers"] = _cache_headers()
    return {
        "get": {
            "operationId": operation_id,
            "summary": summary,
            "tags": [TAG],
            "security": [{}],
            "parameters": [FORMAT, JURISDICTION, *parameters],
            "responses": {"200": ok, "304": {"description": "Not modified."},
                          **_errors(*errors)},
        }
    }


def _request_list_parameters() -> list[dict]:
    datetime = {"type": "string", "format": "date-time"}
    return [
        _query("service_request_id", "Comma-separated ids; overrides every other filter."),
        _query("service_code", "Comma-separated service codes."),
        _query("start_date", "Earliest requested_datetime (default: 90 days ago).", datetime),
        _query("end_date", "Latest requested_datetime; the span may not exceed 90 days.",
               datetime),
        _query("status", "open, closed, or both separated by a comma."),
        _query("page", "Extension: page number (turns on paging).",
               {"type": "integer", "minimum": 1}),
        _query("page_size", f"Extension: results per page (default {p.PAGE_SIZE_DEFAULT}).",
               {"type": "integer", "minimum": 1, "maximum": p.PAGE_SIZE_MAX}),
        _query("bbox", "Extension: minLng,minLat,maxLng,maxLat."),
        _query("lat", "Extension: centre latitude (with long).",
               {"type": "number", "minimum": -90, "maximum": 90}),
        _query("long", "Extension: centre longitude (with lat).",
               {"type": "number", "minimum": -180, "maximum": 180}),
        _query("radius", "Extension: metres around lat/long.",
               {"type": "number", "minimum": 1, "maximum": p.RADIUS_MAX_M}),
        _query("updated_after", "Extension: updated at or after.", datetime),
        _query("updated_before", "Extension: updated at or before.", datetime),
        _query("extensions", "Extension: add ward, channel, duplicate, supporters, notes.",
               {"type": "boolean"}),
        _query("q", "Extension: words that the description or the address hold "
               "(diacritics and case ignored), or a request id.",
               {"type": "string", "maxLength": p.SEARCH_MAX}),
    ]


def paths() -> dict[str, Any]:
    requests = _get(
        "open311_requests_list",
        f"Service requests (default the last 90 days, at most {p.MAX_RESULTS}).",
        "Open311RequestList",
        _request_list_parameters(),
    )
    requests["post"] = {
        "operationId": "open311_requests_create",
        "summary": "Submit a service request (needs an api_key).",
        "tags": [TAG],
        "security": [{}],
        "parameters": [FORMAT],
        "requestBody": {
            "required": True,
            "content": {
                "application/x-www-form-urlencoded": {"schema": _ref("Open311NewRequest")},
                "multipart/form-data": {"schema": _ref("Open311NewRequest")},
                "application/json": {"schema": _ref("Open311NewRequestJson")},
            },
        },
        "responses": {"200": _answer("Open311Created", "Created at once (realtime)."),
                      **_errors(400, 403, 404, 429)},
    }
    at_point = [
        _query("lat", "Extension: only services routable at this point (with long).",
               {"type": "number", "minimum": -90, "maximum": 90}),
        _query("long", "Extension: longitude of that point.",
               {"type": "number", "minimum": -180, "maximum": 180}),
    ]
    identifier = {"in": "path", "required": True, "schema": {"type": "string"}}
    return {
        f"{BASE}/discovery.{{format}}": _get(
            "open311_discovery", "Endpoints, formats and extensions.", "Open311Discovery", []
        ),
        f"{BASE}/services.{{format}}": _get(
            "open311_services", "The services (active categories).", "Open311ServiceList",
            at_point,
        ),
        f"{BASE}/services/{{service_code}}.{{format}}": _get(
            "open311_service_definition", "A service's extra questions.",
            "Open311ServiceDefinition", [{"name": "service_code", **identifier}],
        ),
        f"{BASE}/requests.{{format}}": requests,
        f"{BASE}/requests/{{service_request_id}}.{{format}}": _get(
            "open311_request", "One service request.", "Open311RequestList",
            [{"name": "service_request_id", **identifier},
             _query("extensions", "Add the extension fields.", {"type": "boolean"})],
        ),
        f"{BASE}/tokens/{{token}}.{{format}}": _get(
            "open311_token", "The request id a submission token became.", "Open311Token",
            [{"name": "token", **identifier}],
        ),
    }


def add_open311(result: dict[str, Any], generator, request, public) -> dict[str, Any]:
    """drf-spectacular POSTPROCESSING_HOOKS entry: merge the Open311 description in."""
    result.setdefault("paths", {}).update(paths())
    result.setdefault("components", {}).setdefault("schemas", {}).update(SCHEMAS)
    tags = result.setdefault("tags", [])
    if not any(t.get("name") == TAG for t in tags):
        tags.append({"name": TAG, "description": "The standard city-services protocol; "
                     "see docs/open311.md."})
    return result
