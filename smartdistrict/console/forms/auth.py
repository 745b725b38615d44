"""The console's log-in form: Django's authentication plus a staff check.

Failed attempts are throttled where Django authenticates (smartdistrict/accounts/
throttle.py), for this page and every other way to log in alike."""

from __future__ import annotations

from django import forms
from django.contrib.auth.forms import AuthenticationForm
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from smartdistrict.console.access import is_staff_user


class ConsoleLoginForm(AuthenticationForm):
    error_messages = {
        "invalid_login": gettext_lazy(
            "The username or password is wrong. Both are case-sensitive."
        ),
        "inactive": gettext_lazy("This account is disabled."),
    }

    def __init__(self, request=None, *args, **kwargs) -> None:
        super().__init__(request, *args, **kwargs)
        self.fields["username"].label = gettext_lazy("Username")
        self.fields["password"].label = gettext_lazy("Password")
        self.fields["username"].widget.attrs.update({"autocomplete": "username"})

    def confirm_login_allowed(self, user) -> None:
        super().confirm_login_allowed(user)
        if not is_staff_user(user):
            raise forms.ValidationError(
                _("This account has no staff role: it cannot use the console."),
                code="no_role",
            )
