"""Following a report by its code; rating and reopening with the link the resident received.

Thin: every rule is in feedback services."""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from smartdistrict.core.errors import DomainError
from smartdistrict.feedback import policy
from smartdistrict.feedback.models import (
    OPEN_STATES,
    FollowupAnswer,
    PhotoStage,
    Report,
    Status,
)
from smartdistrict.feedback.resident_token import token_is_valid
from smartdistrict.feedback.selectors import is_overdue, public_timeline, report_by_code
from smartdistrict.feedback.services.followup import report_followup_answer
from smartdistrict.feedback.services.residents import (
    report_rate,
    report_reopen_by_resident,
)
from smartdistrict.portal.posted import posted
from smartdistrict.portal.supporters import supported_here
from smartdistrict.portal.views.home import STATE_GROUP_OF

# States in which the resident may rate the answer.
RESOLVED_STATES = (Status.RESOLVED, Status.CLOSED)


def report_or_404(code: str) -> Report:
    try:
        return report_by_code(code)
    except DomainError as error:
        raise Http404(str(error.message)) from None


@require_GET
def track_search(request: HttpRequest) -> HttpResponse:
    code = request.GET.get("code", "").strip()
    if code:
        return redirect("portal-track", code=code.upper())
    return render(request, "portal/track_search.html")


@require_GET
def track(request: HttpRequest, code: str) -> HttpResponse:
    try:
        report = report_by_code(code)
    except DomainError as error:
        return render(request, "portal/track_search.html",
                      {"error": error.message, "code": code}, status=404)
    token = request.GET.get("token", "")
    holder = bool(token) and token_is_valid(report, token)
    now = timezone.now()
    photos = list(report.photos.only("image", "thumbnail", "width", "height", "stage",
                                     "report_id"))
    context = {
        "report": report,
        "timeline": public_timeline(report).only(
            "kind", "to_status", "note", "created_at", "report_id"
        ),
        "photos": [p for p in photos if p.stage == PhotoStage.BEFORE],
        "after_photos": [p for p in photos if p.stage == PhotoStage.AFTER],
        "supported": supported_here(request, report),
        "token": token if holder else "",
        "is_open": report.status in OPEN_STATES,
        "resolved": report.status in RESOLVED_STATES,
        "on_time": report.resolved_at is not None and report.resolved_at <= report.due_at,
        "can_rate": holder and report.status in RESOLVED_STATES and report.rating is None,
        "can_answer_followup": holder and report.status in RESOLVED_STATES
        and not report.followup_answer,
        "can_reopen": holder and policy.resident_may_reopen(
            status=report.status, resolved_at=report.resolved_at, now=now
        ),
        "overdue": is_overdue(report),
        "map_state": STATE_GROUP_OF.get(report.status, "rejected"),
    }
    return render(request, "portal/track.html", context)


def _back(code: str, token: str) -> HttpResponse:
    return redirect(f"{reverse('portal-track', args=[code])}?token={token}")


@require_POST
def rate(request: HttpRequest, code: str) -> HttpResponse:
    report = report_or_404(code)
    token = request.POST.get("token", "")
    try:
        report_rate(report=report, token=token, score=posted(request, "rating", 3),
                    comment=posted(request, "comment"))
    except DomainError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("Thank you: your rating has been recorded."))
    return _back(report.code, token)


@require_POST
def reopen(request: HttpRequest, code: str) -> HttpResponse:
    report = report_or_404(code)
    token = request.POST.get("token", "")
    try:
        report_reopen_by_resident(report=report, token=token, reason=posted(request, "note"))
    except DomainError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("Your report has been reopened."))
    return _back(report.code, token)


@require_http_methods(["GET", "POST"])
def followup(request: HttpRequest, code: str) -> HttpResponse:
    """"Was it fixed?": three buttons (the link in the question carries the token); the
    answer goes in the timeline, and "not fixed" reopens the report."""
    report = report_or_404(code)
    token = (request.POST if request.method == "POST" else request.GET).get("token", "")
    holder = bool(token) and token_is_valid(report, token)
    error = ""
    if request.method == "POST":
        try:
            report = report_followup_answer(
                report=report, token=token, answer=posted(request, "answer", 20),
                comment=posted(request, "comment"))
        except DomainError as failure:
            error = str(failure.message)
        else:
            messages.success(request, _("Thank you: your answer has been recorded."))
            return _back(report.code, token)
    return render(request, "portal/followup.html", {
        "report": report, "token": token if holder else "", "error": error,
        "answers": FollowupAnswer.choices,
    }, status=400 if error else 200)
