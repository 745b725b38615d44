"""Reports near lines (feedback.near_lines): distance, categories, window, open only."""

from __future__ import annotations

import datetime as dt
import math

import pytest
from django.utils import timezone

from smartdistrict.feedback.models import Report
from smartdistrict.feedback.near_lines import reports_near_lines
from smartdistrict.feedback.tests.conftest import create_report

pytestmark = pytest.mark.django_db

# An east-west line of about 200 m in Bình Quới, at latitude 10.8220.
LAT, WEST, EAST = 10.8220, 106.7410, 106.74283
M_PER_DEGREE = 111_320.0


def north_of_line(metres: float, lon: float = 106.7419) -> tuple[float, float]:
    return LAT + metres / M_PER_DEGREE, lon


def make(category: str, lat: float, lon: float) -> Report:
    return create_report(category=category, lat=lat, lon=lon,
                         description="Phản ánh thử nghiệm gần tuyến hẻm.")[0]


def test_reports_within_the_distance_of_a_line_with_their_distance():
    inside = [make("ngap-nuoc", *north_of_line(m)) for m in (3, 18, 28.5)]
    outside = [make("ngap-nuoc", *north_of_line(m)) for m in (31.5, 80)]
    beyond_the_end = make("ngap-nuoc", LAT,
                          EAST + 40 / (M_PER_DEGREE * math.cos(math.radians(LAT))))
    found = reports_near_lines([[(WEST, LAT), (EAST, LAT)]], distance_m=30)
    assert [r.code for r in found] == [r.code for r in inside]
    assert [r.distance_m for r in found] == [pytest.approx(m, abs=0.5) for m in (3, 18, 28.5)]
    codes = {r.code for r in found}
    assert not codes & {r.code for r in [*outside, beyond_the_end]}


def test_categories_window_and_open_only():
    flood = make("ngap-nuoc", *north_of_line(5))
    noise = make("tieng-on", *north_of_line(5))
    old = make("ngap-nuoc", *north_of_line(6))
    Report.objects.filter(pk=old.pk).update(created_at=timezone.now() - dt.timedelta(days=900))
    closed = make("ngap-nuoc", *north_of_line(7))
    Report.objects.filter(pk=closed.pk).update(status="closed")
    line = [[(WEST, LAT), (EAST, LAT)]]
    everything = {r.code for r in reports_near_lines(line, distance_m=30)}
    assert {flood.code, noise.code, old.code, closed.code} <= everything
    flooding = {r.code for r in reports_near_lines(line, distance_m=30,
                                                   category_codes=["ngap-nuoc"])}
    assert noise.code not in flooding and flood.code in flooding
    recent = {r.code for r in reports_near_lines(
        line, distance_m=30, since=timezone.now() - dt.timedelta(days=365))}
    assert old.code not in recent and flood.code in recent
    still_open = {r.code for r in reports_near_lines(line, distance_m=30, open_only=True)}
    assert closed.code not in still_open and flood.code in still_open
    assert reports_near_lines(line, distance_m=30, category_codes=["no-such"]) == []
    assert reports_near_lines([], distance_m=30) == []


def test_a_report_near_two_lines_counts_for_each_and_multilines_work():
    corner = make("hu-hong-duong", LAT + 2 / M_PER_DEGREE, WEST + 0.00002)
    along = [(WEST, LAT), (EAST, LAT)]
    across = [[(WEST, LAT - 0.001), (WEST, LAT + 0.001)], [(EAST, LAT), (EAST, LAT + 0.001)]]
    found = reports_near_lines([along, across], distance_m=10)
    assert sorted(r.line for r in found if r.code == corner.code) == [0, 1]
