"""Pure geometry helpers on Shapely 2 (no GDAL): validity, repair, area, approximate wards."""

from __future__ import annotations

import math
from collections.abc import Mapping

import shapely
from shapely.geometry import MultiPolygon, Point, Polygon
from shapely.geometry.base import BaseGeometry

from smartdistrict.core.errors import InvalidInput

KM_PER_DEGREE = 111.32


class GeometryRefused(InvalidInput):
    code = "invalid_geometry"


def as_multipolygon(geometry: BaseGeometry) -> MultiPolygon:
    """Keep only the polygonal parts of ``geometry`` as one MultiPolygon."""
    if isinstance(geometry, MultiPolygon):
        return geometry
    if isinstance(geometry, Polygon):
        return MultiPolygon([geometry])
    parts = [g for g in getattr(geometry, "geoms", []) if isinstance(g, Polygon | MultiPolygon)]
    polygons: list[Polygon] = []
    for part in parts:
        polygons.extend(part.geoms if isinstance(part, MultiPolygon) else [part])
    return MultiPolygon(polygons)


def repair(geometry: BaseGeometry) -> tuple[MultiPolygon, str | None]:
    """Return a valid polygonal geometry and a note on what was repaired (None if nothing).

    Self-intersections are repaired with ``make_valid``; a geometry that is empty, not
    polygonal, outside lon/lat range or whose area changes by more than 1 % in repair
    (a ring that winds twice, say) is refused: a silent large change would move people
    into the wrong ward.
    """
    if geometry is None or geometry.is_empty:
        raise GeometryRefused("empty geometry")
    if geometry.geom_type not in ("Polygon", "MultiPolygon", "GeometryCollection"):
        raise GeometryRefused(f"not a polygon: {geometry.geom_type}")
    min_x, min_y, max_x, max_y = geometry.bounds
    if min_x < -180 or max_x > 180 or min_y < -90 or max_y > 90:
        raise GeometryRefused("coordinates are not WGS84 longitude/latitude")
    if geometry.is_valid:
        return as_multipolygon(geometry), None
    reason = shapely.is_valid_reason(geometry)
    fixed = as_multipolygon(shapely.make_valid(geometry))
    if fixed.is_empty:
        raise GeometryRefused(f"invalid geometry that cannot be repaired ({reason})")
    # The ring's own (shoelace) area: zero for a bow-tie, whose lobes cancel, so only
    # judged when there is one to judge against.
    before = abs(shapely.area(geometry))
    if before and abs(fixed.area - before) / before > 0.01:
        raise GeometryRefused(f"repair would change the area by more than 1% ({reason})")
    return fixed, f"repaired: {reason}"


def area_km2(geometry: BaseGeometry) -> float:
    """Area in km², from lon/lat degrees scaled at the geometry's mean latitude.

    Accurate to well under 1 % at a ward's size near the equator; enough for display.
    """
    if geometry.is_empty:
        return 0.0
    latitude = geometry.centroid.y
    scale = KM_PER_DEGREE * KM_PER_DEGREE * math.cos(math.radians(latitude))
    return geometry.area * scale


def voronoi_cells(outline: BaseGeometry, sites: Mapping[str, tuple[float, float]]) -> dict:
    """Approximate territories: the Voronoi cell of each (lon, lat) site, clipped to ``outline``.

    Each site lies in its own cell by construction, so a ward's centre always falls in
    its own approximate ward.
    """
    keys = list(sites)
    points = shapely.points([sites[k] for k in keys])
    diagram = shapely.voronoi_polygons(
        shapely.multipoints(points), extend_to=shapely.envelope(outline).buffer(0.05)
    )
    cells = list(diagram.geoms)
    tree = shapely.STRtree(cells)
    result: dict[str, MultiPolygon] = {}
    for key, point in zip(keys, points, strict=True):
        hits = tree.query(point, predicate="intersects")
        cell = min((cells[i] for i in hits), key=lambda c: c.distance(Point(point.x, point.y)))
        result[key] = as_multipolygon(shapely.intersection(cell, outline))
    return result
