"""Reads of feedback: nearby reports, public views, staff lists within scope."""

from __future__ import annotations

import datetime as dt
import math

import h3
from django.conf import settings
from django.db.models import Q, QuerySet
from django.utils import timezone

from smartdistrict.accounts.models import User
from smartdistrict.accounts.selectors import scope_for
from smartdistrict.core.errors import NotFound
from smartdistrict.feedback.models import OPEN_STATES, Category, Event, Report

H3_RESOLUTION = 9  # cells of ~0.1 km²: a 100 m neighbourhood is a cell and its ring
EARTH_RADIUS_M = 6_371_008.8


def distance_m(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance in metres (haversine)."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * EARTH_RADIUS_M * math.asin(math.sqrt(a))


def _cells_within(lat: float, lon: float, radius_m: float) -> list[str]:
    """H3 cells that together cover a circle of ``radius_m`` around the point."""
    centre = h3.latlng_to_cell(lat, lon, H3_RESOLUTION)
    edge = h3.average_hexagon_edge_length(H3_RESOLUTION, unit="m")
    rings = max(1, math.ceil(radius_m / (edge * math.sqrt(3) / 2)))
    return list(h3.grid_disk(centre, rings))


def _nearby_queryset(
    *, category: Category, lat: float, lon: float, radius_m: float, days: int,
    now: dt.datetime, exclude_id: int | None,
) -> QuerySet[Report]:
    """Open reports of ``category`` in the H3 cells and bounding box around the point.

    The (category, h3_cell, created_at) index answers it, so its cost depends on the
    neighbourhood, not on the size of the table."""
    dlat = radius_m / 111_320
    dlon = radius_m / (111_320 * max(math.cos(math.radians(lat)), 0.01))
    candidates = Report.objects.filter(
        category=category,
        h3_cell__in=_cells_within(lat, lon, radius_m),
        lat__range=(lat - dlat, lat + dlat),
        lon__range=(lon - dlon, lon + dlon),
        created_at__gte=now - dt.timedelta(days=days),
        created_at__lte=now,
        status__in=OPEN_STATES,
    ).order_by()
    return candidates.exclude(id=exclude_id) if exclude_id is not None else candidates


def nearby_open_reports(
    *,
    category: Category,
    lat: float,
    lon: float,
    radius_m: float | None = None,
    days: int | None = None,
    now: dt.datetime | None = None,
    exclude_id: int | None = None,
) -> list[Report]:
    """Open reports of ``category`` within ``radius_m`` created in the last ``days``,
    nearest first (defaults DUPLICATE_RADIUS_M and DUPLICATE_DAYS)."""
    radius_m = radius_m or settings.DUPLICATE_RADIUS_M
    candidates = _nearby_queryset(
        category=category, lat=lat, lon=lon, radius_m=radius_m,
        days=days or settings.DUPLICATE_DAYS, now=now or timezone.now(), exclude_id=exclude_id,
    ).only("id", "code", "lat", "lon", "status", "created_at", "supporters", "description",
           "category_id")
    found = [(distance_m(lat, lon, r.lat, r.lon), r) for r in candidates]
    return [r for d, r in sorted(found, key=lambda pair: pair[0]) if d <= radius_m]


def nearby_open_codes(
    *, category: Category, lat: float, lon: float, now: dt.datetime,
    exclude_id: int | None = None,
) -> list[str]:
    """The codes of nearby open reports, nearest first (a light form for intake's note)."""
    radius_m = settings.DUPLICATE_RADIUS_M
    rows = _nearby_queryset(
        category=category, lat=lat, lon=lon, radius_m=radius_m, days=settings.DUPLICATE_DAYS,
        now=now, exclude_id=exclude_id,
    ).values_list("code", "lat", "lon")
    found = sorted((distance_m(lat, lon, rlat, rlon), code) for code, rlat, rlon in rows)
    return [code for d, code in found if d <= radius_m]


def overdue_now() -> Q:
    """Overdue means open and past its due time, now (a late but resolved report is not)."""
    return Q(status__in=OPEN_STATES, due_at__lt=timezone.now())


def is_overdue(report: Report) -> bool:
    return report.status in OPEN_STATES and report.due_at < timezone.now()


def report_by_code(code: str) -> Report:
    report = (
        Report.objects.select_related("category", "ward", "department", "duplicate_of")
        .filter(code=code.strip().upper())
        .first()
    )
    if report is None:
        from django.utils.translation import gettext as _

        raise NotFound(_("No report has this code."), code="report_not_found")
    return report


def public_timeline(report: Report) -> QuerySet[Event]:
    return report.events.filter(public=True).order_by("created_at", "id")


def reports_visible_to(user: User) -> QuerySet[Report]:
    """The staff list: only reports of the user's scope."""
    return scope_for(user).filter(
        Report.objects.select_related("category", "ward", "department", "assignee"),
        unit_field="ward",
        department_field="department",
    )


def user_can_see(user: User, report: Report) -> bool:
    return scope_for(user).covers(unit_id=report.ward_id, department_id=report.department_id)


def satisfaction(
    reports: QuerySet[Report], *, by: str
) -> list[dict]:
    """Residents' ratings grouped by ``ward`` or ``department``: count, mean, share ≥ 4.

    Wards are the units the reports were filed under (a former ward stays itself;
    the dashboard maps former wards to their successors)."""
    from django.db.models import Avg, Count

    field = {"ward": "ward", "department": "department"}[by]
    rows = (
        reports.filter(rating__isnull=False)
        .order_by()
        .values(f"{field}__code", f"{field}__name")
        .annotate(ratings=Count("id"), mean=Avg("rating"),
                  good=Count("id", filter=Q(rating__gte=4)))
        .order_by("mean")
    )
    return [
        {
            "code": row[f"{field}__code"],
            "name": row[f"{field}__name"],
            "ratings": row["ratings"],
            "mean": round(row["mean"], 2),
            "share_good": round(row["good"] / row["ratings"], 3),
        }
        for row in rows
    ]
