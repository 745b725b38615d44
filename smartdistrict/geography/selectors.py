"""Reads of the geography: point → units, batch lookup, units over time."""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass, field

import numpy as np
from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from smartdistrict.core.errors import InvalidInput, NotFound
from smartdistrict.geography.index import (
    GeographyIndex,
    JurisdictionRecord,
    UnitRecord,
    get_index,
)
from smartdistrict.geography.models import Boundary, Unit, UnitQuerySet


def today() -> dt.date:
    """Today's date in the deployment's time zone (Asia/Ho_Chi_Minh)."""
    return timezone.localdate()


@dataclass(frozen=True)
class PointLookup:
    date: dt.date
    lat: float
    lon: float
    ward: UnitRecord | None  # None when ambiguous
    candidates: tuple[UnitRecord, ...]  # more than one when the data cannot tell them apart
    district: UnitRecord | None
    city: UnitRecord | None
    approximate: bool
    inherited_from: UnitRecord | None  # whose boundary was used, when not the ward's own
    note: str = ""
    units: tuple[UnitRecord, ...] = field(default=())  # ward (if one), district, city


def validate_point(lat: object, lon: object) -> tuple[float, float]:
    """Parse and range-check coordinates, naming the faulty field."""
    values = {}
    for name, raw, limit in (("lat", lat, 90.0), ("lon", lon, 180.0)):
        if raw is None or raw == "":
            raise InvalidInput(_("This field is required."), field=name)
        try:
            value = float(raw)
        except (TypeError, ValueError):
            raise InvalidInput(_("Enter a number."), field=name) from None
        if not math.isfinite(value) or abs(value) > limit:
            raise InvalidInput(
                _("Must be a number between %(low)s and %(high)s.")
                % {"low": -limit, "high": limit},
                field=name,
            )
        values[name] = value
    return values["lat"], values["lon"]


def _ancestors(index: GeographyIndex, record: UnitRecord, date: dt.date) -> list[UnitRecord]:
    found = []
    parent_id = record.parent_id
    while parent_id is not None:
        parent = index.units[parent_id]
        if parent.is_valid_on(date):
            found.append(parent)
        parent_id = parent.parent_id
    return found


def lookup_point(lat: float, lon: float, date: dt.date | None = None) -> PointLookup:
    """The units containing (lat, lon) on ``date`` (default today).

    Raises NotFound when the point lies outside the deployment's jurisdiction.
    """
    date = date or today()
    index = get_index()
    region = index.period(date).locate(lon, lat)
    if region is None:
        raise NotFound(
            _("This location is outside the area served by this platform."),
            code="outside_jurisdiction",
        )
    candidates = tuple(index.units[i] for i in region.candidates)
    ward = candidates[0] if len(candidates) == 1 else None
    shared = [_ancestors(index, c, date) for c in candidates]
    common = [a for a in shared[0] if all(a in s for s in shared[1:])]
    district = next((a for a in common if a.level == "district"), None)
    city = next((a for a in common if a.level == "city"), None)
    holder = index.units[region.boundary_unit]
    note = ""
    if ward is None:
        note = _(
            "On this date %(names)s had no separate boundary data: the point lies in the area "
            "they later formed together (%(holder)s), so it cannot be told which of them it was in."
        ) % {"names": _(" or ").join(c.name for c in candidates), "holder": holder.name}
    units = tuple(u for u in (ward, district, city) if u is not None)
    return PointLookup(
        date=date, lat=lat, lon=lon, ward=ward, candidates=candidates, district=district,
        city=city, approximate=region.approximate,
        inherited_from=holder if region.inherited else None, note=note, units=units,
    )


def lookup_points(
    lats: np.ndarray, lons: np.ndarray, date: dt.date | None = None
) -> np.ndarray:
    """Vectorised point → ward for Python callers: the ward id of each point.

    -1 marks a point outside the jurisdiction, -2 a point whose ward cannot be told
    on that date (see lookup_point for the candidates).
    """
    date = date or today()
    index = get_index()
    period = index.period(date)
    positions = period.locate_many(np.asarray(lons, dtype=float), np.asarray(lats, dtype=float))
    table = np.array(
        [r.candidates[0] if len(r.candidates) == 1 else -2 for r in period.regions] + [-1],
        dtype=np.int64,
    )
    return table[positions]


def units_on(date: dt.date | None = None) -> UnitQuerySet:
    """Units valid on ``date`` (default today), without boundaries."""
    return Unit.objects.valid_on(date or today()).select_related("parent")


def boundary_of(unit: Unit) -> Boundary | None:
    return Boundary.objects.filter(unit=unit).first()


def unit_by_code(code: str) -> Unit:
    try:
        return Unit.objects.select_related("parent").get(code=code)
    except Unit.DoesNotExist:
        raise NotFound(_("No administrative unit has this code.")) from None


def territory_ids(unit_ids: set[int]) -> set[int]:
    """The units, the units below them and every predecessor of those, at any depth.

    A ward officer of Bình Quới must see records filed under Phường 27 and 28 of 2024;
    a district officer those of every ward of the district.
    """
    index = get_index()
    found: set[int] = set()
    stack = [i for i in unit_ids if i in index.units]
    while stack:
        current = stack.pop()
        if current in found:
            continue
        found.add(current)
        level = index.units[current].level
        stack.extend(index.children[current])
        stack.extend(
            i for i in index.predecessors[current] if index.units[i].level == level
        )
    return found


def units_covering(unit_id: int) -> set[int]:
    """The units whose territory (as territory_ids sees it) holds ``unit_id``: the unit,
    the units above it, the units it passed its territory to, and theirs, at any depth.
    The inverse of territory_ids, so that "who is responsible here" is one query."""
    index = get_index()
    found: set[int] = set()
    stack = [unit_id] if unit_id in index.units else []
    while stack:
        current = stack.pop()
        if current in found:
            continue
        found.add(current)
        record = index.units[current]
        if record.parent_id is not None:
            stack.append(record.parent_id)
        stack.extend(
            i for i in index.successors[current] if index.units[i].level == record.level
        )
    return found


def wards_with_boundary_status(date: dt.date) -> list[dict]:
    """The wards of ``date``, each with whether its boundary is approximate (no polygons loaded)."""
    index = get_index()
    period = index.period(date)
    approximate = {i: r.approximate for r in period.regions for i in r.candidates}
    return [
        {"unit": record, "approximate": approximate.get(record.id)}
        for record in index.wards_on(date)
    ]


# --- the jurisdiction ------------------------------------------------------------------
_WHOLE = {
    "thanh_pho": gettext_lazy("Whole city"),
    "tinh": gettext_lazy("Whole province"),
    "thanh_pho_thuoc": gettext_lazy("Whole city"),
    "quan": gettext_lazy("Whole district"),
    "huyen": gettext_lazy("Whole district"),
    "thi_xa": gettext_lazy("Whole town"),
}


def jurisdiction() -> JurisdictionRecord | None:
    """The loaded jurisdiction's particulars (None before a pack is loaded)."""
    return get_index().profile


def jurisdiction_root() -> UnitRecord | None:
    """The top unit of the jurisdiction (the city)."""
    return get_index().jurisdiction


def whole_jurisdiction_label() -> str:
    """"Toàn thành phố" / "Toàn tỉnh" / "Toàn phường" …, after the top unit's kind."""
    root = jurisdiction_root()
    if root is None:
        return str(gettext_lazy("Whole area"))
    if root.level == "ward":
        return str(gettext_lazy("Whole unit"))
    return str(_WHOLE.get(root.kind, gettext_lazy("Whole area")))


def report_code_prefix() -> str:
    """REPORT_CODE_PREFIX when set, else the loaded pack's (report codes: HCM-2026-000123)."""
    if settings.REPORT_CODE_PREFIX:
        return settings.REPORT_CODE_PREFIX
    profile = jurisdiction()
    return profile.report_code_prefix if profile else "SD"


def open311_jurisdiction_id() -> str:
    """OPEN311_JURISDICTION when set, else the loaded pack's."""
    if settings.OPEN311_JURISDICTION:
        return settings.OPEN311_JURISDICTION
    profile = jurisdiction()
    return profile.open311_jurisdiction_id if profile else ""


def approximate_note(approximate: bool) -> str:
    """The words every answer that used a boundary carries about it."""
    if approximate:
        return _(
            "Approximate boundary built by this platform from ward centres; "
            "not an official boundary."
        )
    return _("Official boundary.")


def wards_geojson(date: dt.date, simplify_m: int) -> bytes:
    """The ward map of ``date`` as GeoJSON bytes, outlines simplified to ``simplify_m``
    metres (0: as stored); cached on the index per period, detail and language."""
    import orjson
    import shapely
    from django.utils.translation import get_language

    index = get_index()
    period = index.period(date)
    cache = index.__dict__.setdefault("_geojson", {})
    key = (id(period), simplify_m, get_language())
    if key in cache:
        return cache[key]
    tolerance = simplify_m / 111_320
    features = []
    for region, geometry in zip(period.regions, period.geometries, strict=True):
        units = [index.units[i] for i in region.candidates]
        if tolerance:
            geometry = shapely.set_precision(
                shapely.simplify(geometry, tolerance, preserve_topology=True), 1e-5
            )
        features.append({
            "type": "Feature",
            "geometry": orjson.loads(shapely.to_geojson(geometry)),
            "properties": {
                "name": " / ".join(u.name for u in units),
                "units": [u.brief() for u in units],
                "approximate": region.approximate,
                "boundary_note": approximate_note(region.approximate),
                "boundary_from": index.units[region.boundary_unit].brief(),
            },
        })
    body = orjson.dumps({"type": "FeatureCollection", "date": date.isoformat(),
                         "features": features})
    cache[key] = body
    return body
