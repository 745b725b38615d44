"""The queue's filter form (GET) and the bulk-action form (POST)."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from smartdistrict.accounts.models import User
from smartdistrict.console.display import local_name
from smartdistrict.console.forms.widgets import PlainSelect
from smartdistrict.console.queue import SORTS, STATUS_GROUPS, QueueFilters
from smartdistrict.feedback.models import Category, Channel, Status
from smartdistrict.geography.models import Unit
from smartdistrict.geography.selectors import territory_ids
from smartdistrict.organisations.models import Department

DATE_FORMATS = ["%Y-%m-%d", "%d/%m/%Y"]
# The rating filter's choices → the stars they select ("poor": the answers to follow up).
_RATINGS = {"poor": frozenset({1, 2}), **{str(n): frozenset({n}) for n in range(1, 6)}}


def ward_label(ward: Unit) -> str:
    if ward.valid_to:
        return _("%(name)s (former, until %(date)s)") % {
            "name": local_name(ward), "date": ward.valid_to.strftime("%d/%m/%Y"),
        }
    return local_name(ward)


def department_label(department: Department) -> str:
    if department.valid_to:
        return _("%(name)s (former)") % {"name": local_name(department)}
    return local_name(department)


class QueueFilterForm(forms.Form):
    status = forms.ChoiceField(label=gettext_lazy("Status"), required=False)
    category = forms.ChoiceField(label=gettext_lazy("Category"), required=False,
                                 widget=PlainSelect)
    ward = forms.ChoiceField(label=gettext_lazy("Ward"), required=False, widget=PlainSelect)
    department = forms.ChoiceField(label=gettext_lazy("Department"), required=False,
                                   widget=PlainSelect)
    overdue = forms.BooleanField(label=gettext_lazy("Overdue only"), required=False)
    created_after = forms.DateField(
        label=gettext_lazy("Received from"), required=False, input_formats=DATE_FORMATS,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )
    created_before = forms.DateField(
        label=gettext_lazy("Received until"), required=False, input_formats=DATE_FORMATS,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )
    channel = forms.ChoiceField(label=gettext_lazy("Channel"), required=False)
    rating = forms.ChoiceField(
        label=gettext_lazy("Rating"), required=False,
        choices=[("", gettext_lazy("Any rating")), ("poor", gettext_lazy("Poor (1–2 stars)")),
                 *((str(n), str(n) + " ★") for n in range(1, 6))],
    )
    sort = forms.ChoiceField(
        label=gettext_lazy("Sort by"), required=False,
        choices=[("due", gettext_lazy("due time (soonest first)")),
                 ("created", gettext_lazy("received (newest first)"))],
    )

    def __init__(
        self, data, *, categories: list[Category], wards: list[Unit],
        departments: list[Department],
    ) -> None:
        super().__init__(data)
        self.fields["status"].choices = [
            ("open", _("Open (new, assigned, in progress, reopened)")),
            ("closed", _("Closed (resolved, closed, rejected, duplicate)")),
            ("all", _("All")),
            *Status.choices,
        ]
        self.fields["category"].choices = [("", _("All categories"))] + [
            (c.code, local_name(c)) for c in categories
        ]
        self.fields["ward"].choices = [("", _("All wards"))] + [
            (w.code, ward_label(w)) for w in wards
        ]
        self.fields["department"].choices = [("", _("All departments"))] + [
            (d.code, department_label(d)) for d in departments
        ]
        self.fields["channel"].choices = [("", _("All channels")), *Channel.choices]
        self._categories = {c.code: c.id for c in categories}
        self._wards = {w.code: w.id for w in wards}
        self._departments = {d.code: d.id for d in departments}

    def clean(self):
        cleaned = super().clean()
        after, before = cleaned.get("created_after"), cleaned.get("created_before")
        if after and before and before < after:
            self.add_error("created_before", _("This date is before the start date."))
        return cleaned

    def filters(self) -> QueueFilters:
        """The valid filters; an invalid one is ignored (its error is shown next to it)."""
        if not self.is_bound:
            return QueueFilters()
        if not hasattr(self, "cleaned_data"):
            self.is_valid()
        data = self.cleaned_data
        status = data.get("status") or "open"
        if status not in STATUS_GROUPS and status not in Status.values:
            status = "open"
        ward_id = self._wards.get(data.get("ward") or "")
        return QueueFilters(
            status=status,
            category_id=self._categories.get(data.get("category") or ""),
            # A ward includes the former wards it took over (Bình Quới: Phường 27, 28).
            ward_ids=frozenset(territory_ids({ward_id})) if ward_id else frozenset(),
            department_id=self._departments.get(data.get("department") or ""),
            overdue=bool(data.get("overdue")),
            created_after=data.get("created_after"),
            created_before=data.get("created_before"),
            channel=data.get("channel") if data.get("channel") in Channel.values else "",
            ratings=_RATINGS.get(data.get("rating") or "", frozenset()),
            sort=data.get("sort") if data.get("sort") in SORTS else "due",
        )


def staff_label(user: User) -> str:
    name = user.get_full_name() or user.username
    where = [local_name(u) for u in user.units.all()] + [
        local_name(d) for d in user.departments.all()
    ]
    role = user.get_role_display()
    return f"{name} — {role}" + (f" ({', '.join(where)})" if where else "")


class BulkForm(forms.Form):
    action = forms.ChoiceField(
        label=gettext_lazy("Action"),
        choices=[("assign", gettext_lazy("Assign to")),
                 ("merge", gettext_lazy("Merge as duplicates of"))],
    )
    assignee = forms.CharField(label=gettext_lazy("Assign to"), required=False,
                               widget=forms.Select)
    original = forms.CharField(
        label=gettext_lazy("Code of the original report"), required=False, max_length=30,
    )

    def __init__(self, data=None, *, staff: list[User]) -> None:
        super().__init__(data, prefix="bulk")
        self.fields["assignee"].widget.choices = [("", _("— choose a person —"))] + [
            (u.username, staff_label(u)) for u in staff
        ]

    def selected_codes(self) -> list[str]:
        raw = self.data.getlist(self.add_prefix("codes")) if self.data else []
        return list(dict.fromkeys(c.strip().upper() for c in raw if c.strip()))[:200]

    def clean(self):
        cleaned = super().clean()
        action = cleaned.get("action")
        if not self.selected_codes():
            self.add_error(None, _("Tick at least one report in the list."))
        if action == "assign" and not cleaned.get("assignee"):
            self.add_error("assignee", _("Choose the person to assign."))
        if action == "merge" and not (cleaned.get("original") or "").strip():
            self.add_error("original", _("Give the code of the original report."))
        return cleaned
