"""Secrets shown once: the stored hash is the SHA-256 of the secret, the prefix is public,
every secret is new, and a revocation keeps its first time."""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from dataclasses import FrozenInstanceError

import pytest
from hypothesis import given
from hypothesis import strategies as st

from smartdistrict.core.shown_once import SecretMaterial, new_secret, revoke, secret_hash


@given(st.text())
def test_the_hash_is_the_sha256_hex_of_the_utf8_secret(raw):
    assert secret_hash(raw) == hashlib.sha256(raw.encode("utf-8")).hexdigest()


def test_the_hash_is_64_hex_characters_and_tells_secrets_apart():
    assert re.fullmatch(r"[0-9a-f]{64}", secret_hash("o311_abc"))
    assert secret_hash("o311_abc") != secret_hash("o311_abd")


@pytest.mark.parametrize("public_prefix", ["o311_", "env_"])
def test_a_new_secret_starts_with_its_public_prefix_and_stores_only_its_hash(public_prefix):
    secret = new_secret(public_prefix)
    assert secret.raw.startswith(public_prefix)
    # The displayed prefix: the public marker and six characters of the random part.
    assert secret.prefix == secret.raw[: len(public_prefix) + 6]
    assert len(secret.prefix) == len(public_prefix) + 6
    assert re.fullmatch(r"[A-Za-z0-9_-]{43}", secret.raw[len(public_prefix):])  # 32 bytes
    assert secret.digest == hashlib.sha256(secret.raw.encode()).hexdigest()
    assert secret.raw not in (secret.prefix, secret.digest)


def test_every_secret_is_new():
    made = [new_secret("env_") for _ in range(50)]
    assert len({s.raw for s in made}) == 50
    assert len({s.digest for s in made}) == 50


def test_the_material_is_frozen():
    secret = new_secret("o311_")
    assert isinstance(secret, SecretMaterial)
    with pytest.raises(FrozenInstanceError):
        secret.raw = "o311_guess"


class Record:
    """The fields revoke() touches, and the fields a save wrote (the database write of a
    real model is covered by the apps' tests: open311 test_keys, environment test_admin)."""

    def __init__(self) -> None:
        self.active = True
        self.revoked_at: dt.datetime | None = None
        self.saves: list[list[str]] = []

    def save(self, *, update_fields: list[str]) -> None:
        self.saves.append(sorted(update_fields))


def test_revoke_sets_the_time_once_and_writes_only_those_fields():
    record = Record()
    assert revoke(record) is record
    first = record.revoked_at
    assert first is not None and first.tzinfo is not None and not record.active
    record.active = True  # ticked again by hand: revoking again keeps the first time
    revoke(record)
    assert record.revoked_at == first and not record.active
    assert record.saves == [["active", "revoked_at"], ["active", "revoked_at"]]
