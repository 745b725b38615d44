"""The workflow as data: which state may follow which, and who may move a report.

Kept apart from the services so that the console can show only the actions a role may
take, and the services refuse the rest with the same rules.
"""

from __future__ import annotations

import datetime as dt

from smartdistrict.accounts.models import Role
from smartdistrict.feedback.models import Status

TRANSITIONS: dict[str, frozenset[str]] = {
    Status.NEW: frozenset(
        {Status.ASSIGNED, Status.IN_PROGRESS, Status.RESOLVED, Status.REJECTED, Status.DUPLICATE}
    ),
    Status.ASSIGNED: frozenset(
        {Status.ASSIGNED, Status.IN_PROGRESS, Status.RESOLVED, Status.REJECTED, Status.DUPLICATE}
    ),
    Status.IN_PROGRESS: frozenset(
        {Status.ASSIGNED, Status.RESOLVED, Status.REJECTED, Status.DUPLICATE}
    ),
    Status.RESOLVED: frozenset({Status.CLOSED, Status.REOPENED}),
    Status.CLOSED: frozenset({Status.REOPENED}),
    Status.REJECTED: frozenset({Status.REOPENED}),
    Status.DUPLICATE: frozenset({Status.REOPENED}),
    Status.REOPENED: frozenset(
        {Status.ASSIGNED, Status.IN_PROGRESS, Status.RESOLVED, Status.REJECTED, Status.DUPLICATE}
    ),
}

# Roles that work on reports. Leaders and hotline operators read; they do not move reports.
ACTING_ROLES = frozenset({Role.WARD_OFFICER, Role.DEPARTMENT_STAFF, Role.ADMINISTRATOR})

# A transition to these states needs a note (the reason, or what was done).
NOTE_REQUIRED = frozenset({Status.REJECTED, Status.RESOLVED})

# A resident may reopen a resolved report within this many days.
RESIDENT_REOPEN_DAYS = 7


def allowed_targets(status: str) -> frozenset[str]:
    return TRANSITIONS.get(status, frozenset())


def resident_may_reopen(*, status: str, resolved_at: dt.datetime | None, now: dt.datetime) -> bool:
    return (
        status == Status.RESOLVED
        and resolved_at is not None
        and now - resolved_at <= dt.timedelta(days=RESIDENT_REOPEN_DAYS)
    )

# Who may forward a report to another unit or department (feedback.services.forwarding):
# the city hotline centre and administrators anywhere (their scope is the whole
# jurisdiction); ward officers and department staff a report in their own scope, to send
# on what is not theirs. Leaders read; they do not forward.
FORWARDING_ROLES = frozenset(
    {Role.HOTLINE_OPERATOR, Role.ADMINISTRATOR, Role.WARD_OFFICER, Role.DEPARTMENT_STAFF}
)

# What a forward does to the status: the receiving unit starts the work again, so work
# begun by the unit that gave it up is undone (its assignee is dropped in every case).
FORWARD_STATUS = {Status.ASSIGNED: Status.NEW, Status.IN_PROGRESS: Status.NEW}
