"""The staff page of open alerts (and the recently cleared), with their reports."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.http import require_GET

from smartdistrict.environment import selectors as environment_selectors
from smartdistrict.environment.alerts import selectors, texts
from smartdistrict.environment.models import Alert
from smartdistrict.environment.pages import presenters
from smartdistrict.feedback.models import OPEN_STATES, Status

LOGIN_URL = "/console/login/"


def is_staff_user(user) -> bool:
    return bool(user.is_active and (getattr(user, "role", "") or user.is_superuser))


def _row(alert: Alert) -> dict:
    report = alert.report
    return {
        "alert": alert,
        "station_url": reverse("environment-station-page", args=[alert.station.code]),
        "ward": presenters.localised(alert.station.ward),
        "condition": texts.condition(alert.rule, alert.details),
        "now": texts.condition(alert.rule, alert.details["last"])
        if alert.details.get("last") else "",
        "opened": presenters.local(alert.opened_at),
        "cleared": presenters.local(alert.cleared_at),
        "report": report,
        "report_url": f"/console/reports/{report.code}" if report else "",
        "report_status": Status(report.status).label if report else "",
        "report_open": bool(report and report.status in OPEN_STATES),
        "report_error": alert.details.get("report_error", ""),
    }


@require_GET
@login_required(login_url=LOGIN_URL)
def alerts(request: HttpRequest) -> HttpResponse:
    if not is_staff_user(request.user):
        return render(request, "environment/staff_forbidden.html", status=403)
    can_view = request.user.is_staff and request.user.has_perm("environment.view_deadletter")
    return render(request, "environment/staff_alerts.html", {
        "open": [_row(alert) for alert in selectors.open_alerts()],
        "cleared": [_row(alert) for alert in selectors.recently_cleared()],
        "dead_letters": environment_selectors.dead_letter_counts(),
        "dead_letters_url": reverse("admin:environment_deadletter_changelist")
        if can_view else "",
        "nav": "alerts",
    })
