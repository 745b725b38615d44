"""The Zalo OA access token: where the channel gets it, and how it is renewed.

Zalo's access token lives about 25 hours; it is renewed with the refresh token through
Zalo's OAuth v4 (docs/channels.md, "Zalo tokens", says what this was checked against):

    POST {ZALO_OAUTH_URL}/v4/oa/access_token
    secret_key: {ZALO_APP_SECRET_KEY}
    Content-Type: application/x-www-form-urlencoded

    app_id={ZALO_APP_ID}&grant_type=refresh_token&refresh_token=…

    → {"access_token": "…", "refresh_token": "…", "expires_in": "90000"}
    → {"error": -14014, "error_name": "…", "error_description": "…"}   a refusal

The refresh token is single-use: the answer carries the next one, stored in the same
transaction. So a refresh holds the token row's lock (SELECT … FOR UPDATE on PostgreSQL;
on SQLite the transaction is IMMEDIATE, settings.DATABASES, which takes the one write
lock at BEGIN) while it asks Zalo, and whoever waited reads the new row and does not ask
again. A refused refresh keeps the old tokens and records Zalo's error number on the row,
where /readyz ("zalo") and the admin show it. Tokens are never logged or shown whole.
"""

from __future__ import annotations

import datetime as dt
import logging
from typing import Any

import requests
from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone

from smartdistrict.feedback.models import ZaloToken

log = logging.getLogger(__name__)

TOKEN_PATH = "/v4/oa/access_token"  # noqa: S105 (a path, not a secret)
KEY = "oa"
# The periodic job renews a token that expires within this (it runs every 10 minutes).
REFRESH_BEFORE = dt.timedelta(hours=2)
# Used when Zalo's answer names no lifetime: its documented 25 hours, less a margin.
DEFAULT_LIFETIME = dt.timedelta(hours=24)
# After Zalo refused the refresh token (an error number), the job and the senders do not
# ask again for this long: Zalo would refuse the same token again every 10 minutes, and
# only a new token (stored by hand, which asks at once) or an operator's --refresh helps.
REFUSED_WAIT = dt.timedelta(hours=1)


def zalo_token_row() -> ZaloToken:
    """The token row, created from the settings the first time (the seed)."""
    row = ZaloToken.objects.filter(key=KEY).first()
    if row is not None:
        return row
    try:
        with transaction.atomic():
            return ZaloToken.objects.create(
                key=KEY,
                access_token=settings.ZALO_OA_ACCESS_TOKEN,
                refresh_token=settings.ZALO_OA_REFRESH_TOKEN,
            )
    except IntegrityError:  # another worker seeded it first
        return ZaloToken.objects.get(key=KEY)


def zalo_access_token() -> str:
    """The access token to send with now ("" when none is known yet)."""
    return zalo_token_row().access_token


def zalo_token_set(*, refresh_token: str, access_token: str = "",
                   expires_at: dt.datetime | None = None) -> ZaloToken:
    """Replace the stored tokens by hand (``smartdistrict zalo_token``): a refresh token
    from Zalo's developer console, with the access token that came with it if known."""
    refresh_token, access_token = refresh_token.strip(), access_token.strip()
    with transaction.atomic():
        row = _locked_row()
        row.refresh_token = refresh_token
        if access_token:
            row.access_token = access_token
        row.expires_at = expires_at if access_token else None  # unknown: refreshed soon
        row.last_error, row.last_error_at = "", None
        row.save()
    log.info("Zalo tokens replaced by hand")
    return row


def zalo_token_refresh(*, spent: str | None = None, force: bool = False) -> ZaloToken:
    """Renew the access token when it is due, and return the row as it is afterwards.

    ``spent``: the access token Zalo just refused (error -216); if the row already holds
    another, a concurrent worker has renewed it and nothing is asked. Without ``spent``
    the token is renewed when it expires within REFRESH_BEFORE, or its expiry is unknown
    (``force``: in any case, at once). A refusal keeps the old tokens and is recorded on
    the row; Zalo is not asked again with the same refresh token for REFUSED_WAIT unless
    ``force``.

    Call it outside any transaction that may roll back (the jobs and the webhook do): Zalo
    spends the refresh token whatever becomes of ours, so the new pair must be committed."""
    with transaction.atomic():
        row = _locked_row()
        now = timezone.now()
        if spent is not None and row.access_token != spent:
            return row
        due = row.expires_at is None or row.expires_at <= now + REFRESH_BEFORE
        if spent is None and not force and not due:
            return row
        if not force and _refused_lately(row, now):
            return row
        if not row.refresh_token:
            _failed(row, "no_refresh_token", now)
            return row
        error, answer = _ask_zalo(row.refresh_token)
        if error:
            _failed(row, error, now)
            return row
        row.access_token = answer["access_token"]
        row.refresh_token = answer["refresh_token"]
        row.expires_at = now + _lifetime(answer)
        row.refreshed_at = now
        row.last_error, row.last_error_at = "", None
        row.save()
    log.info("Zalo access token renewed, expires %s", row.expires_at.isoformat())
    return row


def zalo_tokens_refresh_due() -> bool:
    """The periodic job's work: renew the token if it is due; whether it is usable."""
    if not (settings.ZALO_OA_REFRESH_TOKEN or ZaloToken.objects.filter(key=KEY).exists()):
        return False  # Zalo is not set up
    row = zalo_token_refresh()
    return not row.last_error


def zalo_token_state() -> dict[str, Any]:
    """/readyz's "zalo" component (settings.READINESS_CHECKS). Always ``ok``: a Zalo token
    that cannot be renewed must not take the web hosts out of rotation; ``degraded`` and
    ``last_error`` tell the operator, as the admin's "Zalo tokens" page does."""
    try:
        row = ZaloToken.objects.filter(key=KEY).first()
    except Exception as exc:  # the table is missing before migrate
        return {"ok": False, "error": str(exc)[:200]}
    if row is None:
        return {"ok": True, "configured": bool(settings.ZALO_OA_ACCESS_TOKEN
                                               or settings.ZALO_OA_REFRESH_TOKEN)}
    expired = row.expires_at is not None and row.expires_at <= timezone.now()
    return {
        "ok": True,
        "configured": True,
        "degraded": bool(row.last_error) or expired or not row.refresh_token,
        "expires_at": row.expires_at.isoformat() if row.expires_at else None,
        "refreshed_at": row.refreshed_at.isoformat() if row.refreshed_at else None,
        "last_error": row.last_error,
        "last_error_at": row.last_error_at.isoformat() if row.last_error_at else None,
    }


def _locked_row() -> ZaloToken:
    """The row under its lock, for the current transaction."""
    zalo_token_row()
    return ZaloToken.objects.select_for_update().get(key=KEY)


def _ask_zalo(refresh_token: str) -> tuple[str, dict[str, Any]]:
    """Zalo's answer to one refresh: ("", answer) or (the error's number or kind, {})."""
    try:
        response = requests.post(
            settings.ZALO_OAUTH_URL.rstrip("/") + TOKEN_PATH,
            data={"app_id": settings.ZALO_APP_ID, "grant_type": "refresh_token",
                  "refresh_token": refresh_token},
            headers={"secret_key": settings.ZALO_APP_SECRET_KEY},
            timeout=settings.ZALO_TIMEOUT_SECONDS,
        )
    except requests.RequestException as error:
        # The token may be spent if Zalo answered and the answer was lost: the operator
        # then sets a new one (docs/channels.md).
        return type(error).__name__, {}
    try:
        answer = response.json()
    except ValueError:
        answer = None
    if not isinstance(answer, dict):
        return f"http_{response.status_code}", {}
    if answer.get("access_token") and answer.get("refresh_token"):
        return "", answer
    error = answer.get("error")
    return (str(error) if error not in (None, "", 0) else f"http_{response.status_code}"), {}


def _lifetime(answer: dict[str, Any]) -> dt.timedelta:
    """The new token's lifetime: Zalo's ``expires_in`` in seconds (a string in its
    answers; ``expire_in`` in some integrations' reading)."""
    value = answer.get("expires_in", answer.get("expire_in"))
    try:
        seconds = int(str(value).strip())
    except ValueError:
        return DEFAULT_LIFETIME
    return dt.timedelta(seconds=seconds) if seconds > 0 else DEFAULT_LIFETIME


def _refused_lately(row: ZaloToken, now: dt.datetime) -> bool:
    """Zalo answered this refresh token with an error number less than REFUSED_WAIT ago
    (a network error or an HTTP status is not a refusal: the next run asks again)."""
    return (row.last_error.lstrip("-").isdigit() and row.last_error_at is not None
            and now - row.last_error_at < REFUSED_WAIT)


def _failed(row: ZaloToken, error: str, now: dt.datetime) -> None:
    row.last_error, row.last_error_at = error[:200], now
    row.save(update_fields=["last_error", "last_error_at", "updated_at"])
    # The number only, never a token.
    log.warning("Zalo access token not renewed (error %s); the old token is kept", error)
