"""Secrets shown once and stored as a SHA-256: Open311 API keys, ingest tokens.

A client application or a station authenticates with a random secret. The database keeps
only the secret's SHA-256, so a leaked backup or a curious administrator cannot replay it;
the secret itself is handed over once, when it is created, and can never be shown again
(a lost secret is revoked and replaced). A short public prefix of it is kept in clear so a
person can tell the records apart in lists and revoke the right one.

The record classes (see ``smartdistrict.core.models.ShownOnceSecret``) carry the fields
``prefix``, ``key_hash``, ``active`` and ``revoked_at``; each app keeps its own services as
the write entry points, and they call these helpers.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import secrets
from dataclasses import dataclass
from typing import Any, Protocol, TypeVar

from django.utils import timezone

# Characters of the random part kept in the displayed prefix: enough to tell a district's
# few dozen secrets apart, far too few to guess the rest (32 random bytes).
SHOWN_RANDOM_CHARS = 6
RANDOM_BYTES = 32


@dataclass(frozen=True)
class SecretMaterial:
    """A new secret: ``raw`` goes to the person once, ``prefix`` and ``digest`` are stored."""

    raw: str
    prefix: str
    digest: str


def secret_hash(raw: str) -> str:
    """The SHA-256 (hex) stored in place of the secret and looked up when it is presented.

    A plain hash suffices: the secret is 32 random bytes, not a password to be stretched."""
    return hashlib.sha256(raw.encode("utf-8")).hexdigest()


def new_secret(public_prefix: str) -> SecretMaterial:
    """A fresh random secret starting with ``public_prefix`` (e.g. ``"o311_"``).

    The public prefix tells at a glance what kind of secret it is (and lets an
    authentication class pass on secrets that are not its own)."""
    raw = public_prefix + secrets.token_urlsafe(RANDOM_BYTES)
    return SecretMaterial(
        raw=raw, prefix=raw[: len(public_prefix) + SHOWN_RANDOM_CHARS], digest=secret_hash(raw)
    )


class Revocable(Protocol):
    """What ``revoke`` needs of a record (a model with the ShownOnceSecret fields)."""

    active: bool
    revoked_at: dt.datetime | None

    def save(self, *args: Any, **kwargs: Any) -> None: ...


R = TypeVar("R", bound=Revocable)


def revoke(record: R) -> R:
    """Refuse the secret from now on. Revoking twice keeps the first time, which is when the
    secret stopped working; only ``active`` and ``revoked_at`` are written, so a revocation
    never overwrites an edit made elsewhere to the record's other fields."""
    if record.revoked_at is None:
        record.revoked_at = timezone.now()
    record.active = False
    record.save(update_fields=["active", "revoked_at"])
    return record
