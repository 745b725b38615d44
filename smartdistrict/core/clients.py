"""Who is asking: the client's address, the same for every log-in throttle and rate limit.

Behind reverse proxies ``REMOTE_ADDR`` is the nearest proxy's address, so every
resident would share one counter. ``TRUSTED_PROXY_COUNT`` says how many proxies of
ours stand in front of the app: the client is then the address the outermost of them
wrote into ``X-Forwarded-For`` (entries further left were written by the client itself
and can be forged, so they are never used). DRF's throttles read the same number
(``NUM_PROXIES``), so every limit agrees on who the client is.
"""

from __future__ import annotations

import ipaddress

from django.conf import settings
from django.http import HttpRequest

UNKNOWN = "0.0.0.0"  # noqa: S104 - not a bind address: the key of clients with no address


def client_address(request: HttpRequest | None) -> str:
    """The client's IP address as text; ``UNKNOWN`` when there is none (a Unix socket)."""
    if request is None:
        return UNKNOWN
    request = getattr(request, "_request", request)  # a DRF Request wraps the HttpRequest
    meta = request.META
    address = meta.get("REMOTE_ADDR", "") or ""
    proxies = settings.TRUSTED_PROXY_COUNT
    if proxies > 0:
        forwarded = [a.strip() for a in meta.get("HTTP_X_FORWARDED_FOR", "").split(",")]
        forwarded = [a for a in forwarded if a]
        if forwarded:
            address = forwarded[-min(proxies, len(forwarded))]
    try:
        return str(ipaddress.ip_address(address.strip()))
    except ValueError:
        return UNKNOWN


def client_network(request: HttpRequest | None) -> str:
    """The client's address as a rate-limit key (see ``network_key``)."""
    return network_key(client_address(request))


def network_key(address: str) -> str:
    """An address as the throttles count it: an IPv6 client is its /64 network.

    One IPv6 subscriber holds a whole /64 and can pick a new address per request;
    counting the network keeps the limit meaningful. Raises ValueError if ``address``
    is not an IP address.
    """
    parsed = ipaddress.ip_address(address.strip())
    if parsed.version == 6:
        return str(ipaddress.ip_network(f"{parsed}/64", strict=False).network_address) + "/64"
    return str(parsed)
