"""Who may open the dashboard: logged-in staff (a role, or a superuser). What they see
is their scope (accounts.selectors.scope_for), applied by every selector."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse_lazy

LOGIN_URL = reverse_lazy("console:login")


def is_staff_user(user) -> bool:
    return bool(user.is_authenticated and user.is_active and (user.role or user.is_superuser))


def staff_required(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    @login_required(login_url=LOGIN_URL)
    @wraps(view)
    def wrapper(request: HttpRequest, *args, **kwargs) -> HttpResponse:
        if not is_staff_user(request.user):
            return render(request, "dashboard/forbidden.html", status=403)
        return view(request, *args, **kwargs)

    return wrapper
