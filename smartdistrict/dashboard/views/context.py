"""What every dashboard request reads from its query string: period, unit, scope."""

from __future__ import annotations

from dataclasses import dataclass

from django.http import HttpRequest, QueryDict
from django.utils.dateparse import parse_date
from django.utils.translation import get_language

from smartdistrict.accounts.selectors import scope_for
from smartdistrict.dashboard.forms import Choice, DashboardForm, default_period
from smartdistrict.dashboard.selectors.scope import (
    Period,
    Selection,
    selection_in_scope,
    wards_for_period,
)
from smartdistrict.feedback.models import Category


@dataclass
class Request:
    form: DashboardForm
    choice: Choice
    selection: Selection
    categories: list[Category]
    language: str

    @property
    def category(self) -> Category | None:
        return next((c for c in self.categories if c.code == self.choice.category_code), None)


def read(request: HttpRequest, data: QueryDict | None = None) -> Request:
    """The filter from ``data`` (default: the query string)."""
    data = request.GET if data is None else data
    language = (get_language() or "vi")[:2]
    scope = scope_for(request.user)
    try:
        end = parse_date(data.get("end", "")) or default_period().end
    except ValueError:
        end = default_period().end
    wards = wards_for_period(Period(end, end), scope)
    categories = list(Category.objects.order_by("order", "code")
                      .only("id", "code", "name", "name_en"))
    form = DashboardForm(data or None, wards=wards, categories=categories,
                         language=language)
    choice = form.choice()
    return Request(form, choice, selection_in_scope(scope, choice.unit_code), categories,
                   language)
