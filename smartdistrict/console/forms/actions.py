"""The forms of a report's actions. They only read input: the feedback services decide.

Each form is rendered with its action's name as prefix (``resolve-note``), so that several
forms on one page keep distinct, stable ids and names.
"""

from __future__ import annotations

from django import forms
from django.urls import reverse
from django.utils.translation import get_language, gettext_lazy
from django.utils.translation import gettext as _

from smartdistrict.accounts.models import User
from smartdistrict.console.display import local_name
from smartdistrict.console.forms.queue import staff_label
from smartdistrict.feedback.models import Category, Report

NOTE_ROWS = 3


def _note(label, *, required_in_browser: bool, help_text=""):
    attrs = {"rows": NOTE_ROWS, "maxlength": 4000}
    if required_in_browser:
        attrs["required"] = True  # the service refuses an empty note too
    return forms.CharField(
        label=label, required=False, help_text=help_text, widget=forms.Textarea(attrs=attrs)
    )


class ActionForm(forms.Form):
    """Base: no field is required by the form; the service names what is missing."""

    def __init__(self, data=None, *, prefix: str, report: Report, **extra) -> None:
        super().__init__(data, prefix=prefix)
        self.report = report


class AssignForm(ActionForm):
    assignee = forms.CharField(label=gettext_lazy("Person"), required=False, widget=forms.Select)

    def __init__(self, data=None, *, assignees: list[User] = (), **kwargs) -> None:
        super().__init__(data, **kwargs)
        self.fields["assignee"].widget.choices = [("", _("— choose a person —"))] + [
            (u.username, staff_label(u)) for u in assignees
        ]
        if self.report.assignee_id and not self.is_bound:
            self.initial["assignee"] = self.report.assignee.username


class PlainForm(ActionForm):
    """Start or close: a button, no field."""


class MultiplePhotos(forms.ClearableFileInput):
    allow_multiple_selected = True


class ResolveForm(ActionForm):
    """What was done, and photos of the fix (read by the view from the request's files:
    they go through the intake's photo pipeline in the service)."""

    note = _note(
        gettext_lazy("What was done (the resident will read it)"), required_in_browser=True
    )
    photos = forms.FileField(
        label=gettext_lazy("Photos after the fix"), required=False,
        widget=MultiplePhotos(attrs={"accept": "image/jpeg,image/png,image/webp"}),
    )

    def __init__(self, data=None, **kwargs) -> None:
        super().__init__(data, **kwargs)
        if self.report.category.after_photo_required:
            self.fields["photos"].help_text = _("Required for this category.")
        else:
            self.fields["photos"].help_text = _("Optional; the resident sees them.")


class RejectForm(ActionForm):
    """A reason from the administrator's list (refusal reasons) and details if needed, or
    a reason written out (the service needs one or the other)."""

    reason = forms.CharField(label=gettext_lazy("Reason"), required=False, widget=forms.Select)
    note = _note(
        gettext_lazy("Reason for rejecting (the resident will read it)"), required_in_browser=True
    )

    def __init__(self, data=None, *, reasons: list = (), **kwargs) -> None:
        super().__init__(data, **kwargs)
        if not reasons:
            del self.fields["reason"]
            return
        english = (get_language() or "").startswith("en")
        self.fields["reason"].widget.choices = [("", _("— choose a reason —"))] + [
            (r.code, (english and r.text_en) or r.text) for r in reasons
        ]
        self.fields["note"] = _note(
            gettext_lazy("Details, or the reason if none of the list fits (the resident "
                         "reads them)"), required_in_browser=False)


class ReopenForm(ActionForm):
    note = _note(gettext_lazy("Why it is reopened (optional, public)"), required_in_browser=False)


class DuplicateForm(ActionForm):
    duplicate_of = forms.CharField(
        label=gettext_lazy("Code of the original report"), required=False, max_length=30,
        widget=forms.TextInput(attrs={"placeholder": "HCM-2026-000123", "autocomplete": "off"}),
    )


class RecategoriseForm(ActionForm):
    category = forms.CharField(
        label=gettext_lazy("New category"), required=False, widget=forms.Select
    )
    note = forms.CharField(
        label=gettext_lazy("Why (optional, public)"), required=False, max_length=500
    )

    def __init__(self, data=None, *, categories: list[Category] = (), **kwargs) -> None:
        super().__init__(data, **kwargs)
        self.fields["category"].widget.choices = [
            (c.code, local_name(c)) for c in categories
        ]
        self.fields["category"].widget.attrs.update({
            "hx-get": reverse("console:report-reroute", args=[self.report.code]),
            "hx-target": "#reroute-preview", "hx-swap": "outerHTML", "hx-trigger": "change",
        })
        if not self.is_bound:
            self.initial["category"] = self.report.category.code


class NoteForm(ActionForm):
    note = _note(gettext_lazy("Note"), required_in_browser=True)
    public = forms.BooleanField(
        label=gettext_lazy("Show this note to the resident"), required=False
    )
