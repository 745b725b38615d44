"""Forms of the personal data requests' pages; every rule is in
feedback.services.data_requests, whose errors come back to the field they name."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy

from smartdistrict.core.errors import DomainError
from smartdistrict.feedback.models import DataRequestKind


def add_service_error(form: forms.Form, error: DomainError) -> None:
    """The service's error next to its field, or above the form."""
    field = error.field if error.field in form.fields else None
    form.add_error(field, forms.ValidationError(str(error.message), code=error.code))


class RegisterForm(forms.Form):
    kind = forms.ChoiceField(label=gettext_lazy("The resident asks to"),
                             choices=DataRequestKind.choices, widget=forms.RadioSelect)
    requester_name = forms.CharField(label=gettext_lazy("Name"), max_length=120,
                                     required=False)
    phone = forms.CharField(label=gettext_lazy("Phone they reported with"), max_length=30,
                            required=False, widget=forms.TextInput(attrs={"type": "tel"}))
    email = forms.CharField(label=gettext_lazy("E-mail they reported with"), max_length=254,
                            required=False, widget=forms.EmailInput)
    received_at = forms.DateTimeField(
        label=gettext_lazy("Received (empty: now)"), required=False,
        input_formats=["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M", "%d/%m/%Y %H:%M"],
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}),
    )
    details = forms.CharField(label=gettext_lazy("What was asked, how, any report codes"),
                              required=False, widget=forms.Textarea(attrs={"rows": 3}))


class ReportsForm(forms.Form):
    codes = forms.CharField(label=gettext_lazy("Report codes, separated by spaces or commas"),
                            max_length=2000)


class EraseForm(forms.Form):
    confirm = forms.BooleanField(
        label=gettext_lazy("I have checked that these reports are the resident's: erasing "
                           "cannot be undone."),
    )


class CloseForm(forms.Form):
    outcome = forms.ChoiceField(
        label=gettext_lazy("Outcome"), widget=forms.RadioSelect,
        choices=[("answered", gettext_lazy("answered")), ("refused", gettext_lazy("refused"))],
    )
    answer = forms.CharField(label=gettext_lazy("What the resident was told (and how)"),
                             widget=forms.Textarea(attrs={"rows": 3}))
