""""My reports" (/my/): sign in with a one-time code, then every report the resident
sent with that address, links to rate, reopen or answer each, and their contact to
correct or erase. Thin: the rules are in feedback.services.my_reports."""

from __future__ import annotations

import time

from django.conf import settings
from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from smartdistrict.core import ratelimits
from smartdistrict.core.errors import DomainError, RateLimited
from smartdistrict.feedback.resident_token import resident_token
from smartdistrict.feedback.services import my_reports
from smartdistrict.feedback.services.my_reports import Address
from smartdistrict.portal.posted import posted

SESSION = "portal:my"  # {"kind", "value", "until"} once the code was accepted
PENDING = "portal:my-pending"  # the address a code was sent to
SIGNED_IN_SECONDS = 2 * 3600
LIST_LIMIT = 200


def signed_in(request: HttpRequest) -> Address | None:
    held = request.session.get(SESSION)
    if not held or held.get("until", 0) < time.time():
        return None
    return Address(held["kind"], held["value"])


def _sign_in(request: HttpRequest, address: Address) -> None:
    request.session.cycle_key()  # a new session id once identified
    request.session[SESSION] = {"kind": address.kind, "value": address.value,
                                "until": time.time() + SIGNED_IN_SECONDS}


def _masked(address: Address) -> str:
    value = address.value
    if address.kind == "email":
        name, _at, domain = value.partition("@")
        return f"{name[:2]}…@{domain}"
    return f"…{value[-3:]}"


@require_http_methods(["GET", "POST"])
def my_home(request: HttpRequest) -> HttpResponse:
    """The reports when signed in; else the form asking for the address."""
    address = signed_in(request)
    if address is None:
        return _ask(request)
    reports = list(my_reports.resident_reports(address)
                   .select_related("category", "ward")[:LIST_LIMIT])
    rows = [{"report": r, "token": resident_token(r)} for r in reports]
    first = reports[0] if reports else None
    return render(request, "portal/my_reports.html", {
        "address": address, "masked": _masked(address), "rows": rows,
        "contact": {"name": first.reporter_name if first else "",
                    "phone": first.reporter_phone if first else "",
                    "email": first.reporter_email if first else ""},
    })


def _ask(request: HttpRequest) -> HttpResponse:
    error, status, raw = "", 200, ""
    if request.method == "POST":
        raw = posted(request, "address", 254)
        try:
            ratelimits.resident_code(request)
            address = my_reports.address_clean(raw)
            my_reports.resident_code_send(address=address)
        except RateLimited as refusal:
            error, status = _("Too many requests from your connection: please try again "
                              "later."), 429
            response = _render_ask(request, raw, error, status)
            for name, value in refusal.headers.items():
                response[name] = value
            return response
        except DomainError as failure:
            error, status = str(failure.message), 400
        else:
            request.session[PENDING] = {"kind": address.kind, "value": address.value}
            return redirect("portal-my-verify")
    return _render_ask(request, raw, error, status)


def _render_ask(request: HttpRequest, raw: str, error: str, status: int) -> HttpResponse:
    return render(request, "portal/my_sign_in.html", {
        "raw": raw, "error": error, "sms": my_reports.sms_available(),
    }, status=status)


@require_http_methods(["GET", "POST"])
def my_verify(request: HttpRequest) -> HttpResponse:
    pending = request.session.get(PENDING)
    if not pending:
        return redirect("portal-my")
    address = Address(pending["kind"], pending["value"])
    error, status = "", 200
    if request.method == "POST":
        try:
            ratelimits.resident_code(request)
            my_reports.resident_code_verify(address=address, code=posted(request, "code", 20))
        except RateLimited:
            error, status = _("Too many tries from your connection: please try again "
                              "later."), 429
        except DomainError as failure:
            error, status = str(failure.message), 400
        else:
            del request.session[PENDING]
            _sign_in(request, address)
            return redirect("portal-my")
    return render(request, "portal/my_verify.html", {
        "masked": _masked(address), "error": error,
        "minutes": settings.RESIDENT_CODE_MINUTES,
    }, status=status)


@require_POST
def my_contact(request: HttpRequest) -> HttpResponse:
    address = signed_in(request)
    if address is None:
        return redirect("portal-my")
    try:
        changed = my_reports.resident_contact_update(
            address=address, name=posted(request, "name", 120),
            phone=posted(request, "phone", 30), email=posted(request, "email", 254))
    except DomainError as failure:
        messages.error(request, failure.message)
        return redirect("portal-my")
    messages.success(request, _("Your contact was corrected on %(n)d reports.") % {"n": changed})
    new = posted(request, "email" if address.kind == "email" else "phone", 254)
    try:
        _sign_in(request, my_reports.address_clean(new or ""))
    except DomainError:
        request.session.pop(SESSION, None)
    return redirect("portal-my")


@require_POST
def my_erase(request: HttpRequest) -> HttpResponse:
    address = signed_in(request)
    if address is None:
        return redirect("portal-my")
    if request.POST.get("confirm") != "yes":
        messages.error(request, _("Tick the box to confirm the erasure."))
        return redirect("portal-my")
    done = my_reports.resident_data_erase(address=address)
    request.session.pop(SESSION, None)
    messages.success(request, _("Your personal data was erased from %(n)d reports; the reports "
                                "stay, without your name or contact.") % {"n": done.reports})
    return redirect("portal-my")


@require_POST
def my_sign_out(request: HttpRequest) -> HttpResponse:
    request.session.pop(SESSION, None)
    return redirect("portal-my")
