"""The proposal's workflow and who may act, as data shared by pages and services.

Reading the staff pages: every staff account, within its scope (a ward officer sees the
alleys of the wards in his or her territory, through their former wards; leaders, the
hotline and administrators see every ward; department staff see no alley). Acting: ward
officers on their wards' proposals and administrators on all. Leaders read.
"""

from __future__ import annotations

from django.contrib.auth.models import AnonymousUser

from smartdistrict.accounts.models import Role, User
from smartdistrict.accounts.selectors import scope_for
from smartdistrict.alleys.models import State

TRANSITIONS: dict[str, frozenset[str]] = {
    State.DRAFT: frozenset({State.CONSULTATION}),
    State.CONSULTATION: frozenset({State.APPROVED, State.REJECTED, State.DRAFT}),
    State.APPROVED: frozenset({State.WORKS}),
    State.WORKS: frozenset({State.ACCEPTED}),
    State.ACCEPTED: frozenset({State.CLOSED}),
    State.REJECTED: frozenset({State.DRAFT}),
    State.CLOSED: frozenset(),
}

# What may be changed in which states.
ESTIMATE_STATES = frozenset({State.DRAFT})
PLEDGE_STATES = frozenset({State.CONSULTATION, State.APPROVED, State.WORKS})
PAYMENT_STATES = frozenset({State.APPROVED, State.WORKS, State.ACCEPTED})
EXPENSE_STATES = frozenset({State.APPROVED, State.WORKS, State.ACCEPTED})
PROGRESS_STATES = frozenset({State.WORKS, State.ACCEPTED})
BOARD_STATES = frozenset({State.CONSULTATION, State.APPROVED, State.WORKS, State.ACCEPTED})
BALLOT_STATES = frozenset({State.CONSULTATION})

# The states that count as a project going ahead (for the dashboard's money figures).
GOING_AHEAD = frozenset({State.APPROVED, State.WORKS, State.ACCEPTED, State.CLOSED})

ACTING_ROLES = frozenset({Role.WARD_OFFICER, Role.ADMINISTRATOR})


def allowed_targets(state: str) -> frozenset[str]:
    return TRANSITIONS.get(state, frozenset())


def is_staff(user: User | AnonymousUser) -> bool:
    return bool(user.is_authenticated and user.is_active and (user.role or user.is_superuser))


def can_act(user: User | AnonymousUser, unit_id: int) -> bool:
    """Whether ``user`` may change proposals and alleys of the ward ``unit_id``."""
    if not is_staff(user):
        return False
    if not (user.is_superuser or user.role in ACTING_ROLES):
        return False
    return scope_for(user).covers(unit_id=unit_id, department_id=None)
