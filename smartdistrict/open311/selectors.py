"""Reads of the Open311 adapter, over feedback's models and configuration snapshot.

The request list is one query (notes, when asked for, one more): the latest public note
and the first photo come as correlated subqueries, the Open311 submission by a join.
"""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass, field

from django.db import connection
from django.db.models import F, OuterRef, Q, QuerySet, Subquery
from django.utils.translation import gettext as _

from smartdistrict.core.errors import NotFound
from smartdistrict.feedback.config_cache import config
from smartdistrict.feedback.models import CLOSED_STATES, OPEN_STATES, Category, Event, Photo, Report
from smartdistrict.geography.selectors import lookup_point
from smartdistrict.open311 import params as p
from smartdistrict.open311.models import Open311Submission

M_PER_DEGREE = 111_320.0


def active_categories() -> list[Category]:
    """Active categories with their questions, from feedback's configuration snapshot."""
    categories = [c for c in config().categories.values() if c.active]
    return sorted(categories, key=lambda c: (c.order, c.code))


def categories_routable_at(lat: float, lon: float) -> list[Category]:
    """Active categories that a report at the point could be routed for today: its ward has
    a rule for the category or a People's Committee. Outside the area: none."""
    try:
        found = lookup_point(lat, lon)
    except NotFound:
        return []
    if found.ward is None:
        return []
    snapshot = config()
    ward_id = found.ward.id
    return [
        c for c in active_categories()
        if (c.id, ward_id) in snapshot.rules or ward_id in snapshot.committees
    ]


def category_for_definition(code: str) -> Category:
    category = config().categories.get(code)
    if category is None or not category.active:
        raise NotFound(_("No service has this service_code."), field="service_code",
                       code="service_not_found")
    return category


_LIST_FIELDS = (
    "id", "code", "description", "lat", "lon", "address", "status", "channel", "supporters",
    "due_at", "created_at", "updated_at", "duplicate_of_id",
    "category__code", "category__name", "category__name_en",
    "department__name", "department__name_en",
    "ward__code", "ward__name", "ward__name_en",
    "duplicate_of__code",
    "open311_submission__media_url", "open311_submission__address_id",
)


def base_queryset() -> QuerySet[Report]:
    """Reports with the two per-row facts Open311 shows: the latest public note and the
    first photo (correlated subqueries on indexed foreign keys)."""
    latest_note = (
        Event.objects.filter(report=OuterRef("pk"), public=True)
        .exclude(note="")
        .order_by("-created_at", "-id")
        .values("note")[:1]
    )
    first_photo = Photo.objects.filter(report=OuterRef("pk")).order_by("id").values("image")[:1]
    return Report.objects.annotate(
        status_note=Subquery(latest_note), first_photo=Subquery(first_photo)
    )


_DATETIMES = ("due_at", "created_at", "updated_at")
_UTC = dt.UTC


def _aware(value: dt.datetime | str | None) -> dt.datetime | None:
    """A raw datetime column as an aware UTC datetime: SQLite gives a naive UTC datetime
    (or text), PostgreSQL an aware one already."""
    if value is None:
        return None
    if isinstance(value, str):
        value = dt.datetime.fromisoformat(value)
    return value if value.tzinfo is not None else value.replace(tzinfo=_UTC)


def request_rows(reports: QuerySet[Report], *, with_notes: bool) -> list[dict]:
    """Plain rows for the presenters, read straight from the cursor.

    The list is one query (compiled by the ORM, so filters stay in one place); the rows
    skip the ORM's per-value converters, which cost more than the query itself on a
    thousand rows (see docs/BENCHMARKS.md).
    """
    names = (*_LIST_FIELDS, "status_note", "first_photo")
    sql, params = reports.values_list(*names).query.sql_with_params()
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        rows = [dict(zip(names, row)) for row in cursor.fetchall()]  # noqa: B905
    if connection.vendor != "postgresql":  # SQLite gives naive UTC datetimes (or text)
        for row in rows:
            for name in _DATETIMES:
                row[name] = _aware(row[name])
    if with_notes and rows:
        notes: dict[int, list[Event]] = {}
        for event in (
            Event.objects.filter(report_id__in=[r["id"] for r in rows], public=True)
            .only("id", "report_id", "kind", "from_status", "to_status", "note", "created_at")
            .order_by("created_at", "id")
        ):
            notes.setdefault(event.report_id, []).append(event)
        for row in rows:
            row["public_events"] = notes.get(row["id"], [])
    return rows


@dataclass
class RequestQuery:
    """What GET requests.{fmt} asked for, parsed and checked."""

    ids: list[str] = field(default_factory=list)
    service_codes: list[str] = field(default_factory=list)
    start: dt.datetime | None = None
    end: dt.datetime | None = None
    statuses: set[str] = field(default_factory=set)
    bbox: p.BBox | None = None
    point: p.Point | None = None
    updated_after: dt.datetime | None = None
    updated_before: dt.datetime | None = None
    extensions: bool = False
    page: int | None = None
    page_size: int | None = None

    @classmethod
    def parse(cls, params, now: dt.datetime) -> RequestQuery:
        query = cls(extensions=p.flag(params, "extensions"))
        if p.get(params, "page") or p.get(params, "page_size"):
            query.page = p.int_param(params, "page", 1, 1, 1_000_000)
            query.page_size = p.int_param(
                params, "page_size", p.PAGE_SIZE_DEFAULT, 1, p.PAGE_SIZE_MAX
            )
        ids = p.csv(params, "service_request_id")
        if ids:  # overrides every other filter
            if len(ids) > p.MAX_IDS:
                from smartdistrict.core.errors import InvalidInput

                raise InvalidInput(
                    _("Ask for at most %(n)d requests at once.") % {"n": p.MAX_IDS},
                    field="service_request_id",
                )
            query.ids = [i.upper() for i in ids]
            return query
        query.service_codes = p.csv(params, "service_code")
        query.start, query.end = p.date_window(params, now)
        query.statuses = p.statuses(params)
        query.bbox = p.bbox(params)
        query.point = p.point(params, with_radius=True)
        query.updated_after = p.datetime_param(params, "updated_after")
        query.updated_before = p.datetime_param(params, "updated_before", end_of_day=True)
        return query


def filter_requests(reports: QuerySet[Report], query: RequestQuery) -> QuerySet[Report]:
    if query.ids:
        return reports.filter(code__in=query.ids).order_by("-created_at", "-id")
    reports = reports.filter(created_at__gte=query.start, created_at__lte=query.end)
    if query.service_codes:
        reports = reports.filter(category__code__in=query.service_codes)
    if query.statuses == {"open"}:
        reports = reports.filter(status__in=OPEN_STATES)
    elif query.statuses == {"closed"}:
        reports = reports.filter(status__in=CLOSED_STATES)
    if query.bbox:
        b = query.bbox
        reports = reports.filter(
            lat__gte=b.min_lat, lat__lte=b.max_lat, lon__gte=b.min_lon, lon__lte=b.max_lon
        )
    if query.point:
        reports = _within_radius(reports, query.point)
    if query.updated_after:
        reports = reports.filter(updated_at__gte=query.updated_after)
    if query.updated_before:
        reports = reports.filter(updated_at__lte=query.updated_before)
    return reports.order_by("-created_at", "-id")


def _within_radius(reports: QuerySet[Report], point: p.Point) -> QuerySet[Report]:
    """Within ``radius_m`` of the point: a bounding box (indexable), then the local
    equirectangular distance, exact to well under a metre at district scale."""
    radius = point.radius_m or p.RADIUS_DEFAULT_M
    dlat = radius / M_PER_DEGREE
    kx = M_PER_DEGREE * max(math.cos(math.radians(point.lat)), 0.01)
    dlon = radius / kx
    dy = (F("lat") - point.lat) * M_PER_DEGREE
    dx = (F("lon") - point.lon) * kx
    return reports.filter(
        lat__range=(point.lat - dlat, point.lat + dlat),
        lon__range=(point.lon - dlon, point.lon + dlon),
    ).alias(distance2=dx * dx + dy * dy).filter(Q(distance2__lte=radius * radius))


def request_by_id(code: str, *, with_notes: bool) -> dict:
    rows = request_rows(base_queryset().filter(code=code.strip().upper()), with_notes=with_notes)
    if not rows:
        raise NotFound(_("No request has this service_request_id."),
                       field="service_request_id", code="request_not_found")
    return rows[0]


def submission_by_token(token: str) -> Open311Submission:
    submission = (
        Open311Submission.objects.select_related("report").only("token", "report__code")
        .filter(token=token).first()
    )
    if submission is None:
        raise NotFound(_("No request has this token."), field="token", code="token_not_found")
    return submission
