"""Who pressed "this is my problem too": one browser counts once per report.

A browser is known by a random id in a signed, long-lived cookie (set the first time it
supports a report); the service stores only a keyed digest of it (feedback.Support), so
the count survives the session and the id cannot be read back from the database.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets

from django.conf import settings
from django.http import HttpRequest, HttpResponse

from smartdistrict.feedback.models import Report, Support

COOKIE = "sd_browser"
_SALT = "portal.supporter"
_MAX_AGE = 5 * 365 * 24 * 3600


def browser_id(request: HttpRequest) -> str:
    """The browser's id from its signed cookie ("" when it has none or it was forged)."""
    return request.get_signed_cookie(COOKIE, default="", salt=_SALT)


def supporter_key(browser: str) -> str:
    """The digest stored for ``browser`` (keyed with the site's secret)."""
    return hmac.new(settings.SECRET_KEY.encode(), f"browser:{browser}".encode(),
                    hashlib.sha256).hexdigest()


def ensure_browser_id(request: HttpRequest) -> str:
    """The browser's id, a new one when it has none (remember_browser sets the cookie)."""
    return browser_id(request) or secrets.token_urlsafe(24)


def remember_browser(response: HttpResponse, browser: str) -> None:
    response.set_signed_cookie(COOKIE, browser, salt=_SALT, max_age=_MAX_AGE,
                               secure=settings.SESSION_COOKIE_SECURE, httponly=True,
                               samesite="Lax")


def supported_here(request: HttpRequest, report: Report) -> bool:
    """Whether this browser already said the report is its problem too."""
    browser = browser_id(request)
    return bool(browser) and Support.objects.filter(
        report=report, supporter=supporter_key(browser)
    ).exists()
