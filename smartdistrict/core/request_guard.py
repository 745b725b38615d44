"""Requests no view can serve, refused at the door in the format the caller asked for.

- U+0000 in the path or in a query parameter (name or value): PostgreSQL cannot hold it
  in text, so any lookup with it failed with a 500 deep in a view. The REST intake already
  refuses it in bodies (feedback.api.inputs.request_body); this refuses it, for every
  view, in the URL, with the same 400 and code ``null_character`` naming the parameter.
- Django's own limits (DATA_UPLOAD_MAX_NUMBER_FIELDS, DATA_UPLOAD_MAX_NUMBER_FILES,
  DATA_UPLOAD_MAX_MEMORY_SIZE) raise SuspiciousOperation subclasses; ``request_error``
  turns each into a DomainError with a clear message, used by this middleware, by the
  REST API's exception handler and by Open311's endpoint wrapper.

Formats: the REST API (/api/) answers its JSON error body, a protocol adapter the answer
named for its path in REQUEST_GUARD_FORMATS (Open311: the spec's error list in JSON or
XML), every other path a small HTML page; all in the request's language (this middleware
runs after LocaleMiddleware).
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from functools import cache

from django.conf import settings
from django.core.exceptions import (
    BadRequest,
    RequestDataTooBig,
    SuspiciousOperation,
    TooManyFieldsSent,
    TooManyFilesSent,
)
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.utils.html import escape
from django.utils.module_loading import import_string
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from smartdistrict.core.errors import DomainError, InvalidInput, error_body

NUL = "\x00"


class RequestTooLarge(InvalidInput):
    status_code = 413
    code = "request_too_large"


def request_error(error: Exception) -> DomainError:
    """The DomainError to answer for one of Django's request-reading refusals."""
    if isinstance(error, TooManyFilesSent):
        return InvalidInput(
            _("Too many files in one request: send at most %(max)d.")
            % {"max": settings.DATA_UPLOAD_MAX_NUMBER_FILES},
            code="too_many_files",
        )
    if isinstance(error, TooManyFieldsSent):
        return InvalidInput(
            _("Too many fields in one request: send at most %(max)d.")
            % {"max": settings.DATA_UPLOAD_MAX_NUMBER_FIELDS},
            code="too_many_fields",
        )
    if isinstance(error, RequestDataTooBig):
        return RequestTooLarge(_("The request is too large."))
    return InvalidInput(_("The request could not be read."), code="bad_request")


def null_character_error(field: str) -> InvalidInput:
    return InvalidInput(_("Null characters are not allowed."), field=field,
                        code="null_character")


def null_field(request: HttpRequest) -> str | None:
    """The name of the first part of the URL holding U+0000 ("path" or the parameter)."""
    if NUL in request.path:
        return "path"
    for key, values in request.GET.lists():
        if NUL in key or any(NUL in value for value in values):
            return key.replace(NUL, "") or "query"
    return None


@cache
def _formats() -> list[tuple[str, Callable[[HttpRequest, DomainError], HttpResponse]]]:
    """REQUEST_GUARD_FORMATS: the protocol adapters' own error answers, by path prefix
    (the project's settings wire them in; core knows none of those apps)."""
    return [(prefix, import_string(path))
            for prefix, path in settings.REQUEST_GUARD_FORMATS.items()]


def refusal(request: HttpRequest, error: DomainError) -> HttpResponse:
    """``error`` as the caller's format expects it (see the module's docstring)."""
    path = request.path
    for prefix, answer in _formats():
        if path.startswith(prefix):
            return answer(request, error)
    if path.startswith("/api/"):
        return JsonResponse(error_body(error), status=error.status_code,
                            json_dumps_params={"ensure_ascii": False})
    title = escape(_("The request could not be processed."))
    field = f" ({escape(error.field)})" if error.field else ""
    body = (f'<!doctype html><html lang="{escape(get_language() or "vi")}"><head>'
            f'<meta charset="utf-8"><title>{title}</title></head><body><h1>{title}</h1>'
            f"<p>{escape(str(error.message))}{field}</p></body></html>")
    return HttpResponse(body, status=error.status_code, content_type="text/html; charset=utf-8")


class RequestGuardMiddleware:
    """Runs before every view; place it after LocaleMiddleware (answers are translated)."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        try:
            field = null_field(request)
        except (SuspiciousOperation, BadRequest) as error:  # too many query parameters
            return refusal(request, request_error(error))
        if field is not None:
            return refusal(request, null_character_error(field))
        return self.get_response(request)

    def process_exception(self, request: HttpRequest, exception: Exception):
        """A view that read a body over Django's limits: the caller's format, not Django's
        HTML 400 page (the REST API and Open311 already map these themselves)."""
        if isinstance(exception, SuspiciousOperation | BadRequest) and (
            request.path.startswith(("/api/", "/open311/"))
        ):
            if isinstance(exception, SuspiciousOperation):  # as Django would have logged it
                logging.getLogger(f"django.security.{type(exception).__name__}").error(
                    str(exception))
            return refusal(request, request_error(exception))
        return None
