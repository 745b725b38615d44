"""The stored form of a client's idempotency key (Idempotency-Key, Open311 and REST).

Report.idempotency_key holds 100 characters. Keys used to be cut to 100, so two long keys
with the same first 100 characters (an Open311 client's "<app>-<device>-<uuid>…", a
gateway's URL-like keys) were one key: the second report was silently answered with the
first. Now a key that fits, and is plain printable text, is stored as sent; any other (too
long, holding control characters such as U+0000, or itself looking like a stored hash) is
stored as ``sha256:`` and the SHA-256 of the whole key. Different keys stay different
(short of a SHA-256 collision), the same key always maps to the same report, any length is
accepted, and keys stored before this change keep working.
"""

from __future__ import annotations

import hashlib

MAX_STORED = 100  # Report.idempotency_key's max_length
HASHED = "sha256:"


def idempotency_key_stored(raw: object) -> str | None:
    """The value to store and look up for the key ``raw`` (None: no key given)."""
    key = str(raw or "").strip()
    if not key:
        return None
    if len(key) <= MAX_STORED and key.isprintable() and not key.startswith(HASHED):
        return key
    digest = hashlib.sha256(key.encode("utf-8", errors="surrogatepass")).hexdigest()
    return HASHED + digest
