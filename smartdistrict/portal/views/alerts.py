"""Area alerts (/alerts/): subscribe by e-mail to a unit's or a category's new and
resolved reports; the confirmation link; one-click unsubscribe (also the POST a mail
client sends for List-Unsubscribe-Post, RFC 8058). Thin: feedback.services.alerts."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods

from smartdistrict.core import ratelimits
from smartdistrict.core.errors import DomainError, RateLimited
from smartdistrict.feedback.selectors import category_usable
from smartdistrict.feedback.services import alerts
from smartdistrict.geography.models import Unit
from smartdistrict.geography.selectors import today, wards_with_boundary_status
from smartdistrict.portal import presenters
from smartdistrict.portal.posted import posted


@require_http_methods(["GET", "POST"])
def alerts_subscribe(request: HttpRequest) -> HttpResponse:
    values = {"email": "", "unit": "", "category": ""}
    error, status, done = "", 200, False
    if request.method == "POST":
        values = {k: posted(request, k, 254).strip() for k in values}
        unit = Unit.objects.filter(code=values["unit"]).first() if values["unit"] else None
        category = category_usable(values["category"]) if values["category"] else None
        try:
            ratelimits.resident_code(request)
            alerts.alert_subscribe(email=values["email"], unit=unit, category=category)
        except RateLimited:
            error, status = _("Too many requests from your connection: please try again "
                              "later."), 429
        except DomainError as failure:
            error, status = str(failure.message), 400
        else:
            done = True
    return render(request, "portal/alerts.html", {
        "values": values, "error": error, "done": done,
        "wards": [row["unit"] for row in wards_with_boundary_status(today())],
        "category_groups": presenters.category_groups(),
    }, status=status)


def alerts_confirm(request: HttpRequest, token: str) -> HttpResponse:
    try:
        subscription = alerts.alert_confirm(token=token)
    except DomainError as failure:
        return render(request, "portal/alerts_done.html", {"error": failure.message},
                      status=404)
    return render(request, "portal/alerts_done.html", {"confirmed": subscription,
                                                        "token": token})


@csrf_exempt  # the token is the authority; a mail client's one-click POST has no cookie
@require_http_methods(["GET", "POST"])
def alerts_unsubscribe(request: HttpRequest, token: str) -> HttpResponse:
    """GET: a button (a link scanner must not unsubscribe anyone); POST: done."""
    if request.method == "GET":
        return render(request, "portal/alerts_done.html", {"ask_unsubscribe": True,
                                                            "token": token})
    try:
        alerts.alert_unsubscribe(token=token)
    except DomainError as failure:
        return render(request, "portal/alerts_done.html", {"error": failure.message},
                      status=404)
    return render(request, "portal/alerts_done.html", {"unsubscribed": True})
