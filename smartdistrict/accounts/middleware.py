"""Answers a log-in refused by the throttle, whichever view asked for it.

The views (Django's LoginView behind the console, the admin and the browsable API, or a
DRF view authenticating HTTP Basic) only see "wrong credentials"; this middleware sees
the mark ``ThrottledModelBackend`` or the failure receiver left on the request and
replaces their answer with one that says the truth: 429, ``Retry-After``, and a
translated message (a page, or JSON for the APIs).
"""

from __future__ import annotations

import math

from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.utils.translation import gettext as _

from smartdistrict.accounts import throttle

_API_PREFIXES = ("/api/v1/", "/open311/")


class LoginLockoutMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        until = getattr(request, throttle.LOCKED_UNTIL, None)
        if until is None:
            return response
        return lockout_response(request, until)


def lockout_message(seconds: int) -> str:
    minutes = max(1, math.ceil(seconds / 60))
    return _("Too many failed log-in attempts. Try again in %(minutes)s minutes.") % {
        "minutes": minutes
    }


def lockout_response(request: HttpRequest, until: float) -> HttpResponse:
    seconds = throttle.retry_after(until)
    message = lockout_message(seconds)
    if request.path.startswith(_API_PREFIXES):
        response: HttpResponse = JsonResponse(
            {"detail": message, "code": "login_locked", "retry_after": seconds}, status=429,
            json_dumps_params={"ensure_ascii": False},
        )
    else:
        response = render(
            request, "accounts/locked_out.html",
            {"message": message, "login_url": request.get_full_path()}, status=429,
        )
    response["Retry-After"] = str(seconds)
    response["Cache-Control"] = "no-store"
    return response
