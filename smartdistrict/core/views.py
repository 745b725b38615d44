"""The platform's front page (now the residents' portal's) and uploaded media."""

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.views.static import serve


def home(request: HttpRequest) -> HttpResponse:
    """The residents' portal home. Kept only while the root URLconf routes "" here; the
    portal's own route ("portal-home") serves it once this route is removed."""
    from smartdistrict.portal.views.home import home as portal_home

    return portal_home(request)


def media(request: HttpRequest, path: str) -> HttpResponse:
    """Uploaded files (photos already stripped of EXIF); MEDIA_ROOT is read per request."""
    return serve(request, path, document_root=settings.MEDIA_ROOT)
