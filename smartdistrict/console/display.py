"""Presentation helpers shared by views, forms and templates (no database access)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import get_language

from smartdistrict.feedback.models import Report, Status
from smartdistrict.feedback.selectors import is_overdue

SHOWN_TIME = "%H:%M %d/%m/%Y"


def local_name(thing) -> str:
    """A category's, ward's or department's name in the page's language (Vietnamese first).

    Those names are data with a Vietnamese ``name`` and an optional English ``name_en``;
    an English page shows the English name where one was entered."""
    if thing is None:
        return ""
    language = (get_language() or "vi").split("-")[0]
    if language == "en":
        english = getattr(thing, "name_en", "")
        if english:
            return english
    return getattr(thing, "name", str(thing))


@dataclass(frozen=True)
class QueueRow:
    """One line of the queue, formatted once in Python (50 rows × 9 cells add up)."""

    code: str
    url: str
    category: str
    ward: str
    department: str
    status: str
    status_label: str
    due_iso: str
    due: str
    created_iso: str
    created: str
    overdue: bool
    assignee: str


def _moment(value: dt.datetime) -> tuple[str, str]:
    local = timezone.localtime(value)
    return local.isoformat(), local.strftime(SHOWN_TIME)


def queue_rows(reports: list[Report]) -> list[QueueRow]:
    labels = dict(Status.choices)
    url = reverse("console:report", args=["CODE"]).removesuffix("CODE")
    rows = []
    for report in reports:
        due_iso, due = _moment(report.due_at)
        created_iso, created = _moment(report.created_at)
        assignee = report.assignee
        rows.append(QueueRow(
            code=report.code, url=url + report.code,
            category=local_name(report.category), ward=local_name(report.ward),
            department=local_name(report.department), status=report.status,
            status_label=str(labels.get(report.status, report.status)),
            due_iso=due_iso, due=due, created_iso=created_iso, created=created,
            overdue=is_overdue(report),
            assignee=(assignee.get_full_name() or assignee.username) if assignee else "",
        ))
    return rows
