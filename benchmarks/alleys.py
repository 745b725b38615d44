"""Ranking a ward's candidate alleys by the residents' reports near each line.

The ranking (smartdistrict.alleys.selectors.register.candidates) reads the reports
through feedback.near_lines: the H3 cells along the lines, one read of the
(category, cell) covering index, then Shapely's STRtree on a local metric plane. The
baseline, in the same run, is what one would write without them: every condition report
of the ward's bounding box read from the table, measured against every alley in Python.

Scale: BENCH_ALLEYS_REPORTS reports stored (demo reports over the city, default
1,000,000; more are seeded when fewer are stored) and BENCH_ALLEYS_ALLEYS illustrative
alleys in phường Bình Quới (default 300). ``python -m benchmarks.alleys`` runs it alone
(small scale: BENCH_ALLEYS_REPORTS=20000 BENCH_ALLEYS_ALLEYS=40).
"""

from __future__ import annotations

import itertools
import json
import math
import os
import random
import statistics
import time

from benchmarks.report import Figure

REPORTS = int(os.environ.get("BENCH_ALLEYS_REPORTS", "1000000"))
ALLEYS = int(os.environ.get("BENCH_ALLEYS_ALLEYS", "300"))
REPEAT = 5
PREFIX = "bench-alley-"
WARD = "26911"  # Bình Quới
CENTRE = (106.7420, 10.8220)


def _alleys(count: int) -> list:
    """``count`` short lines scattered around the ward's centre (through the service)."""
    from smartdistrict.alleys.services.register import alley_upsert

    rng = random.Random(16)
    made = []
    for n in range(count):
        lon = CENTRE[0] + rng.uniform(-0.006, 0.006)
        lat = CENTRE[1] + rng.uniform(-0.006, 0.006)
        angle, parts = rng.uniform(0, math.pi), rng.randint(1, 3)
        line = [(lon, lat)]
        for _ in range(parts):
            step = rng.uniform(0.0004, 0.0012)
            angle += rng.uniform(-0.6, 0.6)
            lon, lat = lon + step * math.cos(angle), lat + step * math.sin(angle)
            line.append((lon, lat))
        try:
            made.append(alley_upsert(
                code=f"{PREFIX}{n:04d}", name=f"Hẻm đo hiệu năng {n}", check_actor=False,
                geometry=json.dumps({"type": "LineString", "coordinates": line}),
                households=rng.randint(5, 60), illustrative=True))
        except Exception:  # a line whose middle falls outside the ward: skip it
            continue
    return made


def _brute_force(alleys: list, unit_id: int) -> list[tuple[str, int]]:
    """The baseline: all condition reports of the lines' box, every pair measured."""
    from django.conf import settings

    from smartdistrict.alleys.geometry import line_coordinates
    from smartdistrict.alleys.selectors.register import condition_since
    from smartdistrict.feedback.models import Report

    min_lat = min(a.min_lat for a in alleys) - 0.001
    max_lat = max(a.max_lat for a in alleys) + 0.001
    min_lon = min(a.min_lon for a in alleys) - 0.001
    max_lon = max(a.max_lon for a in alleys) + 0.001
    rows = list(Report.objects.filter(
        category__code__in=settings.ALLEYS_CONDITION_CATEGORIES,
        created_at__gte=condition_since(), lat__range=(min_lat, max_lat),
        lon__range=(min_lon, max_lon)).values_list("lat", "lon"))
    limit = settings.ALLEYS_REPORT_DISTANCE_M
    counted = []
    for alley in alleys:
        coords = line_coordinates(alley.geometry)
        count = 0
        for lat, lon in rows:
            kx = 111_320 * math.cos(math.radians(lat))
            best = math.inf
            for (ax, ay), (bx, by) in itertools.pairwise(coords):
                px, py = (lon - ax) * kx, (lat - ay) * 111_320
                dx, dy = (bx - ax) * kx, (by - ay) * 111_320
                t = max(0.0, min(1.0, (px * dx + py * dy) / (dx * dx + dy * dy or 1)))
                best = min(best, math.hypot(px - t * dx, py - t * dy))
            count += best <= limit
        counted.append((alley.code, count))
    return counted


def _timed(function) -> tuple[float, object]:
    timings, result = [], None
    for _ in range(REPEAT):
        started = time.perf_counter()
        result = function()
        timings.append((time.perf_counter() - started) * 1000)
    return statistics.median(timings), result


def run() -> list[Figure]:
    from smartdistrict.accounts.selectors import Scope
    from smartdistrict.alleys.models import Alley
    from smartdistrict.alleys.selectors.register import candidates
    from smartdistrict.demo.reports import seed_reports
    from smartdistrict.feedback.models import Report
    from smartdistrict.geography.models import Unit

    stored = Report.objects.count()
    if stored < REPORTS:
        seed_reports(REPORTS - stored, seed=1616)
    stored = Report.objects.count()
    alleys = _alleys(ALLEYS)
    unit_id = Unit.objects.get(code=WARD).id
    try:
        scope = Scope(everything=True)
        ms, ranked = _timed(lambda: candidates(scope, unit_id=unit_id))
        baseline_ms, counted = _timed(lambda: _brute_force(alleys, unit_id))
        ours = {c.alley.code: c.condition.count for c in ranked}
        agree = all(ours.get(code) == count for code, count in counted)
        near = sum(count for _code, count in counted)
    finally:
        Alley.objects.filter(code__startswith=PREFIX).delete()
    return [Figure(
        name=f"Alleys ranked by residents' reports: {len(alleys)} alleys of a ward, "
             f"{stored:,} reports stored",
        value=f"p50 {ms:.0f} ms ({near:,} reports near the lines; same counts as the "
              f"baseline: {'yes' if agree else 'NO'})",
        goal="cost follows the ward's alleys, not the report table",
        baseline=f"every condition report of the lines' box measured in Python: p50 "
                 f"{baseline_ms:.0f} ms",
        how=f"`candidates()` for phường Bình Quới, median of {REPEAT}: H3 cells along the "
            "lines, one read of the (category, cell) covering index, Shapely STRtree "
            "within ALLEYS_REPORT_DISTANCE_M",
    )]


if __name__ == "__main__":
    import django

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "smartdistrict.settings")
    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0, interactive=False)
    call_command("seed_demo", "--reports", "0", verbosity=0)
    for figure in run():
        print(f"{figure.name}: {figure.value}\n  baseline: {figure.baseline}\n  how: {figure.how}")
