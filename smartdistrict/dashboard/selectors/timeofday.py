"""Reports received by hour of the day and day of the week (local time), for a period."""

from __future__ import annotations

from django.db.models import Count

from smartdistrict.dashboard.models import ReportFact
from smartdistrict.dashboard.selectors.scope import Period, Selection


def weekly_hours(selection: Selection, period: Period,
                 category_id: int | None = None) -> list[list[int]]:
    """A 7 × 24 grid (Monday first, hours 0–23) of reports received in the period."""
    reports = ReportFact.objects.filter(created_day__range=(period.start, period.end))
    if category_id is not None:
        reports = reports.filter(category_id=category_id)
    grid = [[0] * 24 for _ in range(7)]
    rows = (selection.apply(reports).values_list("created_slot")
            .annotate(n=Count("*")).order_by())
    for slot, n in rows:
        grid[slot // 24][slot % 24] += n
    return grid
