"""Who may open the targets pages, and typed errors turned into answers in one place."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps

from django.http import HttpRequest, HttpResponse

from smartdistrict.core.errors import DomainError
from smartdistrict.core.page_access import page_guard
from smartdistrict.targets import policy

# Anonymous visitors go to the staff log-in page; accounts without a role get 403;
# NotFound becomes 404 and PermissionDenied 403, whichever view raises them.
viewer_required, forbidden = page_guard(can_view=policy.can_view,
                                        forbidden_template="targets/forbidden.html")


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
