"""Log-in throttling: after too many failed attempts the console refuses for a while.

Failures are counted in the cache per (username, client address) and per client
address alone, each in a fixed window that starts at the first failure. With the
default local-memory cache the counts are per process; set CACHE_URL to a shared
cache (Redis) when several processes serve the console.

Settings (read at each attempt, so tests and operators can change them):
  CONSOLE_LOGIN_MAX_FAILURES              failures per username and address (default 5)
  CONSOLE_LOGIN_MAX_FAILURES_PER_ADDRESS  failures per address, any username (default 50)
  CONSOLE_LOGIN_FAILURE_WINDOW_SECONDS    length of the window (default 900 = 15 minutes)
"""

from __future__ import annotations

import hashlib

from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest

from smartdistrict.core.text import fold


def max_failures() -> int:
    return int(getattr(settings, "CONSOLE_LOGIN_MAX_FAILURES", 5))


def max_failures_per_address() -> int:
    return int(getattr(settings, "CONSOLE_LOGIN_MAX_FAILURES_PER_ADDRESS", 50))


def window_seconds() -> int:
    return int(getattr(settings, "CONSOLE_LOGIN_FAILURE_WINDOW_SECONDS", 900))


def client_address(request: HttpRequest | None) -> str:
    """The peer address. Behind a proxy it is the proxy's unless the proxy rewrites it."""
    if request is None:
        return "-"
    return request.META.get("REMOTE_ADDR", "") or "-"


def _keys(username: str, address: str) -> tuple[str, str]:
    name = fold(username or "").strip()
    digest = hashlib.sha256(f"{name}\0{address}".encode()).hexdigest()[:32]
    return f"console-login:user:{digest}", f"console-login:addr:{address}"


def is_locked(username: str, address: str) -> bool:
    user_key, address_key = _keys(username, address)
    return (cache.get(user_key) or 0) >= max_failures() or (
        cache.get(address_key) or 0
    ) >= max_failures_per_address()


def _bump(key: str) -> None:
    cache.add(key, 0, timeout=window_seconds())
    try:
        cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.set(key, 1, timeout=window_seconds())


def record_failure(username: str, address: str) -> None:
    for key in _keys(username, address):
        _bump(key)


def record_success(username: str, address: str) -> None:
    """A good password clears that username's count (not the address's)."""
    cache.delete(_keys(username, address)[0])
