"""Acceptance 1: the headline figures equal an independent recomputation from the
reports, for several periods and units, including periods that cross the reforms."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from django.db import connection, transaction
from django.db.models import Q
from django.test.utils import CaptureQueriesContext

from smartdistrict.accounts.selectors import Scope
from smartdistrict.dashboard.selectors.figures import figures
from smartdistrict.dashboard.selectors.scope import Period, Selection, selection_in_scope
from smartdistrict.dashboard.tests import independent
from smartdistrict.dashboard.tests.conftest import TERRITORY
from smartdistrict.feedback.models import Report
from smartdistrict.geography.index import get_index
from smartdistrict.geography.models import Unit

D = dt.date
PERIODS = [
    Period(D(2025, 9, 16), D(2025, 10, 15)),  # the last 30 days of the history
    Period(D(2025, 6, 1), D(2025, 7, 31)),  # across 1 July 2025 (five new wards)
    Period(D(2024, 12, 15), D(2025, 1, 15)),  # across 1 January 2025 (20 → 15 wards)
    Period(D(2025, 4, 1), D(2025, 6, 30)),  # whole months only (monthly sums)
    Period(D(2024, 11, 20), D(2025, 8, 10)),  # whole months and loose days, both reforms
]
UNITS = ["", "26944", "26911", "26956"]


def _check(found, expected) -> None:
    now = found.current
    assert now.received == expected["received"]
    assert now.resolved == expected["resolved"]
    assert now.resolved_on_time == expected["on_time"]
    if expected["resolved"]:
        assert now.on_time_rate == pytest.approx(expected["on_time"] / expected["resolved"])
    assert found.overdue_now == expected["overdue_now"]
    assert found.median_response_s == expected["median_response_s"]
    assert found.median_resolution_s == expected["median_resolution_s"]
    assert now.ratings == expected["ratings"]
    assert now.ratings_good == expected["good"]
    if expected["ratings"]:
        assert now.mean_rating == pytest.approx(expected["mean_rating"])
    channels = {k: v for k, v in now.channels().items() if v}
    assert channels == dict(expected["channels"])


@pytest.mark.parametrize("period", PERIODS, ids=lambda p: f"{p.start}..{p.end}")
@pytest.mark.parametrize("unit", UNITS, ids=lambda u: u or "district")
def test_headline_equals_recomputation_from_reports(history, period, unit):
    selection = selection_in_scope(Scope(everything=True), unit)
    found = figures(selection, period)
    codes = TERRITORY[unit] if unit else None
    _check(found, independent.figures(period.start, period.end, ward_codes=codes))
    previous = period.previous()
    expected_before = independent.figures(previous.start, previous.end, ward_codes=codes)
    assert found.before.received == expected_before["received"]
    assert found.before.resolved == expected_before["resolved"]
    assert found.median_resolution_s_before == expected_before["median_resolution_s"]
    assert found.median_response_s_before == expected_before["median_response_s"]
    if not unit:
        assert found.current.received > 5  # a real sample, not an empty period


def test_period_across_july_2025_counts_predecessors_under_the_new_ward(history):
    period = Period(D(2025, 6, 1), D(2025, 7, 31))
    selection = selection_in_scope(Scope(everything=True), "26944")
    found = figures(selection, period)
    low, high = independent._bounds(period.start, period.end)
    filed = set(Report.objects.filter(
        created_at__gte=low, created_at__lt=high,
        ward__code__in=TERRITORY["26944"]).values_list("ward__code", flat=True))
    # Reports filed under the 2025 wards (June) and under Gia Định (July) both count.
    assert "26944" in filed and filed & {"765.p1.2025", "765.p2.2025", "765.p7.2025",
                                         "765.p17.2025"}
    june = independent.figures(D(2025, 6, 1), D(2025, 6, 30), ward_codes=TERRITORY["26944"])
    july = independent.figures(D(2025, 7, 1), D(2025, 7, 31), ward_codes={"26944"})
    assert found.current.received == june["received"] + july["received"]
    # The breakdown by ward names only the units of the period's end.
    district = figures(Selection(scope=Scope(everything=True)), period)
    today = {u.code for u in get_index().wards_on(period.end)}
    assert {row.code for row in district.by_ward} <= today
    assert {"26944", "26929", "26905", "26956", "26911"} <= {row.code for row in district.by_ward}
    assert sum(row.sums.received for row in district.by_ward) == district.current.received
    gia_dinh = next(row for row in district.by_ward if row.code == "26944")
    assert gia_dinh.sums.received == found.current.received


def test_breakdowns_add_up_and_rank_worst_first(history):
    period = Period(D(2025, 1, 1), D(2025, 9, 30))
    found = figures(Selection(scope=Scope(everything=True)), period)
    for rows in (found.by_ward, found.by_department, found.by_category):
        assert sum(r.sums.received for r in rows) == found.current.received
        assert sum(r.sums.resolved for r in rows) == found.current.resolved
        rates = [r.sums.on_time_rate for r in rows if r.sums.on_time_rate is not None]
        assert rates == sorted(rates)
    expected = independent.figures(period.start, period.end)
    by_category = {r.code: r.sums.received for r in found.by_category}
    theft = independent.figures(period.start, period.end, extra=Q(category__code="trom-cap"))
    assert by_category.get("trom-cap", 0) == theft["received"]
    assert found.current.received == expected["received"]


def test_scope_of_a_ward_officer_and_of_department_staff(history):
    from smartdistrict.accounts.models import User
    from smartdistrict.dashboard.selectors.scope import selection_for
    from smartdistrict.organisations.models import Department

    period = Period(D(2024, 10, 1), D(2025, 10, 15))
    officer = selection_for(User.objects.get(username="canbo.binhquoi"))
    found = figures(officer, period)
    expected = independent.figures(period.start, period.end, ward_codes=TERRITORY["26911"])
    _check(found, expected)
    assert {row.code for row in found.by_ward} == {"26911"}
    staff = User.objects.get(username="kthtdt.thanhmytay")
    department = Department.objects.get(code="kthtdt-thanh-my-tay")
    found = figures(selection_for(staff), period)
    expected = independent.figures(period.start, period.end,
                                   extra=Q(department_id=department.id))
    _check(found, expected)
    assert {row.code for row in found.by_department} <= {department.code}


def test_an_unknown_or_non_ward_unit_is_refused(history):
    from smartdistrict.core.errors import InvalidInput

    with pytest.raises(InvalidInput):
        selection_in_scope(Scope(everything=True), "no-such-unit")
    city = Unit.objects.get(code="79")
    with pytest.raises(InvalidInput):
        selection_in_scope(Scope(everything=True), city.code)


def _nodes(plan: dict):
    yield plan
    for child in plan.get("Plans", []):
        yield from _nodes(child)


def test_the_previous_periods_loose_days_read_only_the_totals_rows(history):
    """The previous period needs only the totals (dimension 0) of its loose days: a
    partial index finds them, where the key's range of days read every key of those
    days (555 rows a day at a million reports, issue 18). The index chosen, not the scan:
    sequential and bitmap scans off, as on tables too large for them (PostgreSQL)."""
    if connection.vendor != "postgresql":
        pytest.skip("query plans are PostgreSQL's (set DATABASE_URL to a PostgreSQL server)")
    period = Period(D(2025, 9, 16), D(2025, 10, 15))  # loose days in both periods
    with CaptureQueriesContext(connection) as captured:
        figures(selection_in_scope(Scope(everything=True), ""), period)
    (query,) = [q["sql"] for q in captured.captured_queries
                if "dashboard_dailyrollup" in q["sql"]]
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("SET LOCAL enable_seqscan = off")
        cursor.execute("SET LOCAL enable_bitmapscan = off")
        cursor.execute(f"EXPLAIN (FORMAT JSON) {query}")
        plan = cursor.fetchone()[0]
    scans = [node for node in _nodes((plan if isinstance(plan, list) else
                                      json.loads(plan))[0]["Plan"])
             if node.get("Relation Name") == "dashboard_dailyrollup"]
    totals = [node for node in scans
              if "dimension = 0" in node.get("Index Cond", "") + node.get("Filter", "")
              or node.get("Index Name") == "dash_daily_rollup_total"]
    assert totals, scans  # the previous period has loose days here
    assert {node.get("Index Name") for node in totals} == {"dash_daily_rollup_total"}, totals
