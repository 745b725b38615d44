"""Period, unit and scope: what every figure is filtered by.

A unit is the whole jurisdiction or one ward. A ward stands for its territory through
time: itself and every ward it took over (Gia Định includes the former Phường 1, 2, 3,
6, 7, 15 and 17, and the 2025 Phường 1 and 2 between them), so a period that crosses a
reform counts the predecessors' reports under their successor. The scope of the viewer
(accounts.selectors.scope_for) is applied on top.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db.models import Q, QuerySet
from django.utils.translation import gettext as _

from smartdistrict.accounts.selectors import Scope, scope_for
from smartdistrict.core.errors import InvalidInput
from smartdistrict.geography.index import UnitRecord, get_index
from smartdistrict.geography.selectors import territory_ids

MAX_DAYS = 3 * 366  # a longer period is refused (the demo keeps two years)


@dataclass(frozen=True)
class Period:
    start: dt.date
    end: dt.date  # inclusive

    def __post_init__(self) -> None:
        if self.end < self.start:
            raise InvalidInput(_("The end of the period is before its start."), field="end")
        if self.days > MAX_DAYS:
            raise InvalidInput(_("Choose a period of at most three years."), field="start")

    @property
    def days(self) -> int:
        return (self.end - self.start).days + 1

    def previous(self) -> Period:
        """The period of equal length just before this one."""
        return Period(self.start - dt.timedelta(days=self.days),
                      self.start - dt.timedelta(days=1))

    def contains(self, day: dt.date) -> bool:
        return self.start <= day <= self.end


@dataclass(frozen=True)
class Selection:
    """Which reports a figure counts: a unit's territory (None = all) within a scope."""

    scope: Scope
    unit: UnitRecord | None = None
    ward_ids: frozenset[int] | None = None  # the unit's territory

    def q(self, *, ward: str = "ward_id", department: str = "department_id") -> Q:
        """The condition on a table with ward and department id columns."""
        condition = Q()
        if self.ward_ids is not None:
            condition &= Q(**{f"{ward}__in": self.ward_ids})
        if not self.scope.everything:
            allowed = Q(pk__in=[])
            if self.scope.unit_ids:
                allowed |= Q(**{f"{ward}__in": self.scope.unit_ids})
            if self.scope.department_ids:
                allowed |= Q(**{f"{department}__in": self.scope.department_ids})
            condition &= allowed
        return condition

    def apply(self, queryset: QuerySet, **fields: str) -> QuerySet:
        return queryset.filter(self.q(**fields))


def selection_for(user, unit_code: str = "") -> Selection:
    """The selection of ``user`` for a unit code ("" = the whole jurisdiction)."""
    return selection_in_scope(scope_for(user), unit_code)


def selection_in_scope(scope: Scope, unit_code: str = "") -> Selection:
    if not unit_code:
        return Selection(scope=scope)
    record = get_index().by_code.get(unit_code)
    if record is None or record.level != "ward":
        raise InvalidInput(_("No ward has this code."), field="unit")
    return Selection(scope=scope, unit=record,
                     ward_ids=frozenset(territory_ids({record.id})))


def wards_for_period(period: Period, scope: Scope) -> list[UnitRecord]:
    """The wards valid at the end of the period that the viewer may choose."""
    wards = get_index().wards_on(period.end)
    if scope.everything:
        return wards
    if scope.unit_ids:
        return [w for w in wards if w.id in scope.unit_ids]
    return wards  # department staff: any ward, their departments' reports only


def ward_at(ward_id: int, day: dt.date) -> UnitRecord | None:
    """The ward valid on ``day`` whose territory includes ``ward_id`` (the report's ward
    as filed): itself if still valid, else its successor. When the territory was split
    between several, the first by code (none was split in Bình Thạnh)."""
    index = get_index()
    if ward_id not in index.units:
        return None
    found = index.valid_descendants_on(ward_id, day)
    return found[0] if found else index.units[ward_id]
