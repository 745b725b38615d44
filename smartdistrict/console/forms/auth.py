"""The console's log-in form: Django's authentication plus throttling and a staff check."""

from __future__ import annotations

from django import forms
from django.contrib.auth.forms import AuthenticationForm
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from smartdistrict.console import throttle
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

    def clean(self):
        username = self.cleaned_data.get("username") or ""
        address = throttle.client_address(self.request)
        if throttle.is_locked(username, address):
            minutes = max(1, round(throttle.window_seconds() / 60))
            raise forms.ValidationError(
                _("Too many failed log-in attempts. Try again in %(minutes)s minutes.")
                % {"minutes": minutes},
                code="throttled",
            )
        try:
            cleaned = super().clean()
        except forms.ValidationError as error:
            if any(e.code == "invalid_login" for e in error.error_list):
                throttle.record_failure(username, address)
            raise
        throttle.record_success(username, address)
        return cleaned

    def confirm_login_allowed(self, user) -> None:
        super().confirm_login_allowed(user)
        if not is_staff_user(user):
            raise forms.ValidationError(
                _("This account has no staff role: it cannot use the console."),
                code="no_role",
            )
