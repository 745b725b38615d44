"""The in-process point → unit index, built once and refreshed when boundaries change.

Lookups never touch the database: the index holds light unit records, the
succession graph and, per period between two reforms, the regions that answer
"which ward was this point in on that day". A ward with no boundary of its own
(the five wards absorbed on 1 Jan 2025) takes the region of the unit its territory
passed to; when several such wards share one region the answer names them all
rather than inventing a line between them.
"""

from __future__ import annotations

import bisect
import datetime as dt
import threading
from collections import defaultdict
from dataclasses import dataclass, field

import numpy as np
import shapely
from django.conf import settings
from shapely.geometry.base import BaseGeometry

from smartdistrict.core import versions
from smartdistrict.geography.models import Boundary, Jurisdiction, Level, Succession, Unit


@dataclass(frozen=True)
class UnitRecord:
    id: int
    code: str
    gso_code: str
    name: str
    name_en: str
    level: str
    kind: str
    parent_id: int | None
    valid_from: dt.date | None
    valid_to: dt.date | None
    centre: tuple[float, float] | None  # (lon, lat)

    def is_valid_on(self, date: dt.date) -> bool:
        return (self.valid_from is None or self.valid_from <= date) and (
            self.valid_to is None or self.valid_to >= date
        )

    def brief(self) -> dict:
        """A JSON-ready summary, the same wherever a unit is named in an answer."""
        return {
            "code": self.code,
            "gso_code": self.gso_code or None,
            "name": self.name,
            "name_en": self.name_en,
            "level": self.level,
            "kind": self.kind or None,
            "valid_from": self.valid_from.isoformat() if self.valid_from else None,
            "valid_to": self.valid_to.isoformat() if self.valid_to else None,
        }


@dataclass(frozen=True)
class Region:
    """An area of one period and the ward(s) of that period it may belong to."""

    candidates: tuple[int, ...]
    boundary_unit: int  # the unit whose boundary drew this region
    approximate: bool
    inherited: bool  # True when the candidates have no boundary of their own


@dataclass
class PeriodIndex:
    regions: list[Region]
    geometries: list[BaseGeometry]
    tree: shapely.STRtree = field(init=False)
    bounds: np.ndarray = field(init=False)

    def __post_init__(self) -> None:
        for geometry in self.geometries:
            shapely.prepare(geometry)
        self.tree = shapely.STRtree(self.geometries)
        self.bounds = np.array([g.bounds for g in self.geometries]).reshape(-1, 4)

    def locate(self, lon: float, lat: float) -> Region | None:
        hits = self.tree.query(shapely.points(lon, lat), predicate="intersects")
        return self.regions[int(hits.min())] if len(hits) else None

    def locate_many(self, lons: np.ndarray, lats: np.ndarray) -> np.ndarray:
        """Region index of each point (-1 outside every region), vectorised per region.

        The points are sorted by longitude once, so each region reads only the slice of
        points within its bounding box's longitudes (a binary search) instead of masking
        every point: the cost follows the points near each region, not regions × points.
        On a shared border the first region wins, as in ``locate``.
        """
        lons = np.asarray(lons, dtype=float)
        lats = np.asarray(lats, dtype=float)
        result = np.full(len(lons), -1, dtype=np.int32)
        order = np.argsort(lons, kind="stable")
        sorted_lons, sorted_lats = lons[order], lats[order]
        for position, geometry in enumerate(self.geometries):
            min_x, min_y, max_x, max_y = self.bounds[position]
            low = np.searchsorted(sorted_lons, min_x, side="left")
            high = np.searchsorted(sorted_lons, max_x, side="right")
            window = sorted_lats[low:high]
            candidates = low + np.flatnonzero((window >= min_y) & (window <= max_y))
            candidates = candidates[result[order[candidates]] == -1]
            if candidates.size:
                inside = shapely.contains_xy(
                    geometry, sorted_lons[candidates], sorted_lats[candidates]
                )
                result[order[candidates[inside]]] = position
        return result


@dataclass(frozen=True)
class JurisdictionRecord:
    """The loaded jurisdiction's particulars (see geography.models.Jurisdiction)."""

    code: str
    name: str
    name_en: str
    root_id: int
    report_code_prefix: str
    open311_jurisdiction_id: str
    pack: str


class GeographyIndex:
    def __init__(self, jurisdiction_code: str = "") -> None:
        self.version = versions.current(VERSION)
        self.units: dict[int, UnitRecord] = {}
        self.by_code: dict[str, UnitRecord] = {}
        self.population: dict[int, int] = {}
        for row in Unit.objects.values_list(
            "id", "code", "gso_code", "name", "name_en", "level", "kind", "parent_id",
            "valid_from", "valid_to", "centre_lon", "centre_lat", "population",
        ):
            centre = (row[10], row[11]) if row[10] is not None else None
            record = UnitRecord(*row[:10], centre=centre)
            if row[12] is not None:
                self.population[record.id] = row[12]
            self.units[record.id] = record
            self.by_code[record.code] = record
        self.successors: dict[int, list[int]] = defaultdict(list)
        self.predecessors: dict[int, list[int]] = defaultdict(list)
        for predecessor, successor in Succession.objects.values_list(
            "predecessor_id", "successor_id"
        ):
            self.successors[predecessor].append(successor)
            self.predecessors[successor].append(predecessor)
        self.boundaries: dict[int, BaseGeometry] = {}
        self.approximate: dict[int, bool] = {}
        for unit_id, wkb, approximate in Boundary.objects.values_list(
            "unit_id", "wkb", "approximate"
        ):
            self.boundaries[unit_id] = shapely.from_wkb(bytes(wkb))
            self.approximate[unit_id] = approximate
        self.children: dict[int, list[int]] = defaultdict(list)
        for record in self.units.values():
            if record.parent_id is not None:
                self.children[record.parent_id].append(record.id)
        self.profile = _jurisdiction(jurisdiction_code)
        root = self.units.get(self.profile.root_id) if self.profile else None
        self.jurisdiction = root
        self.wards = self._jurisdiction_wards(root.id) if root else set()
        self.breakpoints = self._breakpoints()
        self._periods: dict[int, PeriodIndex] = {}
        self._lock = threading.Lock()

    # --- structure ---------------------------------------------------------------
    def _jurisdiction_wards(self, root_id: int) -> set[int]:
        """Wards under the jurisdiction unit, every ward they passed their territory to,
        and every ward whose territory passed to those (the former units of a merged
        province are reached through today's wards)."""
        children = self.children
        found: set[int] = set()
        stack = [root_id]
        while stack:
            current = stack.pop()
            following = children[current] + self.successors[current]
            if self.units[current].level == Level.WARD:
                following = following + self.predecessors[current]
            for neighbour in following:
                if neighbour not in found:
                    found.add(neighbour)
                    stack.append(neighbour)
        return {i for i in found if self.units[i].level == Level.WARD}

    def _breakpoints(self) -> list[dt.date]:
        dates: set[dt.date] = set()
        for unit_id in self.wards:
            record = self.units[unit_id]
            if record.valid_from:
                dates.add(record.valid_from)
            if record.valid_to:
                dates.add(record.valid_to + dt.timedelta(days=1))
        return sorted(dates)

    def wards_on(self, date: dt.date) -> list[UnitRecord]:
        return sorted(
            (self.units[i] for i in self.wards if self.units[i].is_valid_on(date)),
            key=lambda r: r.code,
        )

    def lineage(self, unit_id: int, direction: str) -> set[int]:
        """All units reachable through succession (``"successors"`` or ``"predecessors"``)."""
        graph = self.successors if direction == "successors" else self.predecessors
        found: set[int] = set()
        stack = [unit_id]
        while stack:
            for neighbour in graph[stack.pop()]:
                if neighbour not in found:
                    found.add(neighbour)
                    stack.append(neighbour)
        return found

    def valid_descendants_on(self, unit_id: int, date: dt.date) -> list[UnitRecord]:
        """The unit itself if valid on ``date``, else the units its territory was in then."""
        record = self.units[unit_id]
        if record.is_valid_on(date):
            return [record]
        ended = record.valid_to is not None and record.valid_to < date
        graph = self.successors if ended else self.predecessors
        result: list[UnitRecord] = []
        seen: set[int] = set()
        stack = [unit_id]
        while stack:
            for neighbour in graph[stack.pop()]:
                if neighbour in seen:
                    continue
                seen.add(neighbour)
                candidate = self.units[neighbour]
                if candidate.is_valid_on(date):
                    result.append(candidate)
                else:
                    stack.append(neighbour)
        return sorted(result, key=lambda r: r.code)

    # --- periods --------------------------------------------------------------------
    def period(self, date: dt.date) -> PeriodIndex:
        key = bisect.bisect_right(self.breakpoints, date)
        period = self._periods.get(key)
        if period is None:
            with self._lock:
                period = self._periods.get(key) or self._build_period(date)
                self._periods[key] = period
        return period

    def _holders(self, unit_id: int) -> tuple[int, ...]:
        """The nearest units in succession that have a boundary covering ``unit_id``."""
        for graph in (self.successors, self.predecessors):
            frontier, seen = [unit_id], {unit_id}
            while frontier:
                holders = sorted(i for i in frontier if i in self.boundaries and i != unit_id)
                if holders:
                    return tuple(holders)
                following: list[int] = []
                for current in frontier:
                    following.extend(n for n in graph[current] if n not in seen)
                seen.update(following)
                frontier = following
        return ()

    def _build_period(self, date: dt.date) -> PeriodIndex:
        wards = [r.id for r in self.wards_on(date)]
        regions: list[Region] = []
        geometries: list[BaseGeometry] = []
        own = [i for i in wards if i in self.boundaries]
        for unit_id in own:
            regions.append(Region((unit_id,), unit_id, self.approximate[unit_id], False))
            geometries.append(self.boundaries[unit_id])
        # A ward without a boundary of its own is a candidate in the region of each unit
        # that holds its territory (several when it was split), minus the wards of the
        # same date that do have their own boundary.
        members_of: dict[int, list[int]] = defaultdict(list)
        for unit_id in wards:
            if unit_id not in self.boundaries:
                for holder in self._holders(unit_id):
                    members_of[holder].append(unit_id)
        own_tree = shapely.STRtree([self.boundaries[i] for i in own]) if own else None
        for holder, members in sorted(members_of.items()):
            area = self.boundaries[holder]
            if own_tree is not None:
                overlapping = own_tree.query(area, predicate="intersects")
                if len(overlapping):
                    area = area.difference(
                        shapely.union_all([self.boundaries[own[i]] for i in overlapping])
                    )
            if area.is_empty:
                continue
            regions.append(
                Region(tuple(sorted(members)), holder, self.approximate[holder], True)
            )
            geometries.append(area)
        return PeriodIndex(regions, geometries)


VERSION = "geography"


def _jurisdiction(code: str) -> JurisdictionRecord | None:
    rows = Jurisdiction.objects.order_by("-updated_at", "-id")
    if code:
        rows = rows.filter(code=code)
    row = rows.values_list(
        "code", "name", "name_en", "root_id", "report_code_prefix", "open311_jurisdiction_id",
        "pack",
    ).first()
    return JurisdictionRecord(*row) if row else None


_index: GeographyIndex | None = None
_build_lock = threading.Lock()


def get_index() -> GeographyIndex:
    """The process's index; rebuilt when units, boundaries or the jurisdiction changed
    (core.versions "geography", bumped by every write to them)."""
    global _index
    current = _index
    if current is not None and current.version == versions.current(VERSION):
        return current
    with _build_lock:
        if _index is None or _index.version != versions.current(VERSION):
            _index = GeographyIndex(settings.SMARTDISTRICT_JURISDICTION)
        return _index


def invalidate() -> None:
    """Drop this process's index (after a change made in this process)."""
    global _index
    with _build_lock:
        _index = None
