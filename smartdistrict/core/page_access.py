"""The door of a staff app's pages, one pattern for every app: anonymous visitors go to
the staff log-in page, accounts the app does not admit get its 403 page, and the typed
errors a view raises become answers (NotFound → 404, PermissionDenied → 403)."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps

from django.contrib.auth.views import redirect_to_login
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse

from smartdistrict.core.errors import NotFound, PermissionDenied

View = Callable[..., HttpResponse]


def page_guard(
    *, can_view: Callable[[object], bool], forbidden_template: str
) -> tuple[Callable[[View], View], Callable[[HttpRequest], HttpResponse]]:
    """(decorator, forbidden view) for the pages of one app."""

    def forbidden(request: HttpRequest) -> HttpResponse:
        return render(request, forbidden_template, status=403)

    def required(view: View) -> View:
        @wraps(view)
        def wrapper(request: HttpRequest, *args, **kwargs) -> HttpResponse:
            if not request.user.is_authenticated:
                return redirect_to_login(request.get_full_path(), reverse("console:login"))
            if not can_view(request.user):
                return forbidden(request)
            try:
                return view(request, *args, **kwargs)
            except NotFound as error:
                raise Http404(str(error.message)) from None
            except PermissionDenied:
                return forbidden(request)

        return wrapper

    return required, forbidden
