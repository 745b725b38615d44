"""The resident's key to their report: a signed link, no account.

It is handed over once (the confirmation page, the API's answer, the e-mails) and lets
its holder rate or reopen the report and see its private parts; it expires after
RESIDENT_TOKEN_MAX_AGE_DAYS. Only the report's code is signed: nothing is stored."""

from __future__ import annotations

from django.conf import settings
from django.core import signing
from django.utils.translation import gettext as _

from smartdistrict.core.errors import PermissionDenied
from smartdistrict.feedback.models import Report

_SALT = "smartdistrict.feedback.resident"


def resident_token(report: Report) -> str:
    """The secret a resident holds for their report (in the confirmation and e-mails)."""
    return signing.TimestampSigner(salt=_SALT).sign(report.code)


def resident_token_check(report: Report, token: str) -> None:
    """PermissionDenied unless ``token`` is a current key to ``report``."""
    try:
        code = signing.TimestampSigner(salt=_SALT).unsign(
            token or "", max_age=settings.RESIDENT_TOKEN_MAX_AGE_DAYS * 86400
        )
    except signing.SignatureExpired:
        raise PermissionDenied(_("This link has expired."), code="token_expired") from None
    except signing.BadSignature:
        raise PermissionDenied(_("This link is not valid."), code="token_invalid") from None
    if code != report.code:
        raise PermissionDenied(_("This link is for another report."), code="token_invalid")


def token_is_valid(report: Report, token: str) -> bool:
    try:
        resident_token_check(report, token)
    except PermissionDenied:
        return False
    return True
