"""Reads behind the environment pages, each in a fixed number of queries.

A period of a station is read with ``parameter IN (…)`` and a time range, which the
unique index on (station, parameter, observed_at) answers by seeking once per parameter,
whatever the number of readings outside the period.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass

import numpy as np
from django.db import connection
from django.db.models import Avg, Count, Max, Min

from smartdistrict.environment.indices import vn_wqi_columns
from smartdistrict.environment.indices.params import (
    DO,
    GROUP_IV,
    GROUPS,
    MIN_GROUP_IV,
    MIN_GROUPS,
    TEMPERATURE,
    WQI_KEYS,
)
from smartdistrict.environment.models import Parameter, Reading, Station

OK = "ok"


@dataclass(frozen=True)
class ParameterSummary:
    parameter: Parameter
    count: int
    minimum: float | None
    mean: float | None
    maximum: float | None
    first: dt.datetime | None
    last: dt.datetime | None


def period_summaries(station: Station, parameters: list[Parameter], start: dt.datetime,
                     end: dt.datetime) -> list[ParameterSummary]:
    """Count, min, mean, max and first/last time of each parameter in [start, end) (one
    query); parameters without readings in the period are left out."""
    by_id = {p.id: p for p in parameters}
    rows = (
        Reading.objects.filter(station=station, parameter_id__in=list(by_id),
                               observed_at__gte=start, observed_at__lt=end)
        .values("parameter_id")
        .annotate(n=Count("id"), lo=Min("value"), mean=Avg("value"), hi=Max("value"),
                  first=Min("observed_at"), last=Max("observed_at"))
        .order_by()
    )
    found = {row["parameter_id"]: row for row in rows}
    return [
        ParameterSummary(p, found[p.id]["n"], found[p.id]["lo"], found[p.id]["mean"],
                         found[p.id]["hi"], found[p.id]["first"], found[p.id]["last"])
        for p in parameters if p.id in found
    ]


def _raw(queryset, chunk: int = 5000) -> Iterator[tuple]:
    """The rows of a values_list queryset straight from the database cursor: times stay
    as the driver gives them (text on SQLite), converted only where needed — Django's
    per-value converters cost more than the query on long series."""
    sql, params = queryset.query.sql_with_params()
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        while rows := cursor.fetchmany(chunk):
            yield from rows


def utc(value) -> dt.datetime:
    """A raw datetime value (SQLite text in UTC, or a PostgreSQL datetime) as aware UTC."""
    if isinstance(value, str):
        return dt.datetime.fromisoformat(value).replace(tzinfo=dt.UTC)
    if value.tzinfo is None:
        return value.replace(tzinfo=dt.UTC)
    return value.astimezone(dt.UTC)


def series(station: Station, parameter: Parameter, start: dt.datetime, end: dt.datetime
           ) -> tuple[np.ndarray, np.ndarray]:
    """(times as datetime64[s] UTC, values) of one parameter, oldest first (one query)."""
    queryset = (
        Reading.objects.filter(station=station, parameter=parameter, observed_at__gte=start,
                               observed_at__lt=end)
        .order_by("observed_at").values_list("observed_at", "value")
    )
    rows = list(_raw(queryset))
    if not rows:
        return np.array([], dtype="datetime64[s]"), np.array([], dtype=float)
    moments = [t for t, _ in rows]
    if isinstance(moments[0], str):  # UTC text: NumPy parses it directly
        times = np.array(moments, dtype="datetime64[us]").astype("datetime64[s]")
    else:
        times = np.array([utc(t).replace(tzinfo=None) for t in moments],
                         dtype="datetime64[s]")
    return times, np.array([v for _, v in rows], dtype=float)


def table_rows(station: Station, parameters: list[Parameter], start: dt.datetime,
               end: dt.datetime, *, newest_first: bool = False, limit: int | None = None,
               chunk: int = 2000) -> Iterator[tuple[dt.datetime, dict[int, tuple[float, str]]]]:
    """The readings of the period as rows: (time, {parameter id: (value, quality)}), one
    row per instant, oldest first (or newest first), streamed from one query."""
    ordering = ("-observed_at", "parameter_id") if newest_first else ("observed_at",
                                                                       "parameter_id")
    queryset = (
        Reading.objects.filter(station=station, parameter_id__in=[p.id for p in parameters],
                               observed_at__gte=start, observed_at__lt=end)
        .order_by(*ordering).values_list("observed_at", "parameter_id", "value", "quality")
    )
    if limit is not None:
        queryset = queryset[: limit * max(len(parameters), 1)]
    raw_current = current = None
    cells: dict[int, tuple[float, str]] = {}
    emitted = 0
    for observed_at, parameter_id, value, quality in _raw(queryset, chunk):
        if observed_at != raw_current:
            if current is not None:
                yield current, cells
                emitted += 1
                if limit is not None and emitted >= limit:
                    return
            raw_current, current, cells = observed_at, utc(observed_at), {}
        cells[parameter_id] = (value, quality)
    if current is not None and (limit is None or emitted < limit):
        yield current, cells


def wqi_of_rows(rows: list[tuple[dt.datetime, dict[int, tuple[float, str]]]],
                codes: dict[int, str]) -> np.ndarray:
    """VN_WQI of each row (−1 where the minimum-data rule fails), vectorised; readings
    flagged out of range are left out as not measured."""
    keys = [key for key in WQI_KEYS if key in codes.values()]
    if not rows or not keys:
        return np.full(len(rows), -1, dtype=np.int64)
    ids = {code: pid for pid, code in codes.items()}
    columns = {}
    for key in keys:
        pid = ids[key]
        column = np.full(len(rows), np.nan)
        for index, (_, cells) in enumerate(rows):
            cell = cells.get(pid)
            if cell is not None and cell[1] == OK:
                column[index] = cell[0]
        columns[key] = column
    return vn_wqi_columns(columns, ignore_unknown=True).vn_wqi


def could_have_wqi(codes: set[str]) -> bool:
    """Whether these parameters can ever meet the minimum-data rule (a sensor station with
    DO, pH, temperature and turbidity cannot: group IV needs three parameters)."""
    group_iv = set(GROUP_IV) & codes
    if DO in group_iv and TEMPERATURE not in codes:
        group_iv.discard(DO)
    groups = sum(1 for keys in GROUPS.values() if codes & set(keys))
    return len(group_iv) >= MIN_GROUP_IV and groups >= MIN_GROUPS


def wqi_series(station: Station, parameters: list[Parameter], start: dt.datetime,
               end: dt.datetime) -> tuple[list[dt.datetime], np.ndarray]:
    """(times, VN_WQI) of every instant of the period with enough data for the index."""
    wqi_parameters = [p for p in parameters if p.code in WQI_KEYS]
    if not could_have_wqi({p.code for p in wqi_parameters}):
        return [], np.array([], dtype=np.int64)
    rows = list(table_rows(station, wqi_parameters, start, end))
    index = wqi_of_rows(rows, {p.id: p.code for p in wqi_parameters})
    keep = index >= 0
    return [row[0] for row, ok in zip(rows, keep, strict=True) if ok], index[keep]
