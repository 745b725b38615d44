"""Content-Security-Policy for every page.

Pages carry no inline script or style: the policy allows scripts and styles from this
origin only, images from here and from the configured map tile server, and nothing is
framed. The tile origin is read from MAP_TILE_URL so an operator who changes tile server
does not have to edit a policy by hand.
"""

from __future__ import annotations

from collections.abc import Callable
from urllib.parse import urlsplit

from django.conf import settings
from django.http import HttpRequest, HttpResponse


def tile_origin(url: str) -> str:
    """The scheme://host part of a tile URL template ({s}, {z}… placeholders allowed)."""
    parts = urlsplit(url.replace("{s}", "*"))
    if not parts.scheme or not parts.netloc:
        return ""
    return f"{parts.scheme}://{parts.netloc}"


def content_security_policy() -> str:
    tiles = tile_origin(settings.MAP_TILE_URL)
    images = " ".join(filter(None, ["'self'", "data:", "blob:", tiles]))
    return "; ".join(
        [
            "default-src 'self'",
            "script-src 'self'",
            "style-src 'self'",
            f"img-src {images}",
            "connect-src 'self'",
            "font-src 'self'",
            "object-src 'none'",
            "base-uri 'self'",
            "form-action 'self'",
            "frame-ancestors 'none'",
        ]
    )


class ContentSecurityPolicyMiddleware:
    """Adds the policy to HTML answers that do not set their own (the API docs page does)."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response
        self.policy = content_security_policy()

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if "Content-Security-Policy" not in response and response.get(
            "Content-Type", ""
        ).startswith("text/html"):
            response["Content-Security-Policy"] = self.policy
        return response
