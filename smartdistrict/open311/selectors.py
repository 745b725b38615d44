"""Reads of the Open311 adapter, over feedback's models and configuration snapshot.

The request list is one query (notes, when asked for, one more): the latest public note
and the first photo come as correlated subqueries, the Open311 submission by a join.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field, replace
from functools import cache

from django.db import connection
from django.db.models import OuterRef, QuerySet, Subquery
from django.utils.translation import gettext as _

from smartdistrict.core.db_functions import LocalIsoText
from smartdistrict.core.db_settings import serial_reads
from smartdistrict.core.errors import NotFound
from smartdistrict.feedback.config_cache import config
from smartdistrict.feedback.models import CLOSED_STATES, OPEN_STATES, Category, Event, Photo, Report
from smartdistrict.feedback.search import reports_matching
from smartdistrict.feedback.selectors import active_categories, category_usable, within_radius
from smartdistrict.geography.selectors import lookup_point
from smartdistrict.open311 import params as p
from smartdistrict.open311.models import Open311Submission


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
    category = category_usable(code)
    if category is None:
        raise NotFound(_("No service has this service_code."), field="service_code",
                       code="service_not_found")
    return category


_LIST_FIELDS = (
    "id", "code", "description", "lat", "lon", "address", "status", "channel", "supporters",
    "duplicate_of_id",
    "category__code", "category__name", "category__name_en",
    "department__name", "department__name_en",
    "ward__code", "ward__name", "ward__name_en",
    "duplicate_of__code",
    "open311_submission__media_url", "open311_submission__address_id",
)


# The row's instants as Open311 shows them: local W3C text, written by the database.
_DATETIMES = {
    "requested_datetime": "created_at",
    "updated_datetime": "updated_at",
    "expected_datetime": "due_at",
}


def base_queryset() -> QuerySet[Report]:
    """Reports with the two per-row facts Open311 shows: the latest public note and the
    first photo (correlated subqueries on indexed foreign keys); and its three instants as
    the local text the answer shows."""
    latest_note = (
        Event.objects.filter(report=OuterRef("pk"), public=True)
        .exclude(note="")
        .order_by("-created_at", "-id")
        .values("note")[:1]
    )
    first_photo = Photo.objects.filter(report=OuterRef("pk")).order_by("id").values("image")[:1]
    return Report.objects.annotate(
        status_note=Subquery(latest_note), first_photo=Subquery(first_photo),
        **{name: LocalIsoText(column) for name, column in _DATETIMES.items()},
    )


ROW_FIELDS = (*_LIST_FIELDS, *_DATETIMES, "status_note", "first_photo")


@cache
def request_queryset() -> QuerySet[Report]:
    """The reports with the columns of request_rows, to filter (filtering clones it).

    Built once per process: resolving the two subqueries and the joined columns again on
    every request cost about as much as the presenters of a thousand rows."""
    return base_queryset().values_list(*ROW_FIELDS)


def last_updated(rows: list[dict]) -> dt.datetime | None:
    """The latest change among the rows, for Last-Modified (their texts share one offset,
    so the greatest text is the latest instant)."""
    latest = max((r["updated_datetime"] for r in rows), default=None)
    return dt.datetime.fromisoformat(latest) if latest else None


def request_rows(reports: QuerySet[Report], *, with_notes: bool) -> list[dict]:
    """Plain rows for the presenters, of a filtered request_queryset()."""
    sql, params = reports.query.sql_with_params()
    return _rows(sql, params, with_notes=with_notes)


def _rows(sql: str, params: list, *, with_notes: bool) -> list[dict]:
    """Rows read straight from the cursor: they skip the ORM's per-value converters, which
    cost more than the query itself on a thousand rows, and carry no datetime objects at
    all (see docs/BENCHMARKS.md). Public notes, when asked for, in one more query. The
    rows are read serially (core.db_settings: a Gather Merge for a thousand rows cost more
    than it saved)."""
    with serial_reads(), connection.cursor() as cursor:
        cursor.execute(sql, params)
        rows = [dict(zip(ROW_FIELDS, row)) for row in cursor.fetchall()]  # noqa: B905
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


# Clients poll the default list (a date window, perhaps a state, no other filter). Its SQL
# is compiled once per process and shape with stand-ins for the window's ends, which are
# then the only parameters that change: compiling it anew took as long as presenting it.
_WINDOW_STAND_INS = (dt.datetime(1001, 1, 1, tzinfo=dt.UTC), dt.datetime(1001, 1, 2, tzinfo=dt.UTC))
_window_sql: dict[tuple, tuple[str, list, int, int]] = {}


def newest_rows(query: RequestQuery, *, with_notes: bool) -> list[dict]:
    """The newest MAX_RESULTS requests of the query (GET requests without paging)."""
    if replace(query, start=None, end=None, statuses=set(), extensions=False) != RequestQuery():
        # Any other filter (including one added to RequestQuery later): compiled each time.
        reports = filter_requests(request_queryset(), query)[: p.MAX_RESULTS]
        return request_rows(reports, with_notes=with_notes)
    adapt = connection.ops.adapt_datetimefield_value
    key = (connection.vendor, tuple(sorted(query.statuses)))
    if key not in _window_sql:
        stand_in = replace(query, start=_WINDOW_STAND_INS[0], end=_WINDOW_STAND_INS[1])
        sql, params = (filter_requests(request_queryset(), stand_in)[: p.MAX_RESULTS]
                       .query.sql_with_params())
        params = list(params)
        start, end = (params.index(adapt(value)) for value in _WINDOW_STAND_INS)
        _window_sql[key] = (sql, params, start, end)
    sql, template, start, end = _window_sql[key]
    params = list(template)
    params[start], params[end] = adapt(query.start), adapt(query.end)
    return _rows(sql, params, with_notes=with_notes)


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
    q: str = ""
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
        query.q = p.search_text(params, "q")
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
        point = query.point
        reports = within_radius(reports, point.lat, point.lon,
                                point.radius_m or p.RADIUS_DEFAULT_M)
    if query.updated_after:
        reports = reports.filter(updated_at__gte=query.updated_after)
    if query.updated_before:
        reports = reports.filter(updated_at__lte=query.updated_before)
    if query.q:
        reports = reports_matching(reports, query.q)
    return reports.order_by("-created_at", "-id")


def request_by_id(code: str, *, with_notes: bool) -> dict:
    rows = request_rows(request_queryset().filter(code=code.strip().upper()),
                        with_notes=with_notes)
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
