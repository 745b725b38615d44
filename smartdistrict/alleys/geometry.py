"""An alley's line: read from GeoJSON or WKT, checked, measured. Pure functions on Shapely.

Stored as a GeoJSON geometry (LineString or MultiLineString, WGS84 lon/lat, 7 decimals:
about a centimetre), so no GDAL is needed to read or draw it.
"""

from __future__ import annotations

import itertools
import json
import math
from dataclasses import dataclass

import shapely
from django.utils.translation import gettext as _
from shapely.geometry import LineString, MultiLineString, mapping, shape
from shapely.geometry.base import BaseGeometry

from smartdistrict.core.errors import InvalidInput

EARTH_RADIUS_M = 6_371_008.8
MAX_LENGTH_M = 20_000  # longer than any alley: a line in the wrong place or wrong order


class LineRefused(InvalidInput):
    code = "invalid_line"


@dataclass(frozen=True)
class Line:
    geometry: LineString | MultiLineString
    length_m: float

    @property
    def geojson(self) -> str:
        return json.dumps(mapping(self.geometry), separators=(",", ":"))

    @property
    def bounds(self) -> tuple[float, float, float, float]:
        """(min lon, min lat, max lon, max lat)."""
        return tuple(self.geometry.bounds)  # type: ignore[return-value]

    @property
    def middle(self) -> tuple[float, float]:
        """(lat, lon) of the point halfway along the line: where its ward is looked up."""
        point = self.geometry.interpolate(0.5, normalized=True)
        return point.y, point.x

    def coordinates(self) -> list[list[tuple[float, float]]]:
        """The parts as lists of (lon, lat)."""
        parts = self.geometry.geoms if isinstance(self.geometry, MultiLineString) else [
            self.geometry]
        return [list(part.coords) for part in parts]


def haversine_m(lon1: float, lat1: float, lon2: float, lat2: float) -> float:
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * EARTH_RADIUS_M * math.asin(math.sqrt(a))


def length_m(geometry: LineString | MultiLineString) -> float:
    """Great-circle length of the line in metres."""
    parts = geometry.geoms if isinstance(geometry, MultiLineString) else [geometry]
    total = 0.0
    for part in parts:
        coords = list(part.coords)
        total += sum(haversine_m(*a[:2], *b[:2]) for a, b in itertools.pairwise(coords))
    return total


def _parse(text: str) -> BaseGeometry:
    text = text.strip()
    if not text:
        raise LineRefused(_("Draw or paste the alley's line."), field="geometry")
    if text.startswith("{"):
        try:
            data = json.loads(text)
            if data.get("type") == "Feature":
                data = data.get("geometry") or {}
            return shape(data)
        except (ValueError, TypeError, AttributeError, KeyError, shapely.errors.GEOSException):
            raise LineRefused(_("This is not a GeoJSON line."), field="geometry") from None
    try:
        return shapely.from_wkt(text)
    except shapely.errors.GEOSException:
        raise LineRefused(
            _("Give the line as GeoJSON or WKT (LINESTRING (lon lat, lon lat, …))."),
            field="geometry",
        ) from None


def read_line(text: str) -> Line:
    """The line in ``text`` (GeoJSON geometry or Feature, or WKT), checked: a LineString or
    MultiLineString of at least two distinct points, in lon/lat range, shorter than 20 km."""
    geometry = _parse(text)
    if geometry is None or geometry.is_empty or not isinstance(
        geometry, LineString | MultiLineString
    ):
        raise LineRefused(_("An alley is a line (LineString or MultiLineString)."),
                          field="geometry")
    if geometry.has_z:
        geometry = shapely.force_2d(geometry)
    min_x, min_y, max_x, max_y = geometry.bounds
    if not all(math.isfinite(v) for v in (min_x, min_y, max_x, max_y)) or (
        min_x < -180 or max_x > 180 or min_y < -90 or max_y > 90
    ):
        raise LineRefused(_("The coordinates are not longitude and latitude."), field="geometry")
    geometry = shapely.set_precision(geometry, 1e-7)
    length = length_m(geometry)
    if geometry.is_empty or length < 1:
        raise LineRefused(_("The line needs two different points."), field="geometry")
    if length > MAX_LENGTH_M:
        raise LineRefused(
            _("The line is %(km)s km long: check that longitude comes before latitude.")
            % {"km": round(length / 1000, 1)},
            field="geometry",
        )
    return Line(geometry, round(length, 1))


def line_coordinates(geojson: str) -> list:
    """The stored line's coordinates as GeoJSON has them: a LineString's positions, or a
    MultiLineString's lists of positions (what feedback.near_lines reads)."""
    return json.loads(geojson)["coordinates"]
