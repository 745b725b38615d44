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
    value = settings.DASHBOARD_HOTSPOT_RESOLUTION
    return value if value in (8, 9) else 9


def alpha() -> float:
    return settings.DASHBOARD_HOTSPOT_ALPHA


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
                    .annotate(n=Count("*")).order_by()):
        if level != h3.get_resolution(cell):
            cell = h3.cell_to_parent(cell, level)
        counts[cell] = counts.get(cell, 0) + n
    return counts


@dataclass(frozen=True)
class _Grid:
    """A study area's cells (islands dropped) and their adjacency as index pairs."""

    cells: list[str]
    position: dict[str, int]
    rows: np.ndarray
    cols: np.ndarray


def _grid(cells: dict[str, list[str]]) -> _Grid:
    order = sorted(c for c in cells if any(n in cells for n in cells[c]))  # no islands
    position = {c: i for i, c in enumerate(order)}
    pairs = [(position[c], position[n]) for c in order for n in cells[c] if n in position]
    rows = np.fromiter((a for a, _ in pairs), dtype=np.int64, count=len(pairs))
    cols = np.fromiter((b for _, b in pairs), dtype=np.int64, count=len(pairs))
    return _Grid(order, position, rows, cols)


def _study_grid(area, level: int) -> _Grid:
    """The grid of the H3 cells covering ``area``, kept with the process's geography
    index: a city's 60,000 cells take seconds to build, its boundaries change a few times
    a year, and a request then only reads the counts."""
    index = get_index()
    cache = index.__dict__.setdefault("_hotspot_grids", {})
    key = (id(area), level)
    if key not in cache:
        cache[key] = _grid({c: h3.grid_ring(c, 1) for c in h3.geo_to_cells(area, level)})
    return cache[key]


def gi_star(y: np.ndarray, rows: np.ndarray, cols: np.ndarray) -> np.ndarray:
    """Getis-Ord Gi* z-scores with binary weights, each cell in its own neighbourhood
    (Getis & Ord 1995; Ord & Getis 1995), over the adjacency pairs (rows, cols).

    The same statistic as esda's G_Local(star=True, transform="B", permutations=0), which
    the tests use as the reference; esda builds a libpysal W first, which costs seconds
    on a city's cells, so the formula is applied here with a sparse matrix.
    """
    from scipy import sparse

    n = len(y)
    matrix = sparse.csr_matrix((np.ones(len(rows)), (rows, cols)), shape=(n, n))
    matrix = matrix + sparse.identity(n, format="csr")
    weights = np.asarray(matrix.sum(axis=1)).ravel()  # binary: also the sum of squares
    mean = y.mean()
    spread = np.sqrt((y ** 2).mean() - mean ** 2)
    numerator = matrix @ y - mean * weights
    denominator = spread * np.sqrt((n * weights - weights ** 2) / (n - 1))
    return numerator / denominator


def hotspots(selection: Selection, period: Period, category_id: int | None) -> Hotspots:
    from esda import fdr
    from scipy.stats import norm

    started = time.perf_counter()
    level = resolution()
    counts = cell_counts(selection, period, category_id)
    area = _area(selection, period)
    grid = _study_grid(area, level) if area is not None else None
    if grid is None or not grid.cells:
        grid = _grid({c: h3.grid_ring(c, 1) for c in counts})
    else:
        # Reports in cells whose centre lies just outside the outline join the area.
        extra = {c: h3.grid_ring(c, 1) for c in counts if c not in grid.position}
        extra = {c: ring for c, ring in extra.items()
                 if any(n in grid.position or n in extra for n in ring)}
        if extra:
            order = grid.cells + sorted(extra)
            position = {c: i for i, c in enumerate(order)}
            pairs = [(position[c], position[n]) for c in extra for n in extra[c]
                     if n in position]
            pairs += [(b, a) for a, b in pairs if order[b] not in extra]
            rows = np.concatenate([grid.rows, np.array([a for a, _ in pairs], dtype=np.int64)])
            cols = np.concatenate([grid.cols, np.array([b for _, b in pairs], dtype=np.int64)])
            grid = _Grid(order, position, rows, cols)
    order = grid.cells
    y = np.zeros(len(order))
    for cell, n in counts.items():
        if cell in grid.position:
            y[grid.position[cell]] = n
    total = int(sum(counts.values()))
    if len(order) < 8 or y.sum() < 5 or y.std() == 0:
        return Hotspots([Cell(c, counts.get(c, 0), None, None, "") for c in order if
                         counts.get(c, 0)], level, alpha(), None, total,
                        time.perf_counter() - started, tested=False)
    z_scores = gi_star(y, grid.rows, grid.cols)
    p_values = 2 * norm.sf(np.abs(z_scores))
    cutoff = float(fdr(p_values, alpha()))
    result = []
    for position in np.flatnonzero((y > 0) | (p_values <= cutoff)):
        z, p = float(z_scores[position]), float(p_values[position])
        kind = ""
        if p <= cutoff:
            kind = "hot" if z > 0 else "cold"
        result.append(Cell(order[position], int(y[position]), round(z, 3), float(f"{p:.3g}"),
                           kind))
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
