"""The authentication backend: Django's ModelBackend with the log-in throttle in front.

It is the only entry of ``AUTHENTICATION_BACKENDS``, so every ``authenticate`` call —
console, admin, the browsable API's log-in, DRF Basic authentication — goes through it:
a locked account or address is refused before its password is even checked. Raising
``PermissionDenied`` makes Django send ``user_login_failed``, which the receivers in
``accounts.receivers`` see (and do not count again, the attempt being refused). Sessions,
permissions and ``get_user`` are ModelBackend's, unchanged.
"""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.contrib.auth.backends import ModelBackend
from django.core.exceptions import PermissionDenied

from smartdistrict.accounts import throttle


class ThrottledModelBackend(ModelBackend):
    def authenticate(self, request, username=None, password=None, **kwargs):
        if request is not None:  # without a request it is server-side code, not an entrance
            name = username if username is not None else kwargs.get(
                get_user_model().USERNAME_FIELD)
            until = throttle.locked_until(str(name or ""), throttle.request_address(request))
            if until is not None:
                throttle.mark_locked(request, until)
                raise PermissionDenied
        return super().authenticate(request, username=username, password=password, **kwargs)
