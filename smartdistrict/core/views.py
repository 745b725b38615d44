"""The platform's front page until the residents' portal arrives: what is here and where."""

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.static import serve

from smartdistrict.geography.selectors import today, wards_with_boundary_status


def home(request: HttpRequest) -> HttpResponse:
    date = today()
    return render(
        request, "core/home.html", {"date": date, "wards": wards_with_boundary_status(date)}
    )


def media(request: HttpRequest, path: str) -> HttpResponse:
    """Uploaded files (photos already stripped of EXIF); MEDIA_ROOT is read per request."""
    return serve(request, path, document_root=settings.MEDIA_ROOT)
