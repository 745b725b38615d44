"""Writes to the geography: units, succession, boundaries. Every change goes through here."""

from __future__ import annotations

import csv
import datetime as dt
import json
from dataclasses import dataclass
from pathlib import Path

import shapely
from django.db import transaction
from shapely.geometry import shape
from shapely.geometry.base import BaseGeometry

from smartdistrict.core.text import fold, nfc
from smartdistrict.geography import index
from smartdistrict.geography.geometry import area_km2, repair, voronoi_cells
from smartdistrict.geography.models import Boundary, Succession, Unit

DATA_DIR = Path(__file__).resolve().parent / "data" / "binh_thanh"
OUTLINE_SOURCE = (
    "Hệ thống bản đồ hành chính, gis.chinhphu.vn, via daohoangson/dvhcvn (GPL-3.0)"
)
APPROXIMATE_SOURCE = (
    "Approximation by smartdistrict from ward centres (vietnamadminunits, MIT) "
    "and the official district outline"
)


@transaction.atomic
def boundary_set(
    *,
    unit: Unit,
    geometry: BaseGeometry,
    approximate: bool,
    source: str,
    method: str = "",
) -> Boundary:
    """Store ``unit``'s boundary (repairing it if needed) and refresh the lookup index."""
    geometry, note = repair(geometry)
    if note:
        method = f"{method}; {note}" if method else note
    min_lon, min_lat, max_lon, max_lat = geometry.bounds
    boundary, _ = Boundary.objects.update_or_create(
        unit=unit,
        defaults={
            "wkb": shapely.to_wkb(geometry),
            "min_lon": min_lon,
            "min_lat": min_lat,
            "max_lon": max_lon,
            "max_lat": max_lat,
            "area_km2": area_km2(geometry),
            "approximate": approximate,
            "source": source[:300],
            "method": method[:300],
        },
    )
    transaction.on_commit(index.invalidate)
    return boundary


def _date(value: str) -> dt.date | None:
    return dt.date.fromisoformat(value) if value else None


@dataclass(frozen=True)
class LoadSummary:
    units: int
    successions: int
    boundaries: int


def _centres() -> dict[str, tuple[float, float]]:
    """(lon, lat) of each unit that has a known centre, keyed by unit code."""
    centres: dict[str, tuple[float, float]] = {}
    with open(DATA_DIR / "legacy_wards_2025-01.csv", encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            number = row["address"].split(",")[0].removeprefix("Phường ").strip()
            centres[f"765.p{number}.2025"] = (float(row["longitude"]), float(row["latitude"]))
    with open(DATA_DIR / "wards_2025-07.csv", encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            centres[f"name:Phường {nfc(row['tenhc'])}"] = (float(row["kinhdo"]), float(row["vido"]))
    return centres


def district_outline() -> BaseGeometry:
    with open(DATA_DIR / "district_outline.geojson", encoding="utf-8") as handle:
        collection = json.load(handle)
    return shape(collection["features"][0]["geometry"])


@transaction.atomic
def binh_thanh_load() -> LoadSummary:
    """Load (or refresh) Bình Thạnh's units 2024–2025, succession and boundaries.

    Idempotent: running it again updates rows in place. Boundaries already marked
    official (imported with geo_import) are never overwritten by approximations.
    """
    centres = _centres()
    with open(DATA_DIR / "units.csv", encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    units: dict[str, Unit] = {}
    for row in rows:
        name = nfc(row["name"])
        centre = centres.get(row["code"]) or centres.get(f"name:{name}")
        if centre is None and row["code"].endswith(".2024"):
            centre = centres.get(row["code"].replace(".2024", ".2025"))
        units[row["code"]], _ = Unit.objects.update_or_create(
            code=row["code"],
            defaults={
                "gso_code": row["gso_code"],
                "name": name,
                "name_en": row["name_en"],
                "name_folded": fold(name),
                "level": row["level"],
                "parent": units.get(row["parent"]),
                "valid_from": _date(row["valid_from"]),
                "valid_to": _date(row["valid_to"]),
                "centre_lon": centre[0] if centre else None,
                "centre_lat": centre[1] if centre else None,
                "legal_basis": row["legal_basis"],
            },
        )
    successions = 0
    for row in rows:
        successor = units[row["code"]]
        for code in filter(None, row["predecessors"].split(";")):
            Succession.objects.update_or_create(
                predecessor=units[code],
                successor=successor,
                defaults={"date": successor.valid_from, "legal_basis": row["legal_basis"]},
            )
            successions += 1
    boundaries = _load_boundaries(units)
    return LoadSummary(units=len(units), successions=successions, boundaries=boundaries)


def _load_boundaries(units: dict[str, Unit]) -> int:
    official = set(
        Boundary.objects.filter(approximate=False).values_list("unit__code", flat=True)
    )
    outline = district_outline()
    written = 0
    if "765" not in official:
        boundary_set(unit=units["765"], geometry=outline, approximate=False, source=OUTLINE_SOURCE)
        written += 1
    sites = {
        code: (unit.centre_lon, unit.centre_lat)
        for code, unit in units.items()
        if code.endswith(".2025") and unit.centre_lon is not None
    }
    cells = voronoi_cells(outline, sites)
    method = "Voronoi cell of the ward centre, clipped to the official district outline"
    for code, cell in cells.items():
        if code not in official:
            boundary_set(
                unit=units[code], geometry=cell, approximate=True,
                source=APPROXIMATE_SOURCE, method=method,
            )
            written += 1
    for unit in units.values():
        if unit.valid_from == dt.date(2025, 7, 1) and unit.code not in official:
            parts = [cells[p.code] for p in unit.predecessors.all() if p.code in cells]
            boundary_set(
                unit=unit, geometry=shapely.union_all(parts), approximate=True,
                source=APPROXIMATE_SOURCE,
                method="Union of the approximate boundaries of its predecessor wards",
            )
            written += 1
    return written
