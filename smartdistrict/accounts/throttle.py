"""The one log-in throttle: every way to log in (console, admin, the API's browsable
log-in, HTTP Basic if a view enables it) counts failures here and refuses while locked.

It is hooked where Django authenticates, not in any one form: ``ThrottledModelBackend``
(the only entry of ``AUTHENTICATION_BACKENDS``) refuses a locked attempt before any
password is checked, and the ``user_login_failed`` / ``user_logged_in`` signals, which
``django.contrib.auth.authenticate`` and ``login`` send for every entrance, count
failures and clear them. ``LoginLockoutMiddleware`` turns a refused attempt into a
translated 429 page (or JSON under /api/) with ``Retry-After``. docs/decisions/0004
says why this is our code and not django-axes.

Three counters, each living ``LOGIN_FAILURE_WINDOW_SECONDS`` from its first failure:

* the account from this address — ``LOGIN_MAX_FAILURES`` (5): someone mistyping;
* the account from any address — ``LOGIN_MAX_FAILURES_PER_ACCOUNT`` (20, 0 = off):
  guessing one account from many addresses;
* the address, any account — ``LOGIN_MAX_FAILURES_PER_ADDRESS`` (50): guessing many
  accounts from one address (kept high: a ward office's staff share one address).

When one reaches its limit, that key is locked for ``LOGIN_LOCKOUT_SECONDS`` (default
the window): every log-in it covers is refused, right password or not, on every
entrance; then it starts afresh. A successful log-in clears the account's counters (not
the address's: an attacker with one account of their own could otherwise reset theirs).
Counts live in the default cache: Redis in production (``CACHE_URL``), so all hosts and
processes share them. Account names are folded (case, accents) so "Admin" and "admin"
share a count.
"""

from __future__ import annotations

import hashlib
import math
import time
from dataclasses import dataclass

from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest

from smartdistrict.core.clients import client_network
from smartdistrict.core.text import fold

# Set on the HttpRequest when an attempt was refused or caused a lock-out: the time
# (seconds since the epoch) when the lock ends. The middleware answers from it.
LOCKED_UNTIL = "login_locked_until"
_PREFIX = "login-throttle"


@dataclass(frozen=True)
class _Counter:
    kind: str
    limit_setting: str


_PAIR = _Counter("pair", "LOGIN_MAX_FAILURES")
_ACCOUNT = _Counter("account", "LOGIN_MAX_FAILURES_PER_ACCOUNT")
_ADDRESS = _Counter("address", "LOGIN_MAX_FAILURES_PER_ADDRESS")
_COUNTERS = (_PAIR, _ACCOUNT, _ADDRESS)


def window_seconds() -> int:
    return max(1, settings.LOGIN_FAILURE_WINDOW_SECONDS)


def lockout_seconds() -> int:
    return max(1, settings.LOGIN_LOCKOUT_SECONDS or window_seconds())


def _limit(counter: _Counter) -> int:
    return int(getattr(settings, counter.limit_setting))


def _digest(*parts: str) -> str:
    return hashlib.sha256("\0".join(parts).encode()).hexdigest()[:32]


def _subjects(username: str, address: str) -> dict[_Counter, str]:
    """The cache key stem of each counter (no account name or address in clear).

    An account's pair keys include its generation, which ``unlock`` bumps: that lifts
    the account's locks from every address without knowing the addresses."""
    name = fold(username or "")
    subjects = {_ADDRESS: _digest("address", address)}
    if name:
        account = _digest("account", name)
        generation = str(cache.get(_generation_key(account), 0))
        subjects[_PAIR] = _digest("pair", name, address, generation)
        subjects[_ACCOUNT] = account
    return subjects


def _generation_key(account: str) -> str:
    return f"{_PREFIX}:generation:{account}"


def _count_key(counter: _Counter, subject: str) -> str:
    return f"{_PREFIX}:count:{counter.kind}:{subject}"


def _lock_key(counter: _Counter, subject: str) -> str:
    return f"{_PREFIX}:lock:{counter.kind}:{subject}"


def request_address(request: HttpRequest | None) -> str:
    return client_network(request)


def locked_until(username: str, address: str) -> float | None:
    """When the latest lock covering this attempt ends, or None if none does."""
    subjects = _subjects(username, address)
    keys = [_lock_key(c, s) for c, s in subjects.items() if _limit(c) > 0]
    ends = [float(v) for v in cache.get_many(keys).values() if v]
    now = time.time()
    ends = [end for end in ends if end > now]
    return max(ends) if ends else None


def retry_after(until: float) -> int:
    """Whole seconds until ``until``, at least 1 (the Retry-After header's value)."""
    return max(1, math.ceil(until - time.time()))


def record_failure(username: str, address: str) -> float | None:
    """Count a failed attempt; returns the lock's end if this failure started one."""
    started = None
    for counter, subject in _subjects(username, address).items():
        limit = _limit(counter)
        if limit <= 0:
            continue
        key = _count_key(counter, subject)
        cache.add(key, 0, timeout=window_seconds())
        try:
            count = cache.incr(key)
        except ValueError:  # expired between add and incr
            cache.set(key, 1, timeout=window_seconds())
            count = 1
        if count >= limit:
            until = time.time() + lockout_seconds()
            cache.set(_lock_key(counter, subject), until, timeout=lockout_seconds())
            cache.delete(key)  # after the lock-out the count starts afresh
            started = max(started or 0, until)
    return started


def record_success(username: str, address: str) -> None:
    """A right password clears the account's counts (never the address's)."""
    subjects = _subjects(username, address)
    cache.delete_many(
        [_count_key(c, subjects[c]) for c in (_PAIR, _ACCOUNT) if c in subjects]
    )


def unlock(*, username: str = "", address: str = "") -> None:
    """Lift the locks and counts of an account (from every address) and/or of an
    address: an administrator's action, e.g. once a member of staff proved who they are."""
    keys = []
    if username:
        account = _digest("account", fold(username))
        keys += [_count_key(_ACCOUNT, account), _lock_key(_ACCOUNT, account)]
        generation_key = _generation_key(account)
        cache.set(generation_key, int(cache.get(generation_key, 0)) + 1, timeout=None)
    if address:
        subject = _digest("address", address)
        keys += [_count_key(_ADDRESS, subject), _lock_key(_ADDRESS, subject)]
    cache.delete_many(keys)


def mark_locked(request: HttpRequest, until: float) -> None:
    """Tell the middleware that this request's log-in was refused until ``until``."""
    request = getattr(request, "_request", request)
    setattr(request, LOCKED_UNTIL, max(until, getattr(request, LOCKED_UNTIL, 0) or 0))
