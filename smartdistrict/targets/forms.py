"""Forms of the targets pages: a measurement, and a workbook upload."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from smartdistrict.core.errors import DomainError
from smartdistrict.targets import periods, values

MAX_UPLOAD_BYTES = 5 * 1024 * 1024


class MeasurementForm(forms.Form):
    period = forms.CharField(
        label=_("Period"), max_length=20,
        help_text=_("A year (2024), a quarter (2024-Q2) or a month (2024-05)."),
    )
    actual = forms.CharField(label=_("Actual"), required=False, max_length=40)
    planned = forms.CharField(label=_("Planned"), required=False, max_length=40)
    source = forms.CharField(label=_("Source"), required=False, max_length=500)
    note = forms.CharField(
        label=_("Note"), required=False, max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )

    def clean_period(self) -> str:
        try:
            return periods.parse(self.cleaned_data["period"]).label
        except DomainError as error:
            raise forms.ValidationError(str(error.message)) from None

    def _number(self, name: str) -> float | None:
        raw = self.cleaned_data.get(name, "")
        if raw in ("", None):
            return None
        try:
            return values.parse_number(raw)
        except DomainError as error:
            raise forms.ValidationError(str(error.message)) from None

    def clean_actual(self) -> float | None:
        return self._number("actual")

    def clean_planned(self) -> float | None:
        return self._number("planned")

    def clean(self) -> dict:
        data = super().clean()
        if not self.errors and data.get("actual") is None and data.get("planned") is None:
            raise forms.ValidationError(_("Enter an actual or a planned value."))
        return data


class UploadForm(forms.Form):
    file = forms.FileField(
        label=_("Workbook (.xlsx)"),
        widget=forms.ClearableFileInput(
            attrs={"accept": ".xlsx,application/vnd.openxmlformats-officedocument"
                             ".spreadsheetml.sheet"}
        ),
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > MAX_UPLOAD_BYTES:
            raise forms.ValidationError(_("The file is larger than 5 MB."))
        if not upload.name.lower().endswith(".xlsx"):
            raise forms.ValidationError(_("Choose an Excel workbook (.xlsx)."))
        return upload
