"""Reads the console needs beyond feedback.selectors: option lists and a report's page.

Scope comes from accounts.selectors (scope_for and the *_visible_to selectors); nothing
here widens it. Each function costs a fixed number of queries, whatever the table size.
"""

from __future__ import annotations

from django.db.models import Prefetch

from smartdistrict.accounts.models import Role, User
from smartdistrict.accounts.selectors import (
    WHOLE_JURISDICTION_ROLES,
    Scope,
    scope_for,
)
from smartdistrict.console import options
from smartdistrict.feedback import policy
from smartdistrict.feedback.models import Category, Event, Photo, Report
from smartdistrict.feedback.selectors import all_categories
from smartdistrict.geography.models import Unit
from smartdistrict.geography.selectors import territory_ids
from smartdistrict.organisations.models import Department


def category_options() -> list[Category]:
    """Every category (inactive ones too: old reports still carry them), in list order."""
    return all_categories()


def ward_options(user: User, scope: Scope | None = None) -> list[Unit]:
    """Wards a user can filter by: current wards first, then former ones."""
    scope = scope or scope_for(user)
    if scope.everything:
        return list(options.whole_lists().wards)
    wards = options.ward_queryset()
    if scope.unit_ids:
        wards = wards.filter(id__in=scope.unit_ids)
    else:  # department staff: the wards their departments serve
        wards = wards.filter(departments__in=scope.department_ids).distinct()
    return list(wards)


def department_options(user: User, scope: Scope | None = None) -> list[Department]:
    """accounts.selectors.departments_visible_to, reusing a scope already computed."""
    scope = scope or scope_for(user)
    if scope.everything:
        return list(options.whole_lists().departments)
    return list(
        scope.filter(options.department_queryset(), unit_field="units", department_field="id")
        .distinct()
    )


def _acting_staff() -> list[User]:
    return list(
        User.objects.filter(is_active=True, role__in=policy.ACTING_ROLES)
        .prefetch_related(
            Prefetch("units", queryset=Unit.objects.only("id", "name", "name_en")),
            Prefetch("departments", queryset=Department.objects.only("id", "name", "name_en")),
        )
        .order_by("role", "first_name", "last_name", "username")
    )


def _scope_of(user: User) -> Scope:
    """scope_for from the prefetched units and departments (one query for all candidates).

    Mirrors accounts.selectors.scope_for; the workflow service checks the real scope
    again when the assignment is made, so a difference could only hide a candidate."""
    if user.is_superuser or user.role in WHOLE_JURISDICTION_ROLES:
        return Scope(everything=True)
    if user.role == Role.WARD_OFFICER:
        return Scope(unit_ids=frozenset(territory_ids({u.id for u in user.units.all()})))
    if user.role == Role.DEPARTMENT_STAFF:
        return Scope(department_ids=frozenset(d.id for d in user.departments.all()))
    return Scope()


def assignee_options(report: Report) -> list[User]:
    """Staff who may be given ``report``: active, acting, and covering its ward or department."""
    return [
        user for user in _acting_staff()
        if _scope_of(user).covers(unit_id=report.ward_id, department_id=report.department_id)
    ]


def staff_options(
    actor: User, scope: Scope | None = None, department_ids: set[int] | None = None
) -> list[User]:
    """Staff a user may pick in the queue's bulk assignment: those sharing part of their scope
    (``department_ids``: the departments visible to the actor, when already at hand).

    Each assignment is still checked per report by the workflow service."""
    scope = scope or scope_for(actor)
    staff = _acting_staff()
    if scope.everything:
        return staff
    if department_ids is None:
        department_ids = {d.id for d in department_options(actor, scope)}
    departments = department_ids
    chosen = []
    for user in staff:
        theirs = _scope_of(user)
        if (
            theirs.everything
            or theirs.unit_ids & scope.unit_ids
            or theirs.department_ids & (scope.department_ids | departments)
        ):
            chosen.append(user)
    return chosen


def report_for_page(report: Report) -> Report:
    """The report with everything its page shows, in two queries (row and photos)."""
    return (
        Report.objects.select_related(
            "category", "ward", "department", "assignee", "duplicate_of", "suggested_category"
        )
        .prefetch_related(Prefetch("photos", queryset=Photo.objects.order_by("id")))
        .get(pk=report.pk)
    )


def full_timeline(report: Report) -> list[Event]:
    """Every event, internal notes included: the console is for staff in scope only."""
    return list(
        Event.objects.filter(report=report).select_related("actor").order_by("created_at", "id")
    )
