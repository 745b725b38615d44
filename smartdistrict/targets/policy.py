"""Who may read and who may change the targets, as data the pages and services share.

Reading: every staff account (a role, or a superuser). Targets, programmes and projects
are the district's plan, not personal data, so they are not cut by ward or department.

Changing: administrators import workbooks and edit any indicator; staff of an
indicator's data-owner department (``Indicator.owner_department``) record that
indicator's measurements. Leaders read: they judge the figures, the owners enter them.
"""

from __future__ import annotations

from django.contrib.auth.models import AnonymousUser

from smartdistrict.accounts.models import Role, User

# Roles that may import workbooks and edit every indicator.
EDITOR_ROLES = frozenset({Role.ADMINISTRATOR})


def can_view(user: User | AnonymousUser) -> bool:
    return bool(
        user.is_authenticated and user.is_active and (user.is_superuser or user.role)
    )


def can_import(user: User | AnonymousUser) -> bool:
    return bool(can_view(user) and (user.is_superuser or user.role in EDITOR_ROLES))


def owned_department_ids(user: User | AnonymousUser) -> frozenset[int]:
    """Departments whose indicators ``user`` may fill in (one query, cached on the user)."""
    if not can_view(user) or user.role != Role.DEPARTMENT_STAFF:
        return frozenset()
    cached = getattr(user, "_targets_departments", None)
    if cached is None:
        cached = frozenset(user.departments.values_list("id", flat=True))
        user._targets_departments = cached
    return cached


def can_edit_indicator(user: User | AnonymousUser, owner_department_id: int | None) -> bool:
    """Whether ``user`` may record measurements of an indicator owned by that department."""
    if can_import(user):
        return True
    return owner_department_id is not None and owner_department_id in owned_department_ids(user)
