"""Uploaded media, served by the app for single-host installs."""

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.views.static import serve


def media(request: HttpRequest, path: str) -> HttpResponse:
    """Uploaded files (photos already stripped of EXIF); MEDIA_ROOT is read per request."""
    return serve(request, path, document_root=settings.MEDIA_ROOT)
