"""Configuration versions: caches reload when the data changed, not on a timer.

Every process keeps in-memory copies of configuration that changes a few times a year
(the geography index, categories and routing). A writer calls ``bump(name)`` inside its
transaction; a reader compares ``current(name)`` with the value its copy was built from
and rebuilds only when it differs. Reading the versions is one query over a handful of
rows, done at most every CONFIG_VERSION_CHECK_SECONDS per process (0: on every call, as
in tests).
"""

from __future__ import annotations

import secrets
import threading
import time

from django.conf import settings
from django.db import transaction

from smartdistrict.core.models import ConfigVersion

_lock = threading.Lock()
_cached: dict[str, int] = {}
_read_at = 0.0


def bump(name: str) -> None:
    """Mark ``name``'s configuration as changed (call inside the writing transaction).

    The new value is random, not the old one plus one: a transaction that is rolled back
    (a dry run, a failed import, a test) puts the old value back, and a later change can
    never arrive at the value a cache built inside the rolled-back transaction holds.
    """
    value = secrets.randbits(62) or 1
    updated = ConfigVersion.objects.filter(name=name).update(version=value)
    if not updated:
        with transaction.atomic():
            ConfigVersion.objects.update_or_create(name=name, defaults={"version": value})
    forget()
    transaction.on_commit(forget)


def forget() -> None:
    """Drop this process's copy of the counters so the next read asks the database."""
    global _read_at
    with _lock:
        _cached.clear()
        _read_at = 0.0


def current(name: str) -> int:
    """The counter of ``name`` as last read (0 before the first change)."""
    global _read_at
    now = time.monotonic()
    if now - _read_at >= settings.CONFIG_VERSION_CHECK_SECONDS:
        rows = dict(ConfigVersion.objects.values_list("name", "version"))
        with _lock:
            _cached.clear()
            _cached.update(rows)
            _read_at = time.monotonic()
    return _cached.get(name, 0)
