"""The staff queue: one page of reports in scope, and the count of each state.

Two queries whatever the table holds: one GROUP BY status (which also gives the
overdue count and the page count) and one for the 50 rows of the page. Filters use
ids, not joins, so the (status, due_at), (ward, status) and (department, status)
indexes serve them.
"""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass, field

from django.db.models import Count, Q, QuerySet
from django.utils import timezone

from smartdistrict.accounts.models import User
from smartdistrict.feedback.models import CLOSED_STATES, OPEN_STATES, Report, Status
from smartdistrict.feedback.selectors import overdue_now, reports_visible_to

PAGE_SIZE = 50

STATUS_GROUPS: dict[str, frozenset[str]] = {
    "open": frozenset(OPEN_STATES),
    "closed": frozenset(CLOSED_STATES),
    "all": frozenset(Status.values),
}

SORTS = {
    "due": ("due_at", "id"),
    "created": ("-created_at", "-id"),
}


@dataclass(frozen=True)
class QueueFilters:
    status: str = "open"
    category_id: int | None = None
    ward_ids: frozenset[int] = frozenset()
    department_id: int | None = None
    overdue: bool = False
    created_after: dt.date | None = None
    created_before: dt.date | None = None
    sort: str = "due"

    def states(self) -> frozenset[str]:
        return STATUS_GROUPS.get(self.status) or frozenset({self.status})


@dataclass
class QueuePage:
    rows: list[Report]
    counts: dict[str, int]  # reports per state, all filters but the status applied
    overdue: int  # open and past due, same filters
    total: int  # rows matching every filter
    number: int
    pages: int
    states: list[tuple[str, str, int]] = field(default_factory=list)  # (value, label, count)

    @property
    def has_previous(self) -> bool:
        return self.number > 1

    @property
    def has_next(self) -> bool:
        return self.number < self.pages


def _start_of(day: dt.date) -> dt.datetime:
    """Midnight of ``day`` in the deployment's time zone, as an aware moment."""
    return timezone.make_aware(dt.datetime.combine(day, dt.time.min))


def _filtered(user: User, filters: QueueFilters) -> QuerySet[Report]:
    reports = reports_visible_to(user)
    if filters.category_id:
        reports = reports.filter(category_id=filters.category_id)
    if filters.ward_ids:
        reports = reports.filter(ward_id__in=filters.ward_ids)
    if filters.department_id:
        reports = reports.filter(department_id=filters.department_id)
    if filters.overdue:
        reports = reports.filter(overdue_now())
    if filters.created_after:
        reports = reports.filter(created_at__gte=_start_of(filters.created_after))
    if filters.created_before:
        reports = reports.filter(
            created_at__lt=_start_of(filters.created_before + dt.timedelta(days=1))
        )
    return reports


def queue_page(user: User, filters: QueueFilters, page: int = 1) -> QueuePage:
    """The page ``page`` of the queue (clamped to the last page)."""
    reports = _filtered(user, filters)
    now = timezone.now()
    counts: dict[str, int] = dict.fromkeys(Status.values, 0)
    overdue = 0
    grouped = (
        reports.order_by()
        .values("status")
        .annotate(n=Count("pk"), late=Count("pk", filter=Q(due_at__lt=now)))
    )
    for row in grouped:
        counts[row["status"]] = row["n"]
        if row["status"] in OPEN_STATES:
            overdue += row["late"]
    states = filters.states()
    total = sum(counts[s] for s in states)
    pages = max(1, math.ceil(total / PAGE_SIZE))
    number = min(max(1, page), pages)
    rows: list[Report] = []
    if total:
        selected = reports if states == STATUS_GROUPS["all"] else reports.filter(
            status__in=states
        )
        offset = (number - 1) * PAGE_SIZE
        rows = list(selected.order_by(*SORTS[filters.sort])[offset : offset + PAGE_SIZE])
    return QueuePage(
        rows=rows, counts=counts, overdue=overdue, total=total, number=number, pages=pages,
        states=[(value, label, counts[value]) for value, label in Status.choices],
    )
