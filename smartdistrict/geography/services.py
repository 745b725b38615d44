"""Writes to the geography: units, succession, boundaries, the jurisdiction.

Every change goes through here and bumps the "geography" configuration version, so
each process's point → unit index is rebuilt once after it, never on a timer. Nothing
here knows a particular city: its units come from a jurisdiction pack
(smartdistrict.jurisdictions), the same for Ho Chi Minh City as for a test fixture.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

import shapely
from django.db import transaction
from shapely.geometry.base import BaseGeometry

from smartdistrict.core import versions
from smartdistrict.core.sync import (
    CREATED,
    DELETED,
    UNCHANGED,
    UPDATED,
    Tally,
    sync_rows,
    upsert,
)
from smartdistrict.core.text import fold, nfc
from smartdistrict.geography import index
from smartdistrict.geography.geometry import area_km2, repair, voronoi_cells
from smartdistrict.geography.models import KIND_LEVEL, Boundary, Jurisdiction, Succession, Unit

APPROXIMATE_METHOD = (
    "Voronoi cell of the unit's centre among the units merged into {successor}, "
    "clipped to {successor}'s official boundary"
)


def geography_changed() -> None:
    """Tell every process that units or boundaries changed (call inside the transaction)."""
    versions.bump(index.VERSION)
    transaction.on_commit(index.invalidate)


@transaction.atomic
def boundary_set(
    *,
    unit: Unit,
    geometry: BaseGeometry,
    approximate: bool,
    source: str,
    method: str = "",
) -> Boundary:
    """Store ``unit``'s boundary (repairing it if needed); no write when nothing changed."""
    boundary, _outcome = boundary_sync(
        unit=unit, geometry=geometry, approximate=approximate, source=source, method=method
    )
    return boundary


def boundary_sync(
    *, unit: Unit, geometry: BaseGeometry, approximate: bool, source: str, method: str = ""
) -> tuple[Boundary, str]:
    geometry, note = repair(geometry)
    if note:
        method = f"{method}; {note}" if method else note
    min_lon, min_lat, max_lon, max_lat = geometry.bounds
    boundary, outcome = upsert(Boundary, {"unit": unit}, {
        "wkb": shapely.to_wkb(geometry),
        "min_lon": min_lon,
        "min_lat": min_lat,
        "max_lon": max_lon,
        "max_lat": max_lat,
        "area_km2": area_km2(geometry),
        "approximate": approximate,
        "source": source[:300],
        "method": method[:300],
    })
    if outcome != UNCHANGED:
        geography_changed()
    return boundary, outcome


@dataclass(frozen=True)
class UnitRow:
    """One unit as a pack describes it (codes refer to other rows of the same pack)."""

    code: str
    level: str
    name: str
    kind: str = ""
    gso_code: str = ""
    name_en: str = ""
    parent: str = ""
    valid_from: dt.date | None = None
    valid_to: dt.date | None = None
    predecessors: tuple[str, ...] = ()
    legal_basis: str = ""
    population: int | None = None
    centre: tuple[float, float] | None = None  # (lon, lat)


def units_sync(rows: Iterable[UnitRow], tally: Tally) -> dict[str, Unit]:
    """Create or update the units and their succession; returns them by code.

    Successions into a unit of ``rows`` that the rows no longer list are removed: the
    pack is the record of its own units' history.
    """
    rows = list(rows)
    before = tally.changed()
    depth: dict[str, int] = {}
    for row in rows:  # parents come before their children in a pack
        depth[row.code] = depth.get(row.parent, -1) + 1 if row.parent else 0
    units: dict[str, Unit] = {}
    for generation in sorted(set(depth.values())):
        batch = [r for r in rows if depth[r.code] == generation]
        outside = {r.parent for r in batch if r.parent and r.parent not in units}
        if outside:
            units.update(Unit.objects.filter(code__in=outside).in_bulk(field_name="code"))
        planned = []
        for row in batch:
            name = nfc(row.name)
            parent = units.get(row.parent) if row.parent else None
            planned.append((row.code, {
                "gso_code": row.gso_code,
                "name": name,
                "name_en": row.name_en,
                "name_folded": fold(name)[:120],
                "level": row.level or KIND_LEVEL.get(row.kind, ""),
                "kind": row.kind,
                "parent_id": parent.id if parent else None,
                "valid_from": row.valid_from,
                "valid_to": row.valid_to,
                "centre_lon": row.centre[0] if row.centre else None,
                "centre_lat": row.centre[1] if row.centre else None,
                "legal_basis": row.legal_basis,
                "population": row.population,
            }))
        units.update(sync_rows(Unit, "code", planned, tally, "units"))
    changed = tally.changed() > before
    existing = defaultdict(dict)
    for succession in Succession.objects.filter(successor__in=units.values()):
        existing[succession.successor_id][succession.predecessor_id] = succession
    new: list[Succession] = []
    for row in rows:
        successor = units[row.code]
        wanted = {units[code].id for code in row.predecessors}
        for code in row.predecessors:
            predecessor = units[code]
            old = existing[successor.id].get(predecessor.id)
            date = successor.valid_from or (predecessor.valid_to + dt.timedelta(days=1)
                                            if predecessor.valid_to else None)
            if old is None:
                new.append(Succession(predecessor=predecessor, successor=successor,
                                      date=date, legal_basis=row.legal_basis))
                tally.add("successions", CREATED)
                changed = True
            elif (old.date, old.legal_basis) != (date, row.legal_basis):
                old.date, old.legal_basis = date, row.legal_basis
                old.save(update_fields=["date", "legal_basis"])
                tally.add("successions", UPDATED)
                changed = True
            else:
                tally.add("successions", UNCHANGED)
        stale = [s.id for p, s in existing[successor.id].items() if p not in wanted]
        if stale:
            Succession.objects.filter(id__in=stale).delete()
            tally.add("successions", DELETED, len(stale))
            changed = True
    Succession.objects.bulk_create(new, batch_size=500)
    if changed:
        geography_changed()
    return {code: units[code] for code in depth}


def approximate_within_successors(
    units: Mapping[str, Unit], official: set[str], *, source: str, tally: Tally
) -> None:
    """Boundaries for units that merged whole into one unit with an official boundary.

    Resolution 1685 merged whole former wards, so a group of former wards has exactly
    its successor's outer line; each member with a known centre gets the Voronoi cell
    of its centre among its group, clipped to the successor. The approximation thus
    never crosses an official line, and is labelled approximate. Units split between
    several successors, or without a centre, get none (the index then answers with
    their successor's territory and names them as candidates).
    """
    successors: dict[int, list[Succession]] = defaultdict(list)
    for succession in Succession.objects.filter(
        predecessor__in=units.values()
    ).select_related("successor", "predecessor"):
        successors[succession.predecessor_id].append(succession)
    groups: dict[str, list[Unit]] = defaultdict(list)
    for unit in units.values():
        outgoing = successors.get(unit.id, [])
        if (unit.code not in official and len(outgoing) == 1
                and outgoing[0].successor.code in official and unit.centre_lon is not None):
            groups[outgoing[0].successor.code].append(unit)
    for successor_code, members in sorted(groups.items()):
        successor = units.get(successor_code) or Unit.objects.get(code=successor_code)
        outline = shapely.from_wkb(bytes(successor.boundary.wkb))
        sites = {u.code: (u.centre_lon, u.centre_lat) for u in members}
        cells = voronoi_cells(outline, sites) if len(sites) > 1 else {
            members[0].code: outline
        }
        method = APPROXIMATE_METHOD.format(successor=successor.name)
        for unit in members:
            _boundary, outcome = boundary_sync(
                unit=unit, geometry=cells[unit.code], approximate=True, source=source,
                method=method,
            )
            tally.add("boundaries (approximate)", outcome)


def jurisdiction_set(
    *, code: str, name: str, name_en: str, root: Unit, report_code_prefix: str,
    open311_jurisdiction_id: str, pack: str, tally: Tally,
) -> Jurisdiction:
    jurisdiction, outcome = upsert(Jurisdiction, {"code": code}, {
        "name": nfc(name), "name_en": name_en, "root_id": root.id,
        "report_code_prefix": report_code_prefix,
        "open311_jurisdiction_id": open311_jurisdiction_id, "pack": pack,
    })
    tally.add("jurisdiction", outcome)
    if outcome != UNCHANGED:
        geography_changed()
    return jurisdiction
