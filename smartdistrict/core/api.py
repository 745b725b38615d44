"""The REST API's single place where errors become responses.

Domain errors raised by services and selectors carry their status, code, message and
field; DRF's own errors (parsing, authentication) keep DRF's handling. Messages are
rendered in the request's language (LocaleMiddleware reads Accept-Language).
"""

from __future__ import annotations

from typing import Any

from rest_framework.response import Response
from rest_framework.views import exception_handler as drf_exception_handler

from smartdistrict.core.errors import DomainError


def error_body(error: DomainError) -> dict[str, Any]:
    body: dict[str, Any] = {"detail": str(error.message), "code": error.code}
    if error.field:
        body["field"] = error.field
    for key, value in error.extra.items():
        body[key] = value
    return body


def exception_handler(exc: Exception, context: dict) -> Response | None:
    if isinstance(exc, DomainError):
        return Response(error_body(exc), status=exc.status_code, headers=exc.headers)
    return drf_exception_handler(exc, context)
