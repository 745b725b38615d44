"""Who is sending: an ingest token (Authorization: Token env_…) or a staff user."""

from __future__ import annotations

from django.contrib.auth.models import AnonymousUser
from django.utils.translation import gettext as _
from drf_spectacular.extensions import OpenApiAuthenticationExtension
from rest_framework.authentication import BaseAuthentication
from rest_framework.request import Request

from smartdistrict.core.errors import PermissionDenied
from smartdistrict.environment.services.parsing import Scope
from smartdistrict.environment.services.tokens import (
    TOKEN_PREFIX,
    NotAuthenticated,
    ingest_token_check,
    scope_of,
    token_from_header,
)


class IngestTokenAuthentication(BaseAuthentication):
    """``Authorization: Token env_…``: a station's or a provider's ingest token.

    request.user stays anonymous; request.auth is the IngestToken. Listed before DRF's
    TokenAuthentication, it answers for env_ tokens and leaves user tokens to it."""

    def authenticate(self, request):
        raw = token_from_header(request.headers.get("Authorization"))
        if not raw.startswith(TOKEN_PREFIX):
            return None
        return AnonymousUser(), ingest_token_check(raw)

    def authenticate_header(self, request) -> str:
        return "Token"


class IngestTokenScheme(OpenApiAuthenticationExtension):
    target_class = "smartdistrict.environment.api.auth.IngestTokenAuthentication"
    name = "ingestToken"

    def get_security_definition(self, auto_schema):
        return {
            "type": "apiKey", "in": "header", "name": "Authorization",
            "description": "Token env_… — an ingest token of a station or a data provider",
        }


def ingest_scope(request: Request) -> Scope:
    """The stations the request's ingest token may write; 401 without one."""
    token = request.auth
    if not hasattr(token, "key_hash"):
        raise NotAuthenticated()
    return scope_of(token)


def upload_scope(request: Request) -> Scope | None:
    """An ingest token's scope, or None (any station) for staff; else 401/403."""
    if hasattr(request.auth, "key_hash"):
        return scope_of(request.auth)
    user = request.user
    if not user.is_authenticated:
        raise NotAuthenticated()
    if not (getattr(user, "role", "") or user.is_superuser):
        raise PermissionDenied(_("Log in as staff to do this."))
    return None
