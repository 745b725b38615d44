"""Ingest tokens: a station's or a provider's secret for sending readings.

Only a SHA-256 is stored; the token itself is returned once, when created.
"""

from __future__ import annotations

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from smartdistrict.core import shown_once
from smartdistrict.core.errors import DomainError, InvalidInput, PermissionDenied
from smartdistrict.environment.models import DataProvider, IngestToken, Station
from smartdistrict.environment.services.parsing import Scope

TOKEN_PREFIX = "env_"  # noqa: S105 — a public marker, not a secret


class NotAuthenticated(DomainError):
    status_code = 401
    code = "not_authenticated"
    default_message = gettext_lazy("An ingest token is required: Authorization: Token <token>.")


def ingest_token_create(
    *, station: Station | None = None, provider: DataProvider | None = None, name: str = ""
) -> tuple[IngestToken, str]:
    """A new token for one station or for every station of one provider.

    Returns (record, token); the token is not stored and cannot be shown again."""
    if (station is None) == (provider is None):
        raise InvalidInput(_("A token belongs to exactly one station or one data provider."))
    secret = shown_once.new_secret(TOKEN_PREFIX)
    record = IngestToken.objects.create(
        station=station, provider=provider, name=name.strip()[:120], prefix=secret.prefix,
        key_hash=secret.digest,
    )
    return record, secret.raw


def ingest_token_revoke(*, token: IngestToken) -> IngestToken:
    """Refuse the token from now on; readings it already sent stay."""
    return shown_once.revoke(token)


def ingest_token_check(raw: str | None) -> IngestToken:
    """The usable token matching ``raw``; NotAuthenticated (401) when absent or unknown."""
    raw = (raw or "").strip()
    if not raw:
        raise NotAuthenticated()
    token = (
        IngestToken.objects.filter(key_hash=shown_once.secret_hash(raw))
        .select_related("provider")
        .first()
    )
    if token is None or not token.usable or (token.provider and not token.provider.active):
        raise NotAuthenticated(_("This ingest token is not valid or has been revoked."),
                               code="token_invalid")
    return token


def token_from_header(header: str | None) -> str:
    """The token of an ``Authorization: Token <token>`` (or ``Bearer``) header."""
    scheme, _sep, value = (header or "").strip().partition(" ")
    if scheme.lower() not in ("token", "bearer") or not value.strip():
        return ""
    return value.strip()


def scope_of(token: IngestToken) -> Scope:
    if token.station_id is not None:
        return Scope(station_id=token.station_id)
    if token.provider_id is None:
        raise PermissionDenied()
    return Scope(provider_id=token.provider_id)
