"""The "Forward" action's form: the unit, the department (the routing rules' choice unless
one is named) and the reason. feedback.services.forwarding decides what is allowed."""

from __future__ import annotations

from django import forms
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from smartdistrict.console.display import local_name
from smartdistrict.console.forms.actions import ActionForm, _note
from smartdistrict.console.forms.widgets import PlainSelect
from smartdistrict.core.errors import DomainError
from smartdistrict.feedback.services.forwarding import departments_serving, forward_targets
from smartdistrict.feedback.services.routing import route
from smartdistrict.geography.index import get_index
from smartdistrict.geography.selectors import today


def current_unit_code(report) -> str:
    """The report's unit as it is today (a report filed under a former ward starts from
    the unit that took it over)."""
    found = get_index().valid_descendants_on(report.ward_id, today())
    return found[0].code if found else report.ward.code


class ForwardForm(ActionForm):
    to_unit = forms.CharField(
        label=gettext_lazy("Unit that should handle it"), required=False, widget=PlainSelect
    )
    to_department = forms.CharField(
        label=gettext_lazy("Department"), required=False, widget=PlainSelect,
        help_text=gettext_lazy("Leave the first choice to let the routing rules decide, or "
                               "name a department that serves the unit."),
    )
    note = _note(gettext_lazy("Why (the resident will read it)"),
                      required_in_browser=False)

    def __init__(self, data=None, **kwargs) -> None:
        super().__init__(data, **kwargs)
        unit_field = self.fields["to_unit"]
        unit_field.widget.choices = [(u.code, local_name(u)) for u in forward_targets()]
        unit_field.widget.attrs.update({
            "hx-get": reverse("console:report-forward-departments", args=[self.report.code]),
            "hx-target": f"#{self['to_department'].auto_id}", "hx-swap": "outerHTML",
            "hx-trigger": "change",
        })
        if not self.is_bound:
            self.initial["to_unit"] = current_unit_code(self.report)
        self.departments_for(self["to_unit"].value() or "")

    def departments_for(self, unit_code: str) -> None:
        """Offer the departments serving ``unit_code``, the routing rules' choice first."""
        record = get_index().by_code.get(unit_code)
        choices = [("", _("— choose a unit first —"))]
        if record is not None:
            try:
                routed = route(category=self.report.category, ward_id=record.id)
                first = _("— as the routing rules say: %(department)s —") % {
                    "department": local_name(routed)}
            except DomainError:
                first = _("— choose a department —")
            choices = [("", first)] + [(d.code, local_name(d))
                                       for d in departments_serving(record.id)]
        self.fields["to_department"].widget.choices = choices
