"""Acceptance 3 of issue 16: the ranking of candidate alleys equals an independent
recomputation from the reports near each line.

The recomputation shares no code with the app: it reads the reports straight from the
table, measures each point's distance to each segment on a plane tangent at the point
(not Shapely, not H3, not feedback.near_lines), counts the reports within the distance
in the condition categories and window, and ranks by reports per 100 m, then per
household, then by name. Reports are placed at random, but never within half a metre of
the distance limit, where two correct measures could disagree.
"""

from __future__ import annotations

import datetime as dt
import itertools
import json
import math
import random

import pytest
from django.conf import settings
from django.utils import timezone

from smartdistrict.accounts.selectors import scope_for
from smartdistrict.alleys.geometry import haversine_m
from smartdistrict.alleys.models import Alley
from smartdistrict.alleys.selectors.register import candidates, condition_since
from smartdistrict.feedback.models import Report
from smartdistrict.feedback.tests.conftest import create_report

pytestmark = pytest.mark.django_db

EARTH = 6_371_008.8
ALLEYS = {  # name: (households, line) in Bình Quới
    "Hẻm A": (12, [(106.7410, 10.8212), (106.7418, 10.8213), (106.7425, 10.8216)]),
    "Hẻm B": (30, [(106.7430, 10.8225), (106.7431, 10.8236)]),
    "Hẻm C": (8, [(106.7400, 10.8228), (106.7412, 10.8229)]),
    "Hẻm D": (0, [(106.7437, 10.8205), (106.7447, 10.8207), (106.7449, 10.8214)]),
    "Hẻm E": (20, [(106.7405, 10.8240), (106.7406, 10.8248)]),
}
CATEGORIES = ["hu-hong-duong", "ngap-nuoc", "den-chieu-sang", "rac-thai", "tieng-on"]


def segment_distance_m(lon: float, lat: float, a: tuple, b: tuple) -> float:
    """Distance from the point to segment a–b on the plane tangent at the point."""
    k = EARTH * math.cos(math.radians(lat)) * math.pi / 180
    m = EARTH * math.pi / 180
    ax, ay = (a[0] - lon) * k, (a[1] - lat) * m
    bx, by = (b[0] - lon) * k, (b[1] - lat) * m
    dx, dy = bx - ax, by - ay
    t = 0.0 if dx == dy == 0 else max(0.0, min(1.0, -(ax * dx + ay * dy) / (dx * dx + dy * dy)))
    return math.hypot(ax + t * dx, ay + t * dy)


def line_distance_m(lon, lat, coords) -> float:
    return min(segment_distance_m(lon, lat, a, b) for a, b in itertools.pairwise(coords))


def independent_ranking(alleys: list[Alley], limit_m: float) -> list[tuple[str, int]]:
    since = condition_since()
    rows = list(Report.objects.filter(
        category__code__in=settings.ALLEYS_CONDITION_CATEGORIES, created_at__gte=since,
        lat__isnull=False,
    ).values_list("lat", "lon"))
    ranked = []
    for alley in alleys:
        coords = json.loads(alley.geometry)["coordinates"]
        count = sum(1 for lat, lon in rows if line_distance_m(lon, lat, coords) <= limit_m)
        length = sum(haversine_m(*a, *b) for a, b in itertools.pairwise(coords))
        per_100m = round(100 * count / length, 2)
        per_household = round(count / alley.households, 2) if alley.households else 0
        ranked.append(((-per_100m, -per_household, alley.name, alley.code), alley.code, count))
    return [(code, count) for _key, code, count in sorted(ranked)]


def scatter(alleys: list[Alley], limit_m: float, seed: int) -> int:
    """Reports near and around the lines (and some old ones), none on the limit."""
    rng = random.Random(seed)
    made = 0
    lines = [json.loads(a.geometry)["coordinates"] for a in alleys]
    while made < 70:
        coords = rng.choice(lines)
        a, b = rng.sample(range(len(coords)), 2) if len(coords) > 2 else (0, 1)
        t = rng.random()
        lon = coords[a][0] + t * (coords[b][0] - coords[a][0]) + rng.gauss(0, 0.00035)
        lat = coords[a][1] + t * (coords[b][1] - coords[a][1]) + rng.gauss(0, 0.00035)
        if any(abs(line_distance_m(lon, lat, c) - limit_m) < 0.5 for c in lines):
            continue
        report, _created = create_report(
            category=rng.choice(CATEGORIES), lat=lat, lon=lon,
            description="Phản ánh thử nghiệm về tình trạng hẻm.")
        if rng.random() < 0.15:  # outside the window: must not count
            Report.objects.filter(pk=report.pk).update(
                created_at=timezone.now() - dt.timedelta(days=800))
        made += 1
    return made


@pytest.mark.parametrize("seed", [7, 2026])
def test_the_ranking_equals_an_independent_recomputation(make_alley, officer, seed):
    alleys = [make_alley(name=name, coords=line, households=households)
              for name, (households, line) in ALLEYS.items()]
    scatter(alleys, settings.ALLEYS_REPORT_DISTANCE_M, seed)
    ranked = candidates(scope_for(officer), unit_id=alleys[0].unit_id)
    expected = independent_ranking(alleys, settings.ALLEYS_REPORT_DISTANCE_M)
    got = [(c.alley.code, c.condition.count) for c in ranked
           if c.alley.code in {a.code for a in alleys}]
    assert got == expected
    assert sum(count for _code, count in got) > 10  # the lines did have reports near them
    assert [c.rank for c in ranked] == list(range(1, len(ranked) + 1))


def test_the_ranking_is_scoped_to_the_officers_wards(make_alley, other_officer, officer):
    mine = make_alley(name="Hẻm của Bình Quới", coords=ALLEYS["Hẻm A"][1])
    assert mine.code in {c.alley.code for c in candidates(scope_for(officer))}
    assert mine.code not in {c.alley.code for c in candidates(scope_for(other_officer))}
