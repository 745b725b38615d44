"""Who may do what with the survey (reads go through accounts.selectors.scope_for)."""

from __future__ import annotations

from smartdistrict.accounts.models import Role
from smartdistrict.accounts.selectors import scope_for

READERS = {Role.WARD_OFFICER, Role.HOTLINE_OPERATOR, Role.LEADER, Role.ADMINISTRATOR}
REGISTRARS = {Role.WARD_OFFICER, Role.ADMINISTRATOR}


def can_view_results(user) -> bool:
    return bool(user.is_authenticated and user.is_active
                and (user.is_superuser or user.role in READERS))


def can_register(user, unit_id: int | None = None) -> bool:
    """Ward officers register dossiers of their units' one-stop shops; administrators of any."""
    if not (user.is_authenticated and user.is_active):
        return False
    if not (user.is_superuser or user.role in REGISTRARS):
        return False
    return unit_id is None or scope_for(user).covers(unit_id=unit_id, department_id=None)
