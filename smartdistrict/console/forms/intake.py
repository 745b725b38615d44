"""The hotline operator's form: one screen, keyboard only, in the order a call goes."""

from __future__ import annotations

import uuid

from django import forms
from django.urls import reverse
from django.utils.translation import gettext_lazy

from smartdistrict.console.display import local_name
from smartdistrict.feedback.models import Category, Channel


class IntakeForm(forms.Form):
    reporter_name = forms.CharField(
        label=gettext_lazy("Caller's name"), required=False, max_length=120,
        widget=forms.TextInput(attrs={"autofocus": True, "autocomplete": "off"}),
    )
    reporter_phone = forms.CharField(
        label=gettext_lazy("Caller's phone"), required=False, max_length=20,
        widget=forms.TextInput(attrs={"type": "tel", "inputmode": "tel", "autocomplete": "off"}),
    )
    address = forms.CharField(
        label=gettext_lazy("Address"), required=False, max_length=300,
        help_text=gettext_lazy("House number, street and ward, e.g. 12 Nguyễn Xí, P.26."),
        widget=forms.TextInput(attrs={"autocomplete": "off"}),
    )
    lat = forms.CharField(required=False, widget=forms.HiddenInput)
    lon = forms.CharField(required=False, widget=forms.HiddenInput)
    category = forms.CharField(label=gettext_lazy("Category"), required=False,
                               widget=forms.Select)
    description = forms.CharField(
        label=gettext_lazy("What the caller reports"), required=False,
        help_text=gettext_lazy("Ctrl+Enter sends the form from this box."),
        widget=forms.Textarea(attrs={"rows": 4, "maxlength": 4000}),
    )
    channel = forms.ChoiceField(
        label=gettext_lazy("Received through"),
        choices=[(Channel.HOTLINE.value, Channel.HOTLINE.label),
                 (Channel.RADIO.value, Channel.RADIO.label)],
        initial=Channel.HOTLINE.value, widget=forms.RadioSelect,
    )
    idempotency_key = forms.CharField(required=False, max_length=100, widget=forms.HiddenInput)

    def __init__(self, data=None, *, categories: list[Category]) -> None:
        super().__init__(data, prefix=None)
        self.fields["category"].widget.choices = [("", gettext_lazy("— choose —"))] + [
            (c.code, local_name(c)) for c in categories
        ]
        # As the operator types or chooses, the ward and the category's questions appear.
        self.fields["address"].widget.attrs.update({
            "hx-get": reverse("console:intake-ward"), "hx-target": "#ward-hint",
            "hx-trigger": "input changed delay:300ms, search", "hx-include": "#id_lat, #id_lon",
            "hx-sync": "this:replace",
        })
        self.fields["category"].widget.attrs.update({
            "hx-get": reverse("console:intake-questions"), "hx-target": "#questions",
            "hx-trigger": "change",
        })
        if not self.is_bound:
            # One key per form shown: a double Enter or a resent form creates one report.
            self.initial["idempotency_key"] = f"console-{uuid.uuid4()}"
