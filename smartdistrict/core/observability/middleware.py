"""The outermost middleware: gives each request its id, logs one line and counts it.

The id comes from an incoming ``X-Request-ID`` when it is a plain token (a proxy's or a
client's), else it is generated; it is bound to the logging context for the whole request
(so every line logged below carries it, and jobs enqueued take it along, see ``jobs``) and
returned in the response's ``X-Request-ID``.

The request line names the view (its URL name, else its route pattern), never the path:
paths hold residents' tracking tokens and query strings their searches.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse

from smartdistrict.core.observability import logs, metrics

log = logging.getLogger("smartdistrict.request")
HEADER = "X-Request-ID"
_METHODS = frozenset({"GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"})


def view_label(request: HttpRequest) -> str:
    """A bounded name for what answered: URL name, route pattern, ``static`` or ``unmatched``."""
    match = getattr(request, "resolver_match", None)
    if match is not None:
        return match.view_name or match.route or "unnamed"
    if request.path_info.startswith(settings.STATIC_URL):
        return "static"
    return "unmatched"


class RequestIdMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        request_id = logs.request_id_from(request.headers.get(HEADER))
        request.request_id = request_id
        tokens = logs.bind(request_id=request_id)
        started = time.perf_counter()
        try:
            response = self.get_response(request)
            response[HEADER] = request_id
            self._record(request, response.status_code, time.perf_counter() - started)
            return response
        finally:
            logs.unbind(tokens)

    @staticmethod
    def _record(request: HttpRequest, status: int, seconds: float) -> None:
        method = request.method if request.method in _METHODS else "other"
        view = view_label(request)
        metrics.request_observed(method=method, view=view, status=status, seconds=seconds)
        if settings.LOG_REQUESTS:
            log.info(
                "request",
                extra={
                    "method": method, "view": view, "status": status,
                    "duration_ms": round(seconds * 1000, 1),
                },
            )
