"""Staff pages of the survey: anonymous visitors log in; other roles get 403; typed
errors become 404/403 in one place."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps

from django.contrib.auth.views import redirect_to_login
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse

from smartdistrict.core.errors import NotFound, PermissionDenied
from smartdistrict.survey import policy


def forbidden(request: HttpRequest) -> HttpResponse:
    return render(request, "survey/forbidden.html", status=403)


def _guard(check: Callable) -> Callable:
    def decorator(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
        @wraps(view)
        def wrapper(request: HttpRequest, *args, **kwargs) -> HttpResponse:
            if not request.user.is_authenticated:
                return redirect_to_login(request.get_full_path(), reverse("console:login"))
            if not check(request.user):
                return forbidden(request)
            try:
                return view(request, *args, **kwargs)
            except NotFound as error:
                raise Http404(str(error.message)) from None
            except PermissionDenied:
                return forbidden(request)

        return wrapper

    return decorator


results_reader = _guard(policy.can_view_results)
registrar = _guard(lambda user: policy.can_register(user))
