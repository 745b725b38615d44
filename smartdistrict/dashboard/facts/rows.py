"""One report → its fact row: the only place where the figures' rules meet a report.

Pure functions over values read from feedback's reports, so that the refresh job, the
drift check and the tests apply exactly the same definitions.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator
from functools import cache
from zoneinfo import ZoneInfo

from django.conf import settings

from smartdistrict.feedback.models import OPEN_STATES, Report

# What is read from each report (no description, no contact details).
SOURCE_FIELDS = (
    "id", "ward_id", "department_id", "category_id", "channel", "status", "due_at",
    "created_at", "h3_cell", "first_response_at", "resolved_at", "closed_at", "rating",
    "rated_at",
)
# The columns of ReportFact, in the order fact_row returns them.
FACT_FIELDS = (
    "report_id", "ward_id", "department_id", "category_id", "channel", "status", "is_open",
    "due_at", "created_day", "created_slot", "h3_cell", "response_day", "response_s",
    "response_bucket", "resolved_day", "resolution_s", "resolution_bucket", "on_time",
    "closed_day", "rated_day", "rating",
)
# The days a fact row adds to, in DailyFact.
DAY_FIELDS = ("created_day", "response_day", "resolved_day", "closed_day", "rated_day")
_DAY_POSITIONS = tuple(FACT_FIELDS.index(name) for name in DAY_FIELDS)


@cache
def local_zone() -> ZoneInfo:
    return ZoneInfo(settings.TIME_ZONE)


def local_day(moment: dt.datetime | None) -> dt.date | None:
    return None if moment is None else moment.astimezone(local_zone()).date()


def _seconds(later: dt.datetime, earlier: dt.datetime) -> int:
    return int((later - earlier).total_seconds())


def bucket(seconds: int | None) -> int | None:
    """A small integer that never decreases as ``seconds`` grows: each doubling split in
    four equal parts (2^b … 2^(b+1) → 4b … 4b+3); 0 to 3 below four seconds."""
    if seconds is None:
        return None
    if seconds < 4:
        return max(seconds, 0)
    top = seconds.bit_length() - 1
    return 4 * top + ((seconds >> (top - 2)) & 3)


def fact_row(source: tuple) -> tuple:
    """The fact tuple (FACT_FIELDS order) of one report row (SOURCE_FIELDS order).

    - response: first_response_at − created_at, counted on the day of the response;
    - resolution: resolved_at − created_at, on the day of resolution; on time when
      resolved_at ≤ due_at;
    - rating: on the day it was given (the day of resolution if that time is unknown).
    """
    (report_id, ward_id, department_id, category_id, channel, status, due_at, created_at,
     h3_cell, responded_at, resolved_at, closed_at, rating, rated_at) = source
    created_local = created_at.astimezone(local_zone())
    response_s = _seconds(responded_at, created_at) if responded_at is not None else None
    resolution_s = _seconds(resolved_at, created_at) if resolved_at is not None else None
    rated_day = None
    if rating is not None:
        rated_day = local_day(rated_at or resolved_at or closed_at or created_at)
    return (
        report_id, ward_id, department_id, category_id, channel, status,
        status in OPEN_STATES, due_at, created_local.date(),
        created_local.weekday() * 24 + created_local.hour, h3_cell or "",
        local_day(responded_at), response_s, bucket(response_s),
        local_day(resolved_at), resolution_s, bucket(resolution_s),
        (resolved_at <= due_at) if resolved_at is not None else None,
        local_day(closed_at), rated_day, rating,
    )


def days_of(fact: tuple) -> set[dt.date]:
    """The days whose daily sums this fact row contributes to."""
    return {fact[i] for i in _DAY_POSITIONS if fact[i] is not None}


def source_rows(queryset=None, *, batch: int = 5_000) -> Iterator[list[tuple]]:
    """Reports in id order, in batches of ``batch`` rows (keyset pagination: memory flat)."""
    queryset = (queryset if queryset is not None else Report.objects.all()).order_by()
    last = 0
    while True:
        rows = list(
            queryset.filter(id__gt=last).order_by("id").values_list(*SOURCE_FIELDS)[:batch]
        )
        if not rows:
            return
        yield rows
        last = rows[-1][0]


def facts_of(rows: Iterable[tuple]) -> dict[int, tuple]:
    return {row[0]: fact_row(row) for row in rows}
