"""OpenAPI links between the operations of both APIs (REST and Open311), added to the
generated schema by a drf-spectacular post-processing hook.

A link says where a value in one answer can be used next: the code a created report
answers with opens its detail, its contact, its transitions; the id Open311 answers a
new request with opens that request. Clients read them (OpenAPI 3 "links"), and the
fuzzer follows them to test sequences of calls, not only single calls
(core/tests/test_openapi_fuzz.py). The table names operations by their operationId
only, so core imports no app; a link whose source or target is not in the schema (an
app left out) is skipped.
"""

from __future__ import annotations

from typing import Any

_REPORT = {"path.code": "$response.body#/code"}
_REPORT_OPERATIONS = (
    "reports_retrieve", "reports_contact_retrieve", "reports_transitions_create",
    "reports_forward_create", "reports_support_create", "reports_rating_create",
    "reports_reopen_create",
)


def _each(operations: tuple[str, ...], parameters: dict[str, str]) -> dict[str, dict]:
    return {op: parameters for op in operations}


# source operationId → (its answers' status codes, {target operationId: parameters})
LINKS: dict[str, tuple[tuple[str, ...], dict[str, dict[str, Any]]]] = {
    "reports_create": (("201", "200"), _each(_REPORT_OPERATIONS, _REPORT)),
    "reports_list": (("200",), _each(
        ("reports_retrieve", "reports_transitions_create", "reports_contact_retrieve"),
        {"path.code": "$response.body#/results/0/code"},
    )),
    "reports_nearby_list": (("200",), _each(
        ("reports_retrieve", "reports_support_create"), {"path.code": "$response.body#/0/code"},
    )),
    "open311_requests_create": (("200",), {
        "open311_request": {"path.service_request_id": "$response.body#/0/service_request_id",
                            "path.format": "$request.path.format"},
        "open311_token": {"path.token": "$response.body#/0/token",
                          "path.format": "$request.path.format"},
    }),
    "open311_requests_list": (("200",), {
        "open311_request": {"path.service_request_id": "$response.body#/0/service_request_id",
                            "path.format": "$request.path.format"},
    }),
    "open311_services": (("200",), {
        "open311_service_definition": {"path.service_code": "$response.body#/0/service_code",
                                       "path.format": "$request.path.format"},
    }),
    "environment_stations_list": (("200",), _each(
        ("environment_stations_retrieve", "environment_station_readings",
         "environment_station_ngsi_ld"), {"path.code": "$response.body#/0/code"},
    )),
    "alleys_register_list": (("200",), {
        "alleys_register_detail": {"path.code": "$response.body#/results/0/code"},
    }),
    "alleys_projects_list": (("200",), {
        "alleys_projects_detail": {"path.code": "$response.body#/results/0/code"},
    }),
}


def _link_name(operation_id: str) -> str:
    return "".join(part.capitalize() for part in operation_id.replace(".", "_").split("_"))


def add_links(result: dict[str, Any], generator=None, request=None, public=None) -> dict:
    """drf-spectacular POSTPROCESSING_HOOKS entry: the LINKS table into the responses."""
    operations = {
        op.get("operationId"): op
        for item in result.get("paths", {}).values() for op in item.values()
        if isinstance(op, dict)
    }
    for source, (codes, targets) in LINKS.items():
        operation = operations.get(source)
        if operation is None:
            continue
        for code in codes:
            response = operation.get("responses", {}).get(code)
            if response is None:
                continue
            links = response.setdefault("links", {})
            for target, parameters in targets.items():
                if target in operations:
                    links[_link_name(target)] = {"operationId": target,
                                                 "parameters": dict(parameters)}
    return result
