"""Configuration versions: caches reload when the data changed, not on a timer.

Every process keeps in-memory copies of configuration that changes a few times a year
(the geography index, categories and routing). A writer calls ``bump(name)`` inside its
transaction; a reader asks ``changed(name, seen)`` and rebuilds only when the counter
moved. Reading the counters is one primary-key query over a handful of rows, done at
most every CONFIG_VERSION_CHECK_SECONDS per process (0: on every call, as in tests).
"""

from __future__ import annotations

import threading
import time

from django.conf import settings
from django.db import transaction
from django.db.models import F

from smartdistrict.core.models import ConfigVersion

_lock = threading.Lock()
_cached: dict[str, int] = {}
_read_at = 0.0


def bump(name: str) -> None:
    """Mark ``name``'s configuration as changed (call inside the writing transaction)."""
    updated = ConfigVersion.objects.filter(name=name).update(version=F("version") + 1)
    if not updated:
        with transaction.atomic():
            _, created = ConfigVersion.objects.get_or_create(name=name, defaults={"version": 1})
            if not created:
                ConfigVersion.objects.filter(name=name).update(version=F("version") + 1)
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
