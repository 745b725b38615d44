"""The authentication backend that puts the log-in throttle in front of every entrance.

Listed first in ``AUTHENTICATION_BACKENDS``: ``django.contrib.auth.authenticate`` asks
it before ``ModelBackend``, so a locked account or address is refused before its
password is even checked, whichever page or API asked (console, admin, the browsable
API's log-in, DRF Basic authentication). Raising ``PermissionDenied`` stops Django from
trying the next backends and makes it send ``user_login_failed``, which the receivers
in ``accounts.receivers`` see (and do not count again, the attempt being refused).
"""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.contrib.auth.backends import BaseBackend
from django.core.exceptions import PermissionDenied

from smartdistrict.accounts import throttle


class LoginThrottleBackend(BaseBackend):
    """Never authenticates anyone; refuses attempts that the throttle has locked."""

    def authenticate(self, request, username=None, password=None, **credentials):
        if request is None:  # server-side code (shell, commands): not an entrance
            return None
        if username is None:
            username = credentials.get(get_user_model().USERNAME_FIELD)
        until = throttle.locked_until(str(username or ""), throttle.request_address(request))
        if until is not None:
            throttle.mark_locked(request, until)
            raise PermissionDenied
        return None
