"""The REST API's single place where errors become responses.

Domain errors raised by services and selectors carry their status, code, message and
field; Django's refusals of a body over its limits (too many files or fields, too large)
become the same JSON (core.request_guard); DRF's own errors (parsing, authentication)
keep DRF's handling, with DRF's code added beside its ``detail`` so that every error
body has the shape core.errors.ErrorBody declares. Messages are rendered in the request's
language (LocaleMiddleware reads Accept-Language).
"""

from __future__ import annotations

from django.core.exceptions import BadRequest, SuspiciousOperation
from rest_framework.response import Response
from rest_framework.views import exception_handler as drf_exception_handler

from smartdistrict.core.errors import DomainError, error_body
from smartdistrict.core.request_guard import request_error


def exception_handler(exc: Exception, context: dict) -> Response | None:
    if isinstance(exc, DomainError):
        return Response(error_body(exc), status=exc.status_code, headers=exc.headers)
    if isinstance(exc, SuspiciousOperation | BadRequest):  # Django's limits on a body
        error = request_error(exc)
        return Response(error_body(error), status=error.status_code)
    response = drf_exception_handler(exc, context)
    if response is not None and isinstance(response.data, dict) and "detail" in response.data:
        detail = response.data["detail"]
        response.data.setdefault(
            "code", getattr(detail, "code", None) or getattr(exc, "default_code", "error"))
    return response
