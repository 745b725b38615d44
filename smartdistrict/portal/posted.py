"""Reading a posted form field on the residents' pages."""

from __future__ import annotations

from django.http import HttpRequest


def posted(request: HttpRequest, name: str, limit: int = 2000) -> str:
    """The posted value of ``name``, without U+0000 (PostgreSQL cannot store it in text,
    and the request guard checks only the URL) and cut at ``limit`` characters."""
    return (request.POST.get(name) or "").replace("\x00", "")[:limit]
