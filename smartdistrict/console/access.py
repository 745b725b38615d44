"""Who may use the console: logged-in staff (a role, or a superuser), within their scope.

Scope is never decided here: the report lookups go through feedback selectors, which
apply accounts.selectors.scope_for. A report outside the user's scope answers 404, so
the console does not reveal which codes exist elsewhere.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps

from django.contrib.auth.views import redirect_to_login
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse

from smartdistrict.accounts.models import User
from smartdistrict.core.errors import NotFound
from smartdistrict.feedback.models import Report
from smartdistrict.feedback.selectors import report_by_code, user_can_see


def is_staff_user(user) -> bool:
    return bool(user.is_authenticated and user.is_active and (user.role or user.is_superuser))


def staff_required(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """Send anonymous visitors to the console's log-in page; refuse accounts without a role."""

    @wraps(view)
    def wrapper(request: HttpRequest, *args, **kwargs) -> HttpResponse:
        if not request.user.is_authenticated:
            if getattr(request, "htmx", False):  # a partial answer would land in the panel
                response = HttpResponse(status=204)
                response["HX-Redirect"] = reverse("console:login")
                return response
            return redirect_to_login(request.get_full_path(), reverse("console:login"))
        if not is_staff_user(request.user):
            return render(request, "console/forbidden.html", status=403)
        return view(request, *args, **kwargs)

    return wrapper


def report_for(user: User, code: str) -> Report:
    """The report with ``code`` if it lies in ``user``'s scope; else 404 (also when absent)."""
    try:
        report = report_by_code(code)
    except NotFound:
        raise Http404(code) from None
    if not user_can_see(user, report):
        raise Http404(code)
    return report
