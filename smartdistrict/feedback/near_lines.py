"""Reads of feedback along lines (an alley, a canal bank): which reports lie near each line.

Other apps ask "what did residents report along this alley?" here, so the question is
answered by feedback's own tables and indexes. The H3 cells around each line are listed
first and the reports are read by (category, cell), the covering index that answers the
duplicate check (``report_nearby_cover``): the cost follows the lines' neighbourhoods, not
the size of the report table. The exact distance to each line is then measured with
Shapely on a local metric plane (the equirectangular projection the point search uses).
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Collection, Sequence
from dataclasses import dataclass

import h3
import numpy as np
import shapely

from smartdistrict.feedback.models import OPEN_STATES, Category, Report
from smartdistrict.feedback.selectors import H3_RESOLUTION, M_PER_DEGREE

Coordinates = Sequence[tuple[float, float]]  # (lon, lat) pairs, as GeoJSON writes them
CELLS_PER_QUERY = 500  # keeps each IN (…) list well under every engine's parameter limit


@dataclass(frozen=True)
class LineReport:
    """A report within the distance of line number ``line`` (its index in the input)."""

    line: int
    id: int
    code: str
    category_code: str
    status: str
    created_at: dt.datetime
    lat: float
    lon: float
    distance_m: float

    @property
    def is_open(self) -> bool:
        return self.status in OPEN_STATES


@dataclass(frozen=True)
class _Plane:
    """Lon/lat degrees to metres around one latitude (exact to centimetres at a city's scale)."""

    kx: float

    @classmethod
    def around(cls, latitude: float) -> _Plane:
        return cls(M_PER_DEGREE * max(math.cos(math.radians(latitude)), 0.01))

    def xy(self, lon: np.ndarray, lat: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        return np.asarray(lon) * self.kx, np.asarray(lat) * M_PER_DEGREE


def _cells_along(parts: list[np.ndarray], plane: _Plane, distance_m: float) -> set[str]:
    """H3 cells covering every point within ``distance_m`` of the lines.

    Points are taken along each line at most one cell edge apart; a disk of cells around
    each covers the circle of (distance + half a step) around it, so together they cover
    the band along the line."""
    edge = h3.average_hexagon_edge_length(H3_RESOLUTION, unit="m")
    rings = max(1, math.ceil((distance_m + edge / 2) / (edge * math.sqrt(3) / 2)))
    cells: set[str] = set()
    for coords in parts:
        x, y = plane.xy(coords[:, 0], coords[:, 1])
        line = shapely.linestrings(np.column_stack([x, y]))
        steps = max(1, math.ceil(shapely.length(line) / edge))
        samples = shapely.line_interpolate_point(line, np.linspace(0, 1, steps + 1),
                                                 normalized=True)
        for px, py in shapely.get_coordinates(samples):
            centre = h3.latlng_to_cell(py / M_PER_DEGREE, px / plane.kx, H3_RESOLUTION)
            cells.update(h3.grid_disk(centre, rings))
    return cells


def _parts(line: Coordinates | Sequence[Coordinates]) -> list[np.ndarray]:
    """The line's parts as arrays of (lon, lat): a LineString's coordinates or a list of them."""
    array = np.asarray(line, dtype=float)
    if array.ndim == 2:
        return [array]
    return [np.asarray(part, dtype=float) for part in line]


def reports_near_lines(
    lines: Sequence[Coordinates | Sequence[Coordinates]],
    *,
    distance_m: float,
    category_codes: Collection[str] | None = None,
    since: dt.datetime | None = None,
    open_only: bool = False,
) -> list[LineReport]:
    """Reports with a point within ``distance_m`` of each line, by line then distance.

    ``lines`` are GeoJSON coordinates in lon/lat order: a LineString's list of positions,
    or a MultiLineString's list of such lists. A report near two lines is returned once
    for each. Optionally only reports of ``category_codes``, created at or after
    ``since``, or still open. One query per 500 cells (one for a ward's alleys), plus one
    for the categories."""
    parts_of = [_parts(line) for line in lines]
    if not any(len(p) for parts in parts_of for p in parts):
        return []
    plane = _Plane.around(
        float(np.mean(np.concatenate([p[:, 1] for parts in parts_of for p in parts])))
    )
    categories = Category.objects.all()
    if category_codes is not None:
        categories = categories.filter(code__in=list(category_codes))
    names = dict(categories.values_list("id", "code"))
    if not names:
        return []
    cells = sorted(set().union(*(_cells_along(parts, plane, distance_m) for parts in parts_of)))
    rows: list[tuple] = []
    for start in range(0, len(cells), CELLS_PER_QUERY):
        found = Report.objects.filter(
            category_id__in=list(names), h3_cell__in=cells[start:start + CELLS_PER_QUERY]
        )
        if since is not None:
            found = found.filter(created_at__gte=since)
        if open_only:
            found = found.filter(status__in=OPEN_STATES)
        rows += found.order_by().values_list(
            "id", "code", "category_id", "status", "created_at", "lat", "lon"
        )
    if not rows:
        return []
    geometries = [
        shapely.multilinestrings(
            [shapely.linestrings(np.column_stack(plane.xy(p[:, 0], p[:, 1]))) for p in parts]
        )
        for parts in parts_of
    ]
    lats = np.array([row[5] for row in rows])
    lons = np.array([row[6] for row in rows])
    points = shapely.points(np.column_stack(plane.xy(lons, lats)))
    tree = shapely.STRtree(geometries)
    point_index, line_index = tree.query(points, predicate="dwithin", distance=distance_m)
    distances = shapely.distance(points[point_index], np.asarray(geometries)[line_index])
    found_reports = [
        LineReport(
            line=int(j), id=rows[i][0], code=rows[i][1], category_code=names[rows[i][2]],
            status=rows[i][3], created_at=rows[i][4], lat=rows[i][5], lon=rows[i][6],
            distance_m=round(float(d), 2),
        )
        for i, j, d in zip(point_index, line_index, distances, strict=True)
    ]
    found_reports.sort(key=lambda r: (r.line, r.distance_m, r.id))
    return found_reports
