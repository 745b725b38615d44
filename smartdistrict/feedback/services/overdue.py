"""Escalation: open reports past their due time are marked once and their desk told."""

from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from smartdistrict.feedback.models import OPEN_STATES, Event, EventKind, Report
from smartdistrict.feedback.notifications import notify_on_commit


def reports_mark_overdue(*, now: dt.datetime | None = None, batch: int = 500) -> int:
    """Mark reports that passed their deadline; returns how many were marked."""
    now = now or timezone.now()
    marked = 0
    while True:
        with transaction.atomic():
            due = list(
                Report.objects.select_for_update(skip_locked=True)
                .filter(status__in=OPEN_STATES, due_at__lt=now, overdue_at__isnull=True)
                .order_by("due_at")[:batch]
            )
            if not due:
                return marked
            Report.objects.filter(id__in=[r.id for r in due]).update(overdue_at=now)
            Event.objects.bulk_create(
                Event(
                    report=r, kind=EventKind.ESCALATION, actor_role="system", public=False,
                    note=_("Past its due time; the department and the ward were told."),
                    created_at=now,
                )
                for r in due
            )
            for report in due:
                notify_on_commit(report, "overdue")
            marked += len(due)
