"""Reads of feedback: nearby reports, public views, staff lists within scope."""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass

import h3
from django.conf import settings
from django.db import connection
from django.db.models import FloatField, Q, QuerySet
from django.db.models.expressions import RawSQL
from django.utils import timezone

from smartdistrict.accounts.models import User
from smartdistrict.accounts.selectors import scope_for
from smartdistrict.core.errors import NotFound
from smartdistrict.feedback.config_cache import config
from smartdistrict.feedback.models import OPEN_STATES, Category, Event, RefusalReason, Report

H3_RESOLUTION = 9  # cells of ~0.1 km²: a 100 m neighbourhood is a cell and its ring
EARTH_RADIUS_M = 6_371_008.8


# --- categories: the one read API (exists and usable; the active ones in order) ---------


def all_categories() -> list[Category]:
    """Every category, in use or not (old reports still carry retired ones), in the
    configured order, with their questions, from the per-process configuration snapshot
    (no query when unchanged)."""
    return sorted(config().categories.values(), key=lambda c: (c.order, c.code))


def active_categories() -> list[Category]:
    """The categories a report may be filed under, in the configured order."""
    return [c for c in all_categories() if c.active]


def category_usable(code_or_category: str | Category) -> Category | None:
    """The category (as in the configuration snapshot) if it exists and is in use, else
    None. Every door, the workflow and the API ask this, so "usable" means one thing."""
    code = code_or_category.code if isinstance(code_or_category, Category) else code_or_category
    category = config().categories.get(str(code or ""))
    if category is None or not category.active:
        return None
    return category


def categories_by_id() -> dict[int, Category]:
    """Every category (in use or not: old reports still carry them) by id, from the
    configuration snapshot."""
    return {c.id: c for c in config().categories.values()}


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


M_PER_DEGREE = 111_320.0  # metres per degree of latitude
NEARBY_NOTE_LIMIT = 5  # codes named in intake's "possible duplicates" note


@dataclass(frozen=True)
class Circle:
    """A point and a radius on the ground, as the SQL that finds reports inside.

    A bounding box first (indexable), then the local equirectangular distance, computed by
    the database: exact to well under a metre at district scale, and no candidate row has
    to reach Python to be measured (a busy corner has a hundred open reports a month)."""

    lat: float
    lon: float
    radius_m: float

    @property
    def kx(self) -> float:  # metres per degree of longitude here
        return M_PER_DEGREE * max(math.cos(math.radians(self.lat)), 0.01)

    def box(self) -> tuple[float, float, float, float]:
        """(min lat, max lat, min lon, max lon)."""
        dlat, dlon = self.radius_m / M_PER_DEGREE, self.radius_m / self.kx
        return self.lat - dlat, self.lat + dlat, self.lon - dlon, self.lon + dlon

    def distance2_sql(self, table: str) -> tuple[str, tuple[float, ...]]:
        """The squared distance in m² of a row of ``table`` (quoted) to the point."""
        qn = connection.ops.quote_name
        y, x = f"{table}.{qn('lat')}", f"{table}.{qn('lon')}"
        return (
            f"(({y} - %s) * %s) * (({y} - %s) * %s) + (({x} - %s) * %s) * (({x} - %s) * %s)",
            (self.lat, M_PER_DEGREE, self.lat, M_PER_DEGREE,
             self.lon, self.kx, self.lon, self.kx),
        )


def within_radius(
    reports: QuerySet[Report], lat: float, lon: float, radius_m: float
) -> QuerySet[Report]:
    """Reports within ``radius_m`` of the point, with their squared distance as the alias
    ``distance2`` to order by. The distance is one SQL expression rather than ORM
    arithmetic, whose resolution costs more than running the query."""
    circle = Circle(lat, lon, radius_m)
    min_lat, max_lat, min_lon, max_lon = circle.box()
    sql, params = circle.distance2_sql(connection.ops.quote_name(Report._meta.db_table))
    distance2 = RawSQL(sql, params, output_field=FloatField())  # noqa: S611 — numbers only
    return reports.filter(
        lat__range=(min_lat, max_lat), lon__range=(min_lon, max_lon),
    ).alias(distance2=distance2).filter(distance2__lte=radius_m * radius_m)


NEARBY_LIMIT = 10  # open reports offered to a resident, or named in an API answer


def nearby_open_reports(
    *,
    category: Category,
    lat: float,
    lon: float,
    now: dt.datetime | None = None,
    exclude_id: int | None = None,
    limit: int = NEARBY_LIMIT,
) -> list[Report]:
    """The ``limit`` nearest open reports of ``category`` within DUPLICATE_RADIUS_M,
    created in the last DUPLICATE_DAYS: the one duplicate question, asked by intake for
    every report received (its note names the first NEARBY_NOTE_LIMIT), by the portal
    and by the API.

    One SQL statement run through ``Report.objects.raw``: building the same query with the
    ORM took five times as long as running it. The predicates follow the covering index
    report_nearby_cover (category, h3 cells, date, state, then the box and the exact
    distance), so its cost depends on the neighbourhood, not on the size of the table.
    The reports carry only the fields a list of them shows."""
    sql, params = nearby_open_query(category, lat, lon, now, exclude_id, limit)
    return list(Report.objects.raw(sql, params))


def nearby_open_query(category: Category, lat: float, lon: float, now: dt.datetime | None,
                      exclude_id: int | None, limit: int,
                      fields: tuple[str, ...] = ()) -> tuple[str, list]:
    """The SQL and parameters of ``nearby_open_reports``, selecting ``fields`` (by
    default those a list shows): intake on PostgreSQL runs it inside its write statement
    (services.intake_rows) rather than in a round trip of its own. The creation date is
    bounded below only: intake's statement is prepared, and a generic plan, blind to
    the values, took a range bounded on both sides for 0.5 % of the table and read the
    date index instead of the neighbourhood's below ~200,000 reports (24 ms instead of
    1 ms a report; tests/test_nearby_plans.py)."""
    now = now or timezone.now()
    circle = Circle(lat, lon, settings.DUPLICATE_RADIUS_M)
    cells = _cells_within(lat, lon, circle.radius_m)
    statuses = sorted(OPEN_STATES)
    qn, ops = connection.ops.quote_name, connection.ops
    table = qn(Report._meta.db_table)
    distance2, distance_params = circle.distance2_sql(table)
    column = {name: f"{table}.{qn(Report._meta.get_field(name).column)}"
              for name in (*_NEARBY_FIELDS, "category", "h3_cell")}
    conditions = [
        f"{column['category']} = %s",
        f"{column['h3_cell']} IN ({', '.join(['%s'] * len(cells))})",
        f"{column['created_at']} >= %s",
        f"{column['status']} IN ({', '.join(['%s'] * len(statuses))})",
        f"{column['lat']} BETWEEN %s AND %s AND {column['lon']} BETWEEN %s AND %s",
        f"{distance2} <= %s",
        *([f"{column['id']} <> %s"] if exclude_id is not None else []),
    ]
    selected = ", ".join(column[name] for name in fields or _NEARBY_FIELDS)
    # Names come from the model's metadata; every value is a parameter.
    sql = (f"SELECT {selected} FROM {table} WHERE {' AND '.join(conditions)} "  # noqa: S608
           f"ORDER BY {distance2}, {column['id']} LIMIT %s")
    since = now - dt.timedelta(days=settings.DUPLICATE_DAYS)
    params = [
        category.id, *cells,
        ops.adapt_datetimefield_value(since),
        *statuses, *circle.box(), *distance_params, circle.radius_m ** 2,
        *([exclude_id] if exclude_id is not None else []), *distance_params, limit,
    ]
    return sql, params


_NEARBY_FIELDS = ("id", "code", "status", "description", "supporters", "lat", "lon",
                  "created_at")


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


def refusal_reasons() -> list[RefusalReason]:
    """The reasons staff choose from when they refuse a report, in the admin's order."""
    return list(RefusalReason.objects.filter(active=True))


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
