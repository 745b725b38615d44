"""Signal receivers of the log-in throttle (connected in AccountsConfig.ready).

``user_login_failed`` is sent by ``authenticate`` for every entrance when no backend
accepted the credentials; ``user_logged_in`` by ``login`` when a session starts.
"""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.contrib.auth.signals import user_logged_in, user_login_failed
from django.dispatch import receiver

from smartdistrict.accounts import throttle


@receiver(user_login_failed, dispatch_uid="smartdistrict.login_throttle.failed")
def count_failure(sender, credentials: dict, request=None, **kwargs) -> None:
    if request is None:
        return
    http_request = getattr(request, "_request", request)
    if getattr(http_request, throttle.LOCKED_UNTIL, None):
        return  # refused while locked: counting again would only prolong the lock
    username = credentials.get(get_user_model().USERNAME_FIELD) or credentials.get("username")
    until = throttle.record_failure(str(username or ""), throttle.request_address(request))
    if until is not None:
        throttle.mark_locked(request, until)


@receiver(user_logged_in, dispatch_uid="smartdistrict.login_throttle.succeeded")
def clear_failures(sender, request=None, user=None, **kwargs) -> None:
    if request is None or user is None:
        return
    throttle.record_success(user.get_username(), throttle.request_address(request))
