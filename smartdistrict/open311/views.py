"""Open311 GeoReport v2 endpoints: parse the protocol, call feedback, render JSON or XML.

Every error, whatever raised it, leaves as the spec's error list in the requested format
(JSON when the format itself is unknown); no HTML page, no traceback.
"""

from __future__ import annotations

import hashlib
import logging
from collections.abc import Callable
from functools import wraps

from django.conf import settings
from django.core.exceptions import BadRequest, SuspiciousOperation
from django.http import HttpRequest, HttpResponse, UnreadablePostError
from django.http.multipartparser import MultiPartParserError
from django.utils import timezone
from django.utils.cache import get_conditional_response, patch_vary_headers
from django.utils.http import http_date
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt

from smartdistrict.core import ratelimits
from smartdistrict.core.errors import DomainError, NotFound
from smartdistrict.core.request_guard import request_error
from smartdistrict.feedback.config_cache import config
from smartdistrict.feedback.report_input import IntakeRefused
from smartdistrict.feedback.selectors import active_categories
from smartdistrict.geography.selectors import open311_jurisdiction_id
from smartdistrict.open311 import intake, presenters, selectors, services
from smartdistrict.open311 import params as p
from smartdistrict.open311.renderers import FORMATS, render, render_errors

logger = logging.getLogger(__name__)

DEFAULT_JURISDICTION = "localhost"  # before any pack is loaded
DISCOVERY_CHANGESET = "2026-01-01T00:00:00+07:00"


class ErrorList(Exception):
    """Several errors answered at once (the spec allows a list)."""

    def __init__(self, errors: list[DomainError]):
        self.errors = errors
        super().__init__("; ".join(str(e) for e in errors))


def jurisdiction() -> str:
    return open311_jurisdiction_id() or DEFAULT_JURISDICTION


def _check_jurisdiction(request: HttpRequest, given: str = "") -> None:
    """A jurisdiction_id that is not ours is the spec's 404 (``given``: one read from a
    JSON body, which request.POST does not hold)."""
    given = given or (request.GET.get("jurisdiction_id") or "").strip()
    if not given and request.method == "POST" and request.content_type != "application/json":
        given = (request.POST.get("jurisdiction_id") or "").strip()
    if given and given != jurisdiction():
        raise NotFound(_("This server does not serve this jurisdiction."),
                       field="jurisdiction_id", code="jurisdiction_not_found")


def _errors_for(error: Exception) -> list[DomainError]:
    if isinstance(error, ErrorList):
        return error.errors
    if isinstance(error, DomainError):
        return [error]
    return [request_error(error)]  # Django's limits: too many files or fields, too large


def endpoint(*methods: str) -> Callable:
    """Format check, jurisdiction, method, error mapping and CORS for one Open311 view."""
    allowed = {*methods, "HEAD"} if "GET" in methods else set(methods)

    def decorate(view: Callable) -> Callable:
        @csrf_exempt
        @wraps(view)
        def wrapper(request: HttpRequest, *args, fmt: str, **kwargs) -> HttpResponse:
            if fmt not in FORMATS:
                response = render_errors([NotFound(_("Unknown format: use .json or .xml."),
                                                   code="format_not_found")], "json")
                response["Access-Control-Allow-Origin"] = "*"
                return response
            if request.method == "OPTIONS":
                response = HttpResponse(status=204)
                response["Allow"] = ", ".join(sorted(allowed | {"OPTIONS"}))
                response["Access-Control-Allow-Methods"] = "GET, HEAD, OPTIONS"
                response["Access-Control-Allow-Origin"] = "*"
                return response
            try:
                if request.method not in allowed:
                    error = DomainError(_("This method is not allowed here."), code="method")
                    error.status_code = 405
                    response = render_errors([error], fmt)
                    response["Allow"] = ", ".join(sorted(allowed | {"OPTIONS"}))
                    return response
                _check_jurisdiction(request)
                response = view(request, fmt, *args, **kwargs)
            except (DomainError, ErrorList, BadRequest, SuspiciousOperation,
                    MultiPartParserError, UnreadablePostError) as error:
                errors = _errors_for(error)
                response = render_errors(errors, fmt)
                for refusal in errors:
                    for name, value in refusal.headers.items():  # Retry-After of a 429
                        response[name] = value
            except Exception:
                logger.exception("Open311 %s %s failed", request.method, request.path)
                error = DomainError(_("The server could not answer; please try again later."),
                                    code="server_error")
                error.status_code = 500
                response = render_errors([error], fmt)
            if request.method in ("GET", "HEAD"):
                response["Access-Control-Allow-Origin"] = "*"
            patch_vary_headers(response, ["Accept-Language"])
            return response

        return wrapper

    return decorate


def _conditional(request: HttpRequest, response: HttpResponse, last_modified=None):
    """ETag (of the body) and Last-Modified; 304 when the client's copy is current."""
    if response.status_code != 200:
        return response
    etag = '"' + hashlib.sha256(response.content).hexdigest()[:32] + '"'
    response["ETag"] = etag
    timestamp = None
    if last_modified is not None:
        timestamp = int(last_modified.timestamp())
        response["Last-Modified"] = http_date(timestamp)
    return get_conditional_response(
        request, etag=etag, last_modified=timestamp, response=response
    )


# --- discovery and services -----------------------------------------------------------


@endpoint("GET")
def discovery(request: HttpRequest, fmt: str) -> HttpResponse:
    base = request.build_absolute_uri(request.path.rsplit("/", 1)[0] + "/")
    body = presenters.discovery(
        base, jurisdiction(), settings.OPEN311_CONTACT,
        DISCOVERY_CHANGESET,
    )
    return render(body, fmt, root="discovery")


@endpoint("GET")
def service_list(request: HttpRequest, fmt: str) -> HttpResponse:
    point = p.point(request.GET, with_radius=False)
    if point is None:
        categories = active_categories()
    else:
        categories = selectors.categories_routable_at(point.lat, point.lon)
    response = render([presenters.service(c) for c in categories], fmt,
                      root="services", item="service")
    return _conditional(request, response, config().changed_at)


@endpoint("GET")
def service_definition(request: HttpRequest, fmt: str, code: str) -> HttpResponse:
    category = selectors.category_for_definition(code)
    response = render(presenters.service_definition(category), fmt, root="service_definition")
    changed = max([category.updated_at, *(a.updated_at for a in category.attributes.all())])
    return _conditional(request, response, changed)


# --- requests ------------------------------------------------------------------------


@endpoint("GET", "POST")
def requests(request: HttpRequest, fmt: str) -> HttpResponse:
    if request.method == "POST":
        return _create(request, fmt)
    return _list(request, fmt)


def _list(request: HttpRequest, fmt: str) -> HttpResponse:
    query = selectors.RequestQuery.parse(request.GET, timezone.now())
    headers = {}
    if query.page is not None:
        reports = selectors.filter_requests(selectors.request_queryset(), query)
        total = reports.count()
        start = (query.page - 1) * query.page_size
        rows = selectors.request_rows(
            reports[start:start + query.page_size], with_notes=query.extensions
        )
        headers = {
            "X-Total-Count": str(total),
            "X-Page": str(query.page),
            "X-Page-Size": str(query.page_size),
            "X-Result-Count": str(len(rows)),
        }
        links = []
        params = request.GET.copy()
        if start + query.page_size < total:
            params["page"] = str(query.page + 1)
            links.append(f'<{request.build_absolute_uri("?" + params.urlencode())}>; rel="next"')
        if query.page > 1:
            params["page"] = str(query.page - 1)
            links.append(f'<{request.build_absolute_uri("?" + params.urlencode())}>; rel="prev"')
        if links:
            headers["Link"] = ", ".join(links)
    else:
        rows = selectors.newest_rows(query, with_notes=query.extensions)
        headers = {"X-Result-Count": str(len(rows))}
    en = presenters.english()
    body = [presenters.service_request(r, request, extensions=query.extensions, en=en)
            for r in rows]
    response = render(body, fmt, root="service_requests", item="request")
    for name, value in headers.items():
        response[name] = value
    return _conditional(request, response, selectors.last_updated(rows))


@endpoint("GET")
def request_detail(request: HttpRequest, fmt: str, request_id: str) -> HttpResponse:
    extensions = p.flag(request.GET, "extensions")
    row = selectors.request_by_id(request_id, with_notes=extensions)
    body = [presenters.service_request(row, request, extensions=extensions)]
    response = render(body, fmt, root="service_requests", item="request")
    return _conditional(request, response, selectors.last_updated([row]))


@endpoint("GET")
def token_detail(request: HttpRequest, fmt: str, token: str) -> HttpResponse:
    submission = selectors.submission_by_token(token)
    body = [presenters.token(submission)]
    return render(body, fmt, root="service_requests", item="request")


# --- POST requests ---------------------------------------------------------------------

def _create(request: HttpRequest, fmt: str) -> HttpResponse:
    ratelimits.report_intake(request)  # per address, before the body is read
    data = intake.form_data(request)
    _check_jurisdiction(request, p.get(data, "jurisdiction_id"))
    api_key = services.api_key_check(data.get("api_key"))
    ratelimits.open311_key(request, api_key)
    try:
        result = services.open311_request_create(
            data=intake.report_input(request, data, api_key),
            api_key=api_key,
            address_id=p.get(data, "address_id"),
            device_id=p.get(data, "device_id"),
            account_id=p.get(data, "account_id"),
            media_url=intake.media_url(data),
        )
    except IntakeRefused as refused:
        raise ErrorList([intake.wire_error(error, data) for error in refused.errors]) from None
    report = result.report
    notice = _("Received. %(department)s will answer by %(due)s.") % {
        "department": presenters._pick(report.department.name, report.department.name_en),
        "due": timezone.localtime(report.due_at).strftime("%H:%M %d/%m/%Y"),
    }
    body = [presenters.created(report, result.submission, notice)]
    return render(body, fmt, root="service_requests", item="request")


# --- anything else under the base path ------------------------------------------------------


@csrf_exempt
def not_found(request: HttpRequest, path: str = "") -> HttpResponse:
    fmt = "xml" if request.path.endswith(".xml") else "json"
    response = render_errors([NotFound(_("No such Open311 resource."), code="not_found")], fmt)
    response["Access-Control-Allow-Origin"] = "*"
    return response
