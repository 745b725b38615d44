"""Hotspots: reports counted in H3 cells and tested with Getis-Ord Gi* (PySAL esda).

The study area is the H3 cells covering the selected unit (the district outline, or
the ward's boundary valid at the end of the period), plus any cell next to it holding
reports. Gi* compares each cell's neighbourhood (the cell and its six neighbours,
binary weights) with the whole area and gives a z-score (its analytical expectation
and variance, as in Getis & Ord 1995); a cell is flagged hot (z > 0) or cold (z < 0)
when its two-sided normal p-value passes Benjamini–Hochberg's false discovery rate at
DASHBOARD_HOTSPOT_ALPHA (default 0.05) across all cells tested. Conditional permutations
were tried first: with counts as skewed as reports are (a market cell holds a thousand
times the median), 999 permutations could not give p-values small enough to pass the
false discovery control over two hundred cells. Only counts per cell leave this module:
no report, place or person.
"""

from __future__ import annotations

import time
from dataclasses import dataclass

import h3
import numpy as np
import shapely
from django.conf import settings
from django.db.models import Count

from smartdistrict.dashboard.models import ReportFact
from smartdistrict.dashboard.selectors.scope import Period, Selection
from smartdistrict.geography.index import get_index


def resolution() -> int:
    """H3 resolution of the cells (DASHBOARD_HOTSPOT_RESOLUTION, 8 or 9; default 9:
    cells of about 0.1 km², some two hundred over Bình Thạnh)."""
    value = int(getattr(settings, "DASHBOARD_HOTSPOT_RESOLUTION", 9))
    return value if value in (8, 9) else 9


def alpha() -> float:
    return float(getattr(settings, "DASHBOARD_HOTSPOT_ALPHA", 0.05))


@dataclass(frozen=True)
class Cell:
    cell: str
    count: int
    z: float | None
    p: float | None
    kind: str  # "hot", "cold" or ""


@dataclass(frozen=True)
class Hotspots:
    cells: list[Cell]
    resolution: int
    alpha: float
    cutoff: float | None  # the p-value below which a cell is flagged (after FDR)
    total: int
    seconds: float
    tested: bool  # False when there were too few reports or cells to test

    @property
    def hot(self) -> int:
        return sum(1 for c in self.cells if c.kind == "hot")

    @property
    def cold(self) -> int:
        return sum(1 for c in self.cells if c.kind == "cold")


def _area(selection: Selection, period: Period):
    index = get_index()
    if selection.unit is not None:
        for record in index.valid_descendants_on(selection.unit.id, period.end) or [
            selection.unit
        ]:
            if record.id in index.boundaries:
                return index.boundaries[record.id]
        members = [index.boundaries[i] for i in selection.ward_ids or () if i in index.boundaries]
        if members:
            return shapely.union_all(members)
    if index.jurisdiction is not None and index.jurisdiction.id in index.boundaries:
        return index.boundaries[index.jurisdiction.id]
    return None


def cell_counts(selection: Selection, period: Period, category_id: int | None) -> dict[str, int]:
    """Reports received in the period per H3 cell (resolution 9 as stored, folded to 8
    when asked), from the facts' covering index."""
    reports = ReportFact.objects.filter(created_day__range=(period.start, period.end))
    if category_id is not None:
        reports = reports.filter(category_id=category_id)
    counts: dict[str, int] = {}
    level = resolution()
    for cell, n in (selection.apply(reports).exclude(h3_cell="").values_list("h3_cell")
                    .annotate(n=Count("report_id")).order_by()):
        if level != h3.get_resolution(cell):
            cell = h3.cell_to_parent(cell, level)
        counts[cell] = counts.get(cell, 0) + n
    return counts


def hotspots(selection: Selection, period: Period, category_id: int | None) -> Hotspots:
    from esda import fdr
    from esda.getisord import G_Local
    from libpysal.weights import W
    from scipy.stats import norm

    started = time.perf_counter()
    level = resolution()
    counts = cell_counts(selection, period, category_id)
    area = _area(selection, period)
    cells = set(h3.geo_to_cells(area, level)) if area is not None else set()
    for cell in counts:  # reports in a cell whose centre lies just outside the outline
        if cell not in cells and any(n in cells for n in h3.grid_ring(cell, 1)):
            cells.add(cell)
    cells |= set(counts) if not cells else set()
    order = sorted(cells)
    neighbours = {c: [n for n in h3.grid_ring(c, 1) if n in cells] for c in order}
    order = [c for c in order if neighbours[c]]  # no islands
    y = np.array([counts.get(c, 0) for c in order], dtype=float)
    total = int(sum(counts.values()))
    if len(order) < 8 or y.sum() < 5 or y.std() == 0:
        return Hotspots([Cell(c, counts.get(c, 0), None, None, "") for c in order if
                         counts.get(c, 0)], level, alpha(), None, total,
                        time.perf_counter() - started, tested=False)
    weights = W({c: [n for n in neighbours[c] if n in set(order)] for c in order},
                silence_warnings=True)
    weights.transform = "B"
    test = G_Local(y, weights, transform="B", permutations=0, star=True)
    z_scores = np.asarray(test.Zs, dtype=float)
    p_values = 2 * norm.sf(np.abs(z_scores))
    cutoff = float(fdr(p_values, alpha()))
    result = []
    for position, cell in enumerate(order):
        z, p = float(z_scores[position]), float(p_values[position])
        kind = ""
        if p <= cutoff:
            kind = "hot" if z > 0 else "cold"
        if y[position] or kind:
            result.append(Cell(cell, int(y[position]), round(z, 3), float(f"{p:.3g}"), kind))
    return Hotspots(result, level, alpha(), cutoff, total, time.perf_counter() - started,
                    tested=True)


def as_geojson(found: Hotspots) -> dict:
    """A FeatureCollection of cell hexagons with their count and test result."""
    features = []
    for cell in found.cells:
        ring = [[lng, lat] for lat, lng in h3.cell_to_boundary(cell.cell)]
        ring.append(ring[0])
        features.append({
            "type": "Feature",
            "geometry": {"type": "Polygon", "coordinates": [ring]},
            "properties": {"cell": cell.cell, "count": cell.count, "z": cell.z, "p": cell.p,
                           "kind": cell.kind},
        })
    return {
        "type": "FeatureCollection",
        "features": features,
        "properties": {
            "resolution": found.resolution, "alpha": found.alpha, "cutoff": found.cutoff,
            "hot": found.hot, "cold": found.cold, "total": found.total, "tested": found.tested,
        },
    }
