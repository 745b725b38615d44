"""Who may open the targets pages, and typed errors turned into answers in one place."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps

from django.contrib.auth.views import redirect_to_login
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse

from smartdistrict.core.errors import DomainError, NotFound, PermissionDenied
from smartdistrict.targets import policy


def forbidden(request: HttpRequest) -> HttpResponse:
    return render(request, "targets/forbidden.html", status=403)


def viewer_required(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """Anonymous visitors go to the staff log-in page; accounts without a role get 403.
    NotFound becomes 404 and PermissionDenied 403, whichever view raises them."""

    @wraps(view)
    def wrapper(request: HttpRequest, *args, **kwargs) -> HttpResponse:
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path(), reverse("console:login"))
        if not policy.can_view(request.user):
            return forbidden(request)
        try:
            return view(request, *args, **kwargs)
        except NotFound as error:
            raise Http404(str(error.message)) from None
        except PermissionDenied:
            return forbidden(request)

    return wrapper


def importer_required(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """Only those who may import workbooks (policy.can_import)."""

    @viewer_required
    @wraps(view)
    def wrapper(request: HttpRequest, *args, **kwargs) -> HttpResponse:
        if not policy.can_import(request.user):
            return forbidden(request)
        return view(request, *args, **kwargs)

    return wrapper


__all__ = ["DomainError", "forbidden", "importer_required", "viewer_required"]
