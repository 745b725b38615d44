"""Batch point → ward lookups against raw ``shapely.contains_xy`` over the same polygons."""

from __future__ import annotations

import datetime as dt
import time

import numpy as np
import shapely

from benchmarks.report import Figure
from smartdistrict.geography.index import get_index
from smartdistrict.geography.selectors import lookup_points

POINTS = 1_000_000
REPEAT = 3


def _best(function) -> float:
    best = float("inf")
    for _ in range(REPEAT):
        started = time.perf_counter()
        function()
        best = min(best, time.perf_counter() - started)
    return best


def _baseline(geometries, lons, lats) -> np.ndarray:
    """The plainest correct use of Shapely: every polygon tested against every point."""
    result = np.full(len(lons), -1)
    for position, geometry in enumerate(geometries):
        result[shapely.contains_xy(geometry, lons, lats)] = position
    return result


def run() -> list[Figure]:
    rng = np.random.default_rng(2026)
    outline = get_index().boundaries[get_index().by_code["765"].id]
    min_x, min_y, max_x, max_y = outline.bounds
    lons = rng.uniform(min_x, max_x, POINTS)
    lats = rng.uniform(min_y, max_y, POINTS)
    figures = []
    for date, label in ((dt.date(2026, 1, 1), "5 wards of 2026"),
                        (dt.date(2025, 3, 1), "15 wards of 2025")):
        period = get_index().period(date)
        geometries = period.geometries  # already prepared, as the baseline is entitled to
        lookup_points(lats[:10], lons[:10], date)  # warm the index
        ours = _best(lambda date=date: lookup_points(lats, lons, date))
        base = _best(lambda g=geometries: _baseline(g, lons, lats))
        ours_rate, base_rate = POINTS / ours, POINTS / base
        figures.append(
            Figure(
                name=f"batch point → ward, {label}",
                value=f"{ours_rate:,.0f} points/s ({ours_rate / base_rate:.2f}× baseline)",
                goal="≥ 500,000 points/s and ≥ 0.5× baseline",
                baseline=f"{base_rate:,.0f} points/s (contains_xy per prepared polygon)",
                how=f"`lookup_points` on {POINTS:,} uniform points in the district's "
                f"bounding box, best of {REPEAT}",
            )
        )
    return figures
