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


def _uniform_in_bounds(rng, geometry, count: int) -> tuple[np.ndarray, np.ndarray]:
    min_x, min_y, max_x, max_y = geometry.bounds
    return rng.uniform(min_x, max_x, count), rng.uniform(min_y, max_y, count)


def _inside(rng, geometry, count: int) -> tuple[np.ndarray, np.ndarray]:
    """``count`` points inside ``geometry`` (where reports are), uniformly."""
    lons, lats = np.empty(0), np.empty(0)
    while len(lons) < count:
        x, y = _uniform_in_bounds(rng, geometry, count)
        keep = shapely.contains_xy(geometry, x, y)
        lons, lats = np.concatenate([lons, x[keep]]), np.concatenate([lats, y[keep]])
    return lons[:count], lats[:count]


def run() -> list[Figure]:
    rng = np.random.default_rng(2026)
    index = get_index()
    figures = []
    cases = []
    if "765" in index.by_code and index.by_code["765"].id in index.boundaries:
        outline = index.boundaries[index.by_code["765"].id]
        lons, lats = _uniform_in_bounds(rng, outline, POINTS)
        cases += [
            (dt.date(2026, 1, 1), "the 5 wards of the former Bình Thạnh, 2026", lons, lats,
             "uniform points in the former district's bounding box"),
            (dt.date(2025, 3, 1), "the 15 wards of 2025 (former Bình Thạnh)", lons, lats,
             "uniform points in the former district's bounding box"),
        ]
    root = index.jurisdiction
    if root is not None and root.id in index.boundaries:
        lons, lats = _inside(rng, index.boundaries[root.id], POINTS)
        count = len(index.period(dt.date(2026, 1, 1)).geometries)
        cases.append((dt.date(2026, 1, 1), f"the city's {count} units, 2026", lons, lats,
                      "uniform points inside the city"))
    for date, label, lons, lats, where in cases:
        period = index.period(date)
        geometries = period.geometries  # already prepared, as the baseline is entitled to
        lookup_points(lats[:10], lons[:10], date)  # warm the index
        ours = _best(lambda date=date, lons=lons, lats=lats: lookup_points(lats, lons, date))
        base = _best(lambda g=geometries, lons=lons, lats=lats: _baseline(g, lons, lats))
        ours_rate, base_rate = POINTS / ours, POINTS / base
        goal = ("≥ 1,000,000 points/s and ≥ 0.5× baseline" if "city" in label
                else "≥ 500,000 points/s and ≥ 0.5× baseline")
        figures.append(
            Figure(
                name=f"batch point → unit, {label}",
                value=f"{ours_rate:,.0f} points/s ({ours_rate / base_rate:.2f}× baseline)",
                goal=goal,
                baseline=f"{base_rate:,.0f} points/s (contains_xy per prepared polygon)",
                how=f"`lookup_points` on {POINTS:,} {where}, best of {REPEAT}",
            )
        )
    return figures
