"""The headline figures recomputed from the reports table alone, for the tests.

Plain ORM over feedback's Report, sharing no code with the dashboard: day boundaries at
local midnight (Asia/Ho_Chi_Minh), durations in whole seconds, medians by the statistics
module.
"""

from __future__ import annotations

import datetime as dt
import statistics
from collections import Counter
from zoneinfo import ZoneInfo

from django.db.models import F, Q
from django.utils import timezone

from smartdistrict.feedback.models import OPEN_STATES, Report
from smartdistrict.geography.models import Unit

TZ = ZoneInfo("Asia/Ho_Chi_Minh")


def _bounds(start: dt.date, end: dt.date) -> tuple[dt.datetime, dt.datetime]:
    return (dt.datetime.combine(start, dt.time.min, tzinfo=TZ),
            dt.datetime.combine(end + dt.timedelta(days=1), dt.time.min, tzinfo=TZ))


def _median(values: list[int]) -> float | None:
    return float(statistics.median(values)) if values else None


def figures(start: dt.date, end: dt.date, *, ward_codes: set[str] | None = None,
            extra: Q | None = None) -> dict:
    reports = Report.objects.all()
    if ward_codes is not None:
        ids = list(Unit.objects.filter(code__in=ward_codes).values_list("id", flat=True))
        assert len(ids) == len(ward_codes)
        reports = reports.filter(ward_id__in=ids)
    if extra is not None:
        reports = reports.filter(extra)
    low, high = _bounds(start, end)
    received = reports.filter(created_at__gte=low, created_at__lt=high)
    responded = reports.filter(first_response_at__gte=low, first_response_at__lt=high)
    resolved = reports.filter(resolved_at__gte=low, resolved_at__lt=high)
    rated = reports.filter(rating__isnull=False, rated_at__gte=low, rated_at__lt=high)
    ratings = list(rated.values_list("rating", flat=True))
    return {
        "received": received.count(),
        "resolved": resolved.count(),
        "on_time": resolved.filter(resolved_at__lte=F("due_at")).count(),
        "overdue_now": reports.filter(status__in=OPEN_STATES, due_at__lt=timezone.now()).count(),
        "median_response_s": _median([
            int((r - c).total_seconds())
            for c, r in responded.values_list("created_at", "first_response_at")]),
        "median_resolution_s": _median([
            int((r - c).total_seconds())
            for c, r in resolved.values_list("created_at", "resolved_at")]),
        "ratings": len(ratings),
        "mean_rating": sum(ratings) / len(ratings) if ratings else None,
        "good": sum(1 for r in ratings if r >= 4),
        "channels": Counter(received.values_list("channel", flat=True)),
    }


def overdue_by_key(moment: dt.datetime) -> dict[tuple, int]:
    """Open reports past due at ``moment`` per (ward, department, category), from the
    reports."""
    counted = Counter(Report.objects.filter(status__in=OPEN_STATES, due_at__lt=moment)
                      .values_list("ward_id", "department_id", "category_id"))
    return dict(counted)
