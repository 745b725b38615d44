"""Rate limits on every intake door: the rules, in one place.

One address had 2,000 reports accepted in 262 s, each e-mailing staff. Every door that
creates reports or stores readings now counts its requests in the default cache (Redis
in production, so every host counts together) and refuses beyond the budget with
``RateLimited`` (429 with ``Retry-After``), which each door renders in its own format:

========================  ==========================================================
door                      counted per
========================  ==========================================================
portal report form        client address (``INTAKE_RATES_PER_ADDRESS``)
REST POST /api/v1/reports client address, or the staff account for staff
Open311 POST requests     client address, and the API key (``INTAKE_RATES_PER_OPEN311_KEY``)
console hotline form      the staff account (``INTAKE_RATES_PER_STAFF``, higher)
environment ingestion     client address (``INGEST_RATES_PER_ADDRESS``) and the ingest
                          token (``INGEST_RATES_PER_TOKEN``)
========================  ==========================================================

The three resident doors share one per-address budget, so moving from the form to the
API buys nothing. Every attempt counts, refused or not: a flood of invalid submissions
(a photo that fails to decode still costs its decoding) is as much a flood as valid ones.
Each setting is a list of rates such as ``10/m,100/h`` (count / period: s, m, h, d, or
e.g. ``5/10m``); all of them hold. An empty list switches that limit off.

Counting is django-ratelimit's (fixed windows, atomic cache increments, a per-key offset
so windows do not all end together). If the cache cannot be reached the request is let
through and logged: a broken Redis must not stop residents' reports.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Sequence

from django.conf import settings
from django.http import HttpRequest
from django_ratelimit.core import get_usage
from rest_framework.throttling import BaseThrottle

from smartdistrict.core.clients import client_network
from smartdistrict.core.errors import RateLimited

logger = logging.getLogger(__name__)

RATE = re.compile(r"^[1-9]\d*/\d*[smhd]$")

# The settings that hold rates (their defaults: the settings package).
RATE_SETTINGS = (
    "INTAKE_RATES_PER_ADDRESS",
    "INTAKE_RATES_PER_OPEN311_KEY",
    "INTAKE_RATES_PER_STAFF",
    "INGEST_RATES_PER_TOKEN",
    "INGEST_RATES_PER_ADDRESS",
    "ALLEYS_VOTE_RATES",  # one-time codes tried, per client address
    "RESIDENT_CODE_RATES",  # "my reports": codes asked (and tried), per client address
)


def rates(name: str) -> list[str]:
    """The rates of setting ``name`` (a list, or a comma-separated string)."""
    value = getattr(settings, name)
    if isinstance(value, str):
        value = value.split(",")
    return [str(rate).strip() for rate in value if str(rate).strip()]


def invalid_rates() -> list[tuple[str, str]]:
    """(setting, rate) pairs that are not rates (checked at start-up, core.checks)."""
    return [(name, rate) for name in RATE_SETTINGS for rate in rates(name) if not RATE.match(rate)]


def check(request: HttpRequest, *, group: str, key: str, setting: str) -> None:
    """Count this request against every rate of ``setting`` for ``key`` in ``group``;
    raise RateLimited (with the longest wait) when one of them is exceeded."""
    wait = 0
    for rate in rates(setting):
        try:
            usage = get_usage(request, group=group, key=lambda _group, _request: key,
                              rate=rate, increment=True)
        except Exception:  # the cache is down: let intake go on, say so in the log
            logger.exception("Rate limit %s not counted: the cache failed", group)
            return
        if usage and usage["should_limit"]:
            wait = max(wait, usage["time_left"], 1)
    if wait:
        logger.warning("Rate limit %s reached (%s); retry after %ss", group, setting, wait)
        raise RateLimited(retry_after=wait)


def _is_staff(user) -> bool:
    return bool(user is not None and user.is_authenticated
                and (getattr(user, "role", "") or user.is_superuser))


# --- the doors ------------------------------------------------------------------------


def report_intake(request: HttpRequest, user=None) -> None:
    """A report submitted by a resident (per address) or by staff (per account)."""
    if _is_staff(user):
        check(request, group="intake:staff", key=str(user.pk), setting="INTAKE_RATES_PER_STAFF")
    else:
        check(request, group="intake:address", key=client_network(request),
              setting="INTAKE_RATES_PER_ADDRESS")


def open311_key(request: HttpRequest, api_key) -> None:
    """A request submitted with a (valid) Open311 API key: the key's own budget."""
    check(request, group="intake:open311-key", key=str(api_key.pk),
          setting="INTAKE_RATES_PER_OPEN311_KEY")


def ingest(request: HttpRequest, token=None, user=None) -> None:
    """Readings sent with an ingest token (or uploaded by staff): per address, per token."""
    check(request, group="ingest:address", key=client_network(request),
          setting="INGEST_RATES_PER_ADDRESS")
    if token is not None and hasattr(token, "key_hash"):
        check(request, group="ingest:token", key=str(token.pk), setting="INGEST_RATES_PER_TOKEN")
    elif _is_staff(user):
        check(request, group="intake:staff", key=str(user.pk), setting="INTAKE_RATES_PER_STAFF")


def resident_code(request: HttpRequest) -> None:
    """A resident asks for (or tries) a one-time code for "my reports": per address."""
    check(request, group="resident:code", key=client_network(request),
          setting="RESIDENT_CODE_RATES")


# --- DRF adapters (throttles run after authentication, before the view reads the body) ---


class _DoorThrottle(BaseThrottle):
    methods: Sequence[str] = ("POST",)

    def allow_request(self, request, view) -> bool:
        if request.method in self.methods:
            self.count(request)  # raises RateLimited: the API's error handler answers 429
        return True

    def count(self, request) -> None:
        raise NotImplementedError


class ReportIntakeThrottle(_DoorThrottle):
    def count(self, request) -> None:
        report_intake(request, request.user)


class IngestThrottle(_DoorThrottle):
    def count(self, request) -> None:
        ingest(request, token=request.auth, user=request.user)
