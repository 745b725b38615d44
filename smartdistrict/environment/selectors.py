"""Reads of the environment app: stations, latest values, time series.

Each list is answered in a fixed number of queries, pinned by tests (tests/test_selectors.py).
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass

from django.db.models import Count, Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from smartdistrict.core.errors import InvalidInput, NotFound
from smartdistrict.environment.models import (
    DeadLetter,
    LatestReading,
    Parameter,
    Reading,
    Station,
)

# The most readings one time-series request returns (a year of hourly values and more).
MAX_SERIES = 20_000


def stations(*, active: bool | None = True) -> QuerySet[Station]:
    """Stations with their ward and provider (one query)."""
    queryset = Station.objects.select_related("ward", "provider").order_by("code")
    return queryset if active is None else queryset.filter(active=active)


def station_by_code(code: str) -> Station:
    station = stations(active=None).filter(code=code).first()
    if station is None:
        raise NotFound(_("No station has this code."), code="station_not_found")
    return station


def parameter_by_code(code: str) -> Parameter:
    parameter = Parameter.objects.filter(code=code).first()
    if parameter is None:
        raise NotFound(_("No parameter has this code."), code="parameter_not_found")
    return parameter


@dataclass(frozen=True, slots=True)
class LatestValue:
    station_id: int
    station_code: str
    parameter_id: int
    parameter_code: str
    value: float
    unit: str
    observed_at: dt.datetime
    quality: str


def latest_values(*, station_ids: list[int] | None = None) -> list[LatestValue]:
    """The latest reading of every (station, parameter): one query over a table of
    (stations × parameters) rows, whatever the number of readings; plain values, no models."""
    queryset = LatestReading.objects.order_by()  # sorted here: cheaper than in SQL via Django
    if station_ids is not None:
        queryset = queryset.filter(station_id__in=station_ids)
    rows = [LatestValue(*row) for row in queryset.values_list(
        "station_id", "station__code", "parameter_id", "parameter__code", "value", "unit",
        "observed_at", "quality",
    )]
    rows.sort(key=lambda r: (r.station_code, r.parameter_code))
    return rows


def latest_by_station(*, station_ids: list[int] | None = None) -> dict[int, list[LatestValue]]:
    """latest_values grouped by station id (still one query)."""
    grouped: dict[int, list[LatestValue]] = defaultdict(list)
    for row in latest_values(station_ids=station_ids):
        grouped[row.station_id].append(row)
    return grouped


def readings_for(
    station: Station,
    parameter: Parameter,
    start: dt.datetime,
    end: dt.datetime,
    *,
    limit: int = MAX_SERIES,
) -> QuerySet[Reading]:
    """Readings of one station and parameter with start ≤ observed_at < end, oldest first,
    at most ``limit`` (served by the unique index on station, parameter, time)."""
    if start.tzinfo is None or end.tzinfo is None:
        raise InvalidInput(_("Give times with a time zone."), field="start")
    if end <= start:
        raise InvalidInput(_("The end must come after the start."), field="end")
    return Reading.objects.filter(
        station=station, parameter=parameter, observed_at__gte=start, observed_at__lt=end
    ).order_by("observed_at")[:limit]


def dead_letter_counts(now: dt.datetime | None = None) -> dict[str, int]:
    """Dead letters received in the last day, the last 7 days, and kept in all (one query)."""
    now = now or timezone.now()
    return DeadLetter.objects.aggregate(
        day=Count("id", filter=Q(received_at__gte=now - dt.timedelta(days=1))),
        week=Count("id", filter=Q(received_at__gte=now - dt.timedelta(days=7))),
        total=Count("id"),
    )
