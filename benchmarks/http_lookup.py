"""Single point lookups over real HTTP: gunicorn serving the app, a client on loopback."""

from __future__ import annotations

import http.client
import statistics
import time

import numpy as np
import shapely
from django.utils import timezone

from benchmarks.report import Figure
from benchmarks.server import gunicorn
from smartdistrict.geography.index import get_index
from smartdistrict.geography.selectors import lookup_point

REQUESTS = 2_000
WARMUP = 100


def _points_inside(count: int) -> tuple[np.ndarray, np.ndarray]:
    """Uniform points inside today's units (the city's 168), so every request finds one.

    Drawn inside the units' own boundaries, not the city's outline: the two come from
    different sources and differ along the edges (0.04 % of the outline's area lies in
    no unit), so a point inside the outline may rightly be answered 404 "outside the area
    served" — one request in 2,000 was, when points were drawn inside the outline."""
    index = get_index()
    wards = [index.boundaries[r.id] for r in index.wards_on(timezone.localdate())
             if r.id in index.boundaries]
    min_x, min_y, max_x, max_y = index.boundaries[index.jurisdiction.id].bounds
    rng = np.random.default_rng(11)
    lats, lons = np.empty(0), np.empty(0)
    while len(lats) < count:  # the city's box is mostly sea (Côn Đảo): draw until enough
        x, y = rng.uniform(min_x, max_x, count * 4), rng.uniform(min_y, max_y, count * 4)
        inside = np.zeros(len(x), dtype=bool)
        for ward in wards:
            inside |= shapely.contains_xy(ward, x, y)
        lats, lons = np.concatenate([lats, y[inside]]), np.concatenate([lons, x[inside]])
    return lats[:count], lons[:count]


def run() -> list[Figure]:
    with gunicorn(workers=1, CONFIG_VERSION_CHECK_SECONDS="1") as port:
        lats, lons = _points_inside(REQUESTS + WARMUP)
        timings, floors = [], []
        statuses: dict[int, int] = {}
        for i in range(REQUESTS + WARMUP):
            # The worker's first request builds the city's index: give the warm-up time.
            connection = http.client.HTTPConnection("127.0.0.1", port,
                                                    timeout=10 if i >= WARMUP else 120)
            started = time.perf_counter()
            connection.request("GET", f"/api/v1/geography/lookup?lat={lats[i]}&lon={lons[i]}")
            response = connection.getresponse()
            response.read()
            elapsed = time.perf_counter() - started
            connection.close()
            started = time.perf_counter()  # the baseline: the same lookup in this process
            lookup_point(float(lats[i]), float(lons[i]))
            floor = time.perf_counter() - started
            if i >= WARMUP:
                timings.append(elapsed * 1000)
                floors.append(floor * 1000)
                statuses[response.status] = statuses.get(response.status, 0) + 1
    timings.sort()
    p50 = statistics.median(timings)
    p99 = timings[int(len(timings) * 0.99) - 1]
    mix = ", ".join(f"{count:,} × {status}" for status, count in sorted(statuses.items()))
    return [
        Figure(
            name="single point lookup over HTTP",
            goal="p50 ≤ 2 ms",
            value=f"p50 {p50:.2f} ms, p99 {p99:.2f} ms",
            baseline=f"`lookup_point` of the same points in process (no HTTP, no Django) "
                     f"p50 {statistics.median(floors):.3f} ms",
            how=f"{REQUESTS:,} sequential GET /api/v1/geography/lookup to gunicorn "
            f"(1 sync worker) on loopback, a new connection each, each followed by the "
            f"baseline's call, "
            f"points uniform inside the city's {len(get_index().wards_on(timezone.localdate()))}"
            f" units (answers: {mix})",
            holds=p50 <= 2 and set(statuses) == {200},
        )
    ]
