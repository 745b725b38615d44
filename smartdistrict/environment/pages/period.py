"""The period a station page, its charts and exports cover: local dates, end included."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django import forms
from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

DEFAULT_DAYS = 30
FIRST_DAY, LAST_DAY = dt.date(1900, 1, 1), dt.date(2999, 12, 31)


def max_days() -> int:
    """The longest period a page, chart or export may cover (a little over two years)."""
    return settings.ENVIRONMENT_PAGE_MAX_DAYS


class DateInput(forms.DateInput):
    input_type = "date"


class PeriodForm(forms.Form):
    start = forms.DateField(label=gettext_lazy("From"), required=False,
                            widget=DateInput(format="%Y-%m-%d"), input_formats=["%Y-%m-%d"])
    end = forms.DateField(label=gettext_lazy("To (included)"), required=False,
                          widget=DateInput(format="%Y-%m-%d"), input_formats=["%Y-%m-%d"])

    def clean(self):
        data = super().clean()
        for name in ("start", "end"):  # far from the calendar's ends, where a day more or
            day = data.get(name)         # less, or local midnight in UTC, overflows
            if day and not FIRST_DAY <= day <= LAST_DAY:
                self.add_error(name, _("Choose a date from %(first)s to %(last)s.") % {
                    "first": FIRST_DAY.strftime("%d/%m/%Y"),
                    "last": LAST_DAY.strftime("%d/%m/%Y")})
                data.pop(name, None)
        start, end = data.get("start"), data.get("end")
        if start and end:
            if end < start:
                raise forms.ValidationError(_("The end date must not be before the start date."))
            if (end - start).days + 1 > max_days():
                raise forms.ValidationError(
                    _("Choose at most %(days)d days.") % {"days": max_days()})
        return data


@dataclass(frozen=True)
class Period:
    start_date: dt.date
    end_date: dt.date  # included

    @property
    def start(self) -> dt.datetime:
        """The first instant (local midnight), aware."""
        return timezone.make_aware(dt.datetime.combine(self.start_date, dt.time()))

    @property
    def end(self) -> dt.datetime:
        """The instant after the period (local midnight after the end date), aware."""
        return timezone.make_aware(
            dt.datetime.combine(self.end_date + dt.timedelta(days=1), dt.time()))

    @property
    def query(self) -> str:
        return f"start={self.start_date:%Y-%m-%d}&end={self.end_date:%Y-%m-%d}"

    @property
    def days(self) -> int:
        return (self.end_date - self.start_date).days + 1


def default_period(today: dt.date | None = None) -> Period:
    end = today or timezone.localdate()
    return Period(end - dt.timedelta(days=DEFAULT_DAYS - 1), end)


def period_from(params) -> tuple[Period, PeriodForm, bool]:
    """(period, bound form, valid). Missing dates default to the last 30 days (or 30 days
    around the one given); an invalid pair gives the default period and the form's errors."""
    form = PeriodForm(params or None)
    fallback = default_period()
    if not params or not form.is_valid():
        if params and not form.is_valid():
            return fallback, form, False
        return fallback, PeriodForm(initial={"start": fallback.start_date,
                                             "end": fallback.end_date}), True
    start, end = form.cleaned_data.get("start"), form.cleaned_data.get("end")
    if start and not end:
        end = min(start + dt.timedelta(days=DEFAULT_DAYS - 1), fallback.end_date)
        end = max(end, start)
    elif end and not start:
        start = end - dt.timedelta(days=DEFAULT_DAYS - 1)
    elif not start and not end:
        start, end = fallback.start_date, fallback.end_date
    period = Period(start, end)
    return period, PeriodForm(initial={"start": start, "end": end}), True
