"""Keeping what could not be stored (DeadLetter), and forgetting it after a while.

Payloads come from strangers: they may hold U+0000, lone surrogates or bytes that are not
UTF-8, none of which PostgreSQL's text accepts, and they may be large. Each is kept as
printable text (such characters escaped) cut to PAYLOAD_LIMIT characters, so writing a
dead letter cannot itself fail on what the sender put in it.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from smartdistrict.environment.models import DeadLetter
from smartdistrict.environment.services.result import Rejection

PAYLOAD_LIMIT = 16_000  # characters kept of one payload
ORIGIN_LIMIT = 300


@dataclass(frozen=True)
class Letter:
    """One thing that could not be stored: where it came from, what it was, and why."""

    origin: str
    payload: Any  # bytes, text, or a JSON-ready value
    code: str
    reason: str


def printable(value: Any, limit: int | None = None) -> str:
    """Text PostgreSQL and SQLite both store: bytes decoded (invalid ones escaped), U+0000
    and lone surrogates escaped, JSON values written out; cut to ``limit`` characters."""
    if isinstance(value, bytes | bytearray | memoryview):
        text = bytes(value).decode("utf-8", errors="backslashreplace")
    elif isinstance(value, str):
        text = value
    else:
        try:
            text = json.dumps(value, ensure_ascii=False, default=str)
        except (TypeError, ValueError):
            text = repr(value)
    text = text.encode("utf-8", errors="backslashreplace").decode("utf-8")
    text = text.replace("\x00", "\\x00")
    if limit is not None and len(text) > limit:
        text = f"{text[:limit]}… ({len(text)} characters in all)"
    return text


def reason_of(rejections: Sequence[Rejection]) -> tuple[str, str]:
    """(code, reason) of one message's rejections: the first code, each message once."""
    return rejections[0].code, "; ".join(dict.fromkeys(r.message for r in rejections))


def dead_letters_record(*, source: str, letters: Iterable[Letter],
                        now: dt.datetime | None = None) -> int:
    """Store the letters (one INSERT); returns how many."""
    received_at = now or timezone.now()
    records = [
        DeadLetter(
            source=source, origin=printable(letter.origin, ORIGIN_LIMIT - 40),
            payload=printable(letter.payload, PAYLOAD_LIMIT),
            code=printable(letter.code)[:40], reason=printable(letter.reason, 4000),
            received_at=received_at,
        )
        for letter in letters
    ]
    if records:
        with transaction.atomic():
            DeadLetter.objects.bulk_create(records)
    return len(records)


def row_letters(*, origin: str, rows: Sequence[Any], rejected: Sequence[Rejection],
                decoded: Sequence[Rejection] = (), whole: Any = None) -> list[Letter]:
    """Letters of a row-based batch (HTTP, NGSI-LD, files): one per rejected row, its
    payload the row as sent. A rejection made while decoding (``decoded``: an entity of
    another type, a file line without a time) points into the original payload, not into
    ``rows``: its payload is the item of ``whole`` at its index when ``whole`` is a list."""
    from_decoding = {id(r) for r in decoded}
    letters = []
    for item in rejected:
        if id(item) in from_decoding:
            if isinstance(whole, list) and 0 <= item.index < len(whole):
                payload = whole[item.index]
            else:
                payload = f"line {item.line}" if item.line is not None else ""
        else:
            payload = rows[item.index] if 0 <= item.index < len(rows) else ""
        letters.append(Letter(origin=origin, payload=payload, code=item.code,
                              reason=item.message))
    return letters


def retention_days() -> int:
    return settings.ENVIRONMENT_DEAD_LETTER_DAYS


def dead_letters_purge(*, now: dt.datetime | None = None) -> int:
    """Delete letters older than ENVIRONMENT_DEAD_LETTER_DAYS (0 keeps them all)."""
    days = retention_days()
    if days <= 0:
        return 0
    cutoff = (now or timezone.now()) - dt.timedelta(days=days)
    deleted, _by_model = DeadLetter.objects.filter(received_at__lt=cutoff).delete()
    return deleted
