"""Residents' requests to see or erase their personal data (administrators only):
a list with the form that registers one, and each request's page with its actions."""

from __future__ import annotations

from django.conf import settings
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from smartdistrict.console.access import staff_required
from smartdistrict.console.forms.data_requests import (
    CloseForm,
    EraseForm,
    RegisterForm,
    ReportsForm,
    add_service_error,
)
from smartdistrict.core.errors import DomainError, NotFound
from smartdistrict.feedback.models import DataRequestKind, DataRequestStatus
from smartdistrict.feedback.personal_data import (
    data_request_get,
    data_request_list,
    data_requests_allowed,
)
from smartdistrict.feedback.services import data_requests as service

ACTIONS = ("reports", "export", "erase", "close")


def _forbidden(request: HttpRequest) -> HttpResponse:
    return render(request, "console/forbidden.html", {
        "reason": _("Only administrators handle residents' personal data requests."),
    }, status=403)


def _list_page(request: HttpRequest, form: RegisterForm, status: int = 200) -> HttpResponse:
    return render(request, "console/data_requests.html", {
        "nav": "data-requests", "form": form, "requests": data_request_list()[:200],
        "now": timezone.now(), "answer_days": settings.DATA_REQUEST_ANSWER_WORKING_DAYS,
    }, status=status)


@staff_required
@require_http_methods(["GET", "POST"])
def data_requests(request: HttpRequest) -> HttpResponse:
    if not data_requests_allowed(request.user):
        return _forbidden(request)
    if request.method == "GET":
        return _list_page(request, RegisterForm())
    form = RegisterForm(request.POST)
    if form.is_valid():
        data = form.cleaned_data
        try:
            created = service.data_request_register(
                kind=data["kind"], actor=request.user, name=data["requester_name"],
                phone=data["phone"], email=data["email"], details=data["details"],
                received_at=data["received_at"],
            )
        except DomainError as error:
            add_service_error(form, error)
        else:
            return redirect("console:data-request", request_id=created.id)
    return _list_page(request, form, status=400)


def _detail_page(request: HttpRequest, data_request, forms: dict | None = None,
                 status: int = 200, error: str = "") -> HttpResponse:
    forms = forms or {}
    return render(request, "console/data_request.html", {
        "nav": "data-requests", "item": data_request, "error": error,
        "open": data_request.status == DataRequestStatus.OPEN,
        "erasure": data_request.kind == DataRequestKind.ERASURE,
        "overdue": data_request.status == DataRequestStatus.OPEN
        and data_request.due_at < timezone.now(),
        "reports": data_request.reports.select_related("category", "ward").order_by("created_at"),
        "entries": data_request.entries.select_related("actor"),
        "reports_form": forms.get("reports") or ReportsForm(),
        "erase_form": forms.get("erase") or EraseForm(),
        "close_form": forms.get("close") or CloseForm(),
    }, status=status)


def _get(request_id: int):
    try:
        return data_request_get(request_id)
    except NotFound:
        raise Http404 from None


@staff_required
@require_GET
def data_request(request: HttpRequest, request_id: int) -> HttpResponse:
    if not data_requests_allowed(request.user):
        return _forbidden(request)
    return _detail_page(request, _get(request_id))


@staff_required
@require_POST
def data_request_action(request: HttpRequest, request_id: int, action: str) -> HttpResponse:
    if not data_requests_allowed(request.user):
        return _forbidden(request)
    if action not in ACTIONS:
        raise Http404(action)
    item = _get(request_id)
    form = {"reports": ReportsForm, "export": None, "erase": EraseForm,
            "close": CloseForm}[action]
    bound = form(request.POST) if form else None
    if bound is not None and not bound.is_valid():
        return _detail_page(request, item, {action: bound}, status=400)
    try:
        if action == "export":
            download = service.data_request_export(request=item, actor=request.user)
            back = reverse("console:data-request", kwargs={"request_id": item.id})
            return redirect(f"{reverse('download', kwargs={'download_id': download.id})}"
                            f"?back={back}")
        if action == "reports":
            service.data_request_reports_add(request=item, codes=bound.cleaned_data["codes"],
                                             actor=request.user)
        elif action == "erase":
            service.data_request_erase(request=item, actor=request.user)
        else:
            service.data_request_close(request=item, actor=request.user,
                                       answer=bound.cleaned_data["answer"],
                                       refused=bound.cleaned_data["outcome"] == "refused")
    except DomainError as error:
        if bound is None:
            return _detail_page(request, item, status=error.status_code,
                                error=str(error.message))
        add_service_error(bound, error)
        return _detail_page(request, item, {action: bound}, status=error.status_code)
    return redirect("console:data-request", request_id=item.id)
