"""Single point lookups over real HTTP: gunicorn serving the app, a client on loopback."""

from __future__ import annotations

import http.client
import os
import socket
import statistics
import subprocess
import sys
import time
from pathlib import Path

import numpy as np
import shapely

from benchmarks.report import Figure
from smartdistrict.geography.index import get_index

REQUESTS = 2_000
WARMUP = 100


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _wait(port: int, seconds: float = 30.0) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.5):
                return
        except OSError:
            time.sleep(0.2)
    raise RuntimeError("gunicorn did not start")


def _points_inside(count: int) -> tuple[np.ndarray, np.ndarray]:
    """Uniform points inside the district outline, so every request finds a ward."""
    outline = get_index().boundaries[get_index().by_code["765"].id]
    min_x, min_y, max_x, max_y = outline.bounds
    rng = np.random.default_rng(11)
    lons = rng.uniform(min_x, max_x, count * 3)
    lats = rng.uniform(min_y, max_y, count * 3)
    inside = shapely.contains_xy(outline, lons, lats)
    return lats[inside][:count], lons[inside][:count]


def run() -> list[Figure]:
    port = _free_port()
    gunicorn = Path(sys.executable).with_name("gunicorn")
    server = subprocess.Popen(
        [str(gunicorn), "smartdistrict.wsgi", "--bind", f"127.0.0.1:{port}",
         "--workers", "1", "--log-level", "warning"],
        env={**os.environ, "GEOGRAPHY_INDEX_CHECK_SECONDS": "5", "LOG_LEVEL": "ERROR"},
    )
    try:
        _wait(port)
        lats, lons = _points_inside(REQUESTS + WARMUP)
        timings = []
        statuses: dict[int, int] = {}
        for i in range(REQUESTS + WARMUP):
            connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
            started = time.perf_counter()
            connection.request("GET", f"/api/v1/geography/lookup?lat={lats[i]}&lon={lons[i]}")
            response = connection.getresponse()
            response.read()
            elapsed = time.perf_counter() - started
            connection.close()
            if i >= WARMUP:
                timings.append(elapsed * 1000)
                statuses[response.status] = statuses.get(response.status, 0) + 1
    finally:
        server.terminate()
        server.wait(timeout=10)
    timings.sort()
    p50 = statistics.median(timings)
    p99 = timings[int(len(timings) * 0.99) - 1]
    mix = ", ".join(f"{count} × {status}" for status, count in sorted(statuses.items()))
    return [
        Figure(
            name="single point lookup over HTTP",
            value=f"p50 {p50:.2f} ms, p99 {p99:.2f} ms",
            how=f"{REQUESTS:,} sequential GET /api/v1/geography/lookup to gunicorn "
            f"(1 sync worker) on loopback, a new connection each, "
            f"points inside the district ({mix})",
        )
    ]
