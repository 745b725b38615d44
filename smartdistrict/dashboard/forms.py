"""The dashboard's filter (GET): period, unit, trend step and the hotspot category.

It only reads input; an invalid value falls back to the default and its error is shown."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django import forms
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from smartdistrict.core.errors import InvalidInput
from smartdistrict.dashboard.selectors.scope import MAX_DAYS, Period
from smartdistrict.geography.selectors import whole_jurisdiction_label

DATE_FORMATS = ["%Y-%m-%d", "%d/%m/%Y"]
DEFAULT_DAYS = 30
DEFAULT_HOTSPOT_CATEGORY = "trom-cap"  # theft and snatching, when configured


@dataclass(frozen=True)
class Choice:
    period: Period
    unit_code: str
    step: str
    category_code: str


def default_period(today: dt.date | None = None) -> Period:
    today = today or timezone.localdate()
    return Period(today - dt.timedelta(days=DEFAULT_DAYS - 1), today)


def presets(today: dt.date | None = None) -> list[tuple[str, Period]]:
    """Quick choices: the last 7 and 30 days, this and last month, this year."""
    today = today or timezone.localdate()
    first = today.replace(day=1)
    last_month_end = first - dt.timedelta(days=1)
    return [
        (_("last 7 days"), Period(today - dt.timedelta(days=6), today)),
        (_("last 30 days"), Period(today - dt.timedelta(days=29), today)),
        (_("this month"), Period(first, today)),
        (_("last month"), Period(last_month_end.replace(day=1), last_month_end)),
        (_("this year"), Period(today.replace(month=1, day=1), today)),
    ]


class DashboardForm(forms.Form):
    start = forms.DateField(label=gettext_lazy("From"), required=False,
                            input_formats=DATE_FORMATS,
                            widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"))
    end = forms.DateField(label=gettext_lazy("To"), required=False, input_formats=DATE_FORMATS,
                          widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"))
    unit = forms.ChoiceField(label=gettext_lazy("Unit"), required=False)
    step = forms.ChoiceField(label=gettext_lazy("Trend by"), required=False,
                             choices=[("month", gettext_lazy("month")),
                                      ("week", gettext_lazy("week"))])
    category = forms.ChoiceField(label=gettext_lazy("Hotspots of"), required=False)

    def __init__(self, data, *, wards: list, categories: list, language: str) -> None:
        super().__init__(data)
        name = (lambda o: (o.name_en or o.name)) if language == "en" else (lambda o: o.name)
        self.fields["unit"].choices = [("", whole_jurisdiction_label())] + [
            (w.code, name(w)) for w in wards
        ]
        self.fields["category"].choices = [("", _("All categories"))] + [
            (c.code, name(c)) for c in categories
        ]
        self._category_codes = {c.code for c in categories}

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("start"), cleaned.get("end")
        if start and end:
            try:
                Period(start, end)
            except InvalidInput as error:
                self.add_error(error.field or "end", str(error.message))
        return cleaned

    def choice(self) -> Choice:
        """The valid choices, defaults for the rest (last 30 days, the whole jurisdiction)."""
        data = self.cleaned_data if self.is_bound and hasattr(self, "cleaned_data") else {}
        if self.is_bound and not hasattr(self, "cleaned_data"):
            self.is_valid()
            data = self.cleaned_data
        period = default_period()
        start, end = data.get("start"), data.get("end")
        if start or end:
            end = end or timezone.localdate()
            start = start or end - dt.timedelta(days=DEFAULT_DAYS - 1)
            if start <= end and (end - start).days < MAX_DAYS:
                period = Period(start, end)
        category = data.get("category")
        if category is None or (self.is_bound and "category" not in self.data):
            category = DEFAULT_HOTSPOT_CATEGORY if (
                DEFAULT_HOTSPOT_CATEGORY in self._category_codes) else ""
        return Choice(period=period, unit_code=data.get("unit") or "",
                      step=data.get("step") or "month", category_code=category or "")
