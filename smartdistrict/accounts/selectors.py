"""What each role may read. Every scoped queryset in the project is built through a Scope.

Residents (anonymous) get the empty scope here: what the public may see goes through
public selectors of its own app, never through a staff scope.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.contrib.auth.models import AnonymousUser
from django.db.models import Q, QuerySet

from smartdistrict.accounts.models import Role, User
from smartdistrict.geography.models import Unit
from smartdistrict.geography.selectors import territory_ids
from smartdistrict.organisations.models import Department

WHOLE_JURISDICTION_ROLES = {Role.HOTLINE_OPERATOR, Role.LEADER, Role.ADMINISTRATOR}


@dataclass(frozen=True)
class Scope:
    everything: bool = False
    unit_ids: frozenset[int] = frozenset()
    department_ids: frozenset[int] = frozenset()

    def filter(
        self,
        queryset: QuerySet,
        *,
        unit_field: str | None = None,
        department_field: str | None = None,
    ) -> QuerySet:
        """Keep the rows whose unit or department lies in this scope."""
        if self.everything:
            return queryset
        condition = Q(pk__in=[])
        if unit_field and self.unit_ids:
            condition |= Q(**{f"{unit_field}__in": self.unit_ids})
        if department_field and self.department_ids:
            condition |= Q(**{f"{department_field}__in": self.department_ids})
        return queryset.filter(condition)


    def covers(self, *, unit_id: int | None, department_id: int | None) -> bool:
        """Whether one record with this unit and department lies in the scope (no query)."""
        return (
            self.everything
            or (unit_id is not None and unit_id in self.unit_ids)
            or (department_id is not None and department_id in self.department_ids)
        )


def scope_for(user: User | AnonymousUser) -> Scope:
    """The scope of ``user``: ward officers see their units' territory through time
    (Bình Quới includes the former Phường 27 and 28), department staff their departments."""
    if not user.is_authenticated or not user.is_active:
        return Scope()
    if user.is_superuser or user.role in WHOLE_JURISDICTION_ROLES:
        return Scope(everything=True)
    if user.role == Role.WARD_OFFICER:
        units = set(user.units.values_list("id", flat=True))
        return Scope(unit_ids=frozenset(territory_ids(units)))
    if user.role == Role.DEPARTMENT_STAFF:
        return Scope(department_ids=frozenset(user.departments.values_list("id", flat=True)))
    return Scope()


def units_visible_to(user: User | AnonymousUser) -> QuerySet[Unit]:
    return scope_for(user).filter(Unit.objects.all(), unit_field="id")


def departments_visible_to(user: User | AnonymousUser) -> QuerySet[Department]:
    return (
        scope_for(user)
        .filter(Department.objects.all(), unit_field="units", department_field="id")
        .distinct()
    )
