"""Forms of the staff pages: the results filter (unit, months) and a new dossier."""

from __future__ import annotations

import datetime as dt

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from smartdistrict.survey.selectors import Months

MONTH = forms.TextInput(attrs={"type": "month", "pattern": r"\d{4}-\d{2}"})
MAX_MONTHS = 36


def _month(value: str) -> dt.date:
    try:
        year, month = (int(part) for part in value.split("-"))
        return dt.date(year, month, 1)
    except ValueError:
        raise forms.ValidationError(_("Write the month as YYYY-MM, e.g. 2025-07.")) from None


def default_months(today: dt.date | None = None) -> Months:
    """The last twelve months, this one included."""
    today = today or timezone.localdate()
    end = today.replace(day=1)
    start = end.replace(year=end.year - 1)
    start = (start + dt.timedelta(days=32)).replace(day=1)
    return Months(start, end)


class ResultsForm(forms.Form):
    unit = forms.ChoiceField(label=_("Unit"), required=False)
    start = forms.CharField(label=_("From month"), required=False, widget=MONTH)
    end = forms.CharField(label=_("To month"), required=False, widget=MONTH)

    def __init__(self, *args, units=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].choices = [("", _("All units in my scope"))] + [
            (u.code, u.name) for u in units]

    def clean_start(self) -> dt.date | None:
        value = self.cleaned_data.get("start", "")
        return _month(value) if value else None

    def clean_end(self) -> dt.date | None:
        value = self.cleaned_data.get("end", "")
        return _month(value) if value else None

    def clean(self):
        data = super().clean()
        default = default_months()
        start, end = data.get("start") or default.start, data.get("end") or default.end
        if start > end:
            raise forms.ValidationError(_("The first month is after the last."))
        if (end.year - start.year) * 12 + end.month - start.month >= MAX_MONTHS:
            raise forms.ValidationError(_("Choose at most 36 months."))
        data["months"] = Months(start, end)
        return data

    def months(self) -> Months:
        if self.is_bound and self.is_valid():
            return self.cleaned_data["months"]
        return default_months()


class DossierForm(forms.Form):
    procedure = forms.ChoiceField(label=_("Procedure"))
    counter = forms.ChoiceField(label=_("Counter"), required=False)
    servant = forms.ChoiceField(label=_("Civil servant"), required=False)
    code = forms.CharField(label=_("Dossier code (from the one-stop system; empty: one is made)"),
                           required=False, max_length=60)

    def __init__(self, *args, procedures=(), counters=(), servants=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["procedure"].choices = [(p.code, f"{p.name} ({p.field})") for p in procedures]
        self.fields["counter"].choices = [("", "—")] + [(c.code, c.name) for c in counters]
        self.fields["servant"].choices = [("", "—")] + [(s.code, s.full_name) for s in servants]
