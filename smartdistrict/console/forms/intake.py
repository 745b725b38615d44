"""The hotline operator's form: one screen, keyboard only, in the order a call goes.

It translates the call into feedback's ReportInput (``report_input``) and intake's
errors back to its fields (``add_intake_error``, with FORM_FIELDS); every rule is
feedback's."""

from __future__ import annotations

import uuid

from django import forms
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils.translation import gettext_lazy

from smartdistrict.accounts.models import User
from smartdistrict.console.display import local_name
from smartdistrict.core.datetimes import with_site_offset
from smartdistrict.core.errors import DomainError
from smartdistrict.feedback.models import AttributeDatatype, Category, Channel
from smartdistrict.feedback.report_input import (
    Contact,
    Field,
    Place,
    ReportInput,
    question_of,
)
from smartdistrict.feedback.selectors import category_usable

# Where the form shows an error about each of intake's fields: the point and the place
# are the address (the map only helps to find it); None: above the form.
FORM_FIELDS: dict[Field, str | None] = {
    Field.CATEGORY: "category",
    Field.DESCRIPTION: "description",
    Field.PLACE: "address",
    Field.LAT: "address",
    Field.LON: "address",
    Field.ADDRESS: "address",
    Field.NAME: "reporter_name",
    Field.PHONE: "reporter_phone",
    Field.EMAIL: None,
    Field.PHOTOS: None,
    Field.CHANNEL: "channel",
}


def answers_posted(data) -> dict[str, str]:
    """The answers to the category's extra questions, posted as attribute[code].

    A browser's date-and-time field has no UTC offset: the operator's time is local."""
    answers = {
        question: value for key, value in data.items()
        if (question := question_of(key)) is not None and value != ""
    }
    category = category_usable(data.get("category", "") or "")
    if category is not None:
        for question in category.attributes.all():
            value = answers.get(question.code)
            if question.datatype == AttributeDatatype.DATETIME and value:
                answers[question.code] = with_site_offset(value)  # intake names a bad one
    return answers


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

    def report_input(self, answers: dict, operator: User) -> ReportInput:
        """The call as feedback's ReportInput, entered by ``operator``: the cleaned values
        of a valid form, else the values as typed (for intake to name every problem)."""
        if self.is_valid():
            data = self.cleaned_data
        else:
            data = {name: str(self.data.get(name, "") or "") for name in self.fields}
        return ReportInput(
            category=data["category"],
            description=data["description"],
            place=Place(lat=data["lat"] or None, lon=data["lon"] or None,
                        address=data["address"]),
            contact=Contact(name=data["reporter_name"], phone=data["reporter_phone"]),
            answers=answers,
            channel=data["channel"],
            idempotency_key=data["idempotency_key"] or None,
            entered_by=operator,
        )

    def add_intake_error(self, error: DomainError, answer_errors: dict[str, DomainError]) -> None:
        """Show intake's ``error`` at its field (answers: in ``answer_errors``, by name);
        the first error found for a field stays."""
        if question_of(error.field) is not None:
            answer_errors.setdefault(error.field, error)
            return
        field = FORM_FIELDS.get(error.field or "")
        if field and self.has_error(field):
            return
        self.add_error(field if field in self.fields else None,
                       ValidationError(str(error.message), code=error.code))
