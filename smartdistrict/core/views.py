"""Uploaded media, served by the app for single-host installs."""

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.views.static import serve


def media(request: HttpRequest, path: str) -> HttpResponse:
    """Uploaded files (photos already stripped of EXIF); MEDIA_ROOT is read per request."""
    return serve(request, path, document_root=settings.MEDIA_ROOT)


def favicon(request: HttpRequest) -> HttpResponse:
    """Browsers and bookmarks ask for /favicon.ico whatever the page says: send them to the
    icon in the static files (its hashed name changes with it)."""
    from django.shortcuts import redirect
    from django.templatetags.static import static

    return redirect(static("core/favicon.svg"))
