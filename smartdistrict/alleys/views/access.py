"""Who may open the staff pages, and typed errors turned into answers in one place."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps

from django.contrib.auth.views import redirect_to_login
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse

from smartdistrict.alleys import policy
from smartdistrict.core.errors import NotFound, PermissionDenied


def forbidden(request: HttpRequest) -> HttpResponse:
    return render(request, "alleys/forbidden.html", status=403)


def staff_required(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """Anonymous visitors go to the staff log-in page; accounts without a role get 403.
    NotFound becomes 404 and PermissionDenied 403, whichever the view raises."""

    @wraps(view)
    def wrapper(request: HttpRequest, *args, **kwargs) -> HttpResponse:
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path(), reverse("console:login"))
        if not policy.is_staff(request.user):
            return forbidden(request)
        try:
            return view(request, *args, **kwargs)
        except NotFound as error:
            raise Http404(str(error.message)) from None
        except PermissionDenied:
            return forbidden(request)

    return wrapper


def public(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """NotFound raised by a selector becomes the site's 404."""

    @wraps(view)
    def wrapper(request: HttpRequest, *args, **kwargs) -> HttpResponse:
        try:
            return view(request, *args, **kwargs)
        except NotFound as error:
            raise Http404(str(error.message)) from None

    return wrapper
