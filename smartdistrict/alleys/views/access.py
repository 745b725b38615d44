"""Who may open the ward's pages (core.page_access), and the public pages' 404."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps

from django.http import Http404, HttpRequest, HttpResponse

from smartdistrict.alleys import policy
from smartdistrict.core.errors import NotFound
from smartdistrict.core.page_access import page_guard

# Staff with a role (or a superuser); what they see is their scope (selectors).
staff_required, forbidden = page_guard(can_view=policy.is_staff,
                                       forbidden_template="alleys/forbidden.html")


def public(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """NotFound raised by a selector becomes the site's 404."""

    @wraps(view)
    def wrapper(request: HttpRequest, *args, **kwargs) -> HttpResponse:
        try:
            return view(request, *args, **kwargs)
        except NotFound as error:
            raise Http404(str(error.message)) from None

    return wrapper
