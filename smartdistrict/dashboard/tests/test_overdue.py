"""Overdue per ward, department and category, folded by the database, equal a count of
the reports themselves: from the refresh's snapshot and, before the day's first refresh,
from the facts."""

from __future__ import annotations

import json

import pytest
from django.db import connection
from django.db.models import Count
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from smartdistrict.accounts.selectors import Scope
from smartdistrict.dashboard.facts.refresh import facts_refresh
from smartdistrict.dashboard.models import OverdueSnapshot
from smartdistrict.dashboard.selectors.overdue import (
    DIMENSIONS,
    overdue_current,
    overdue_from_facts,
    overdue_recorded,
)
from smartdistrict.dashboard.selectors.scope import selection_in_scope
from smartdistrict.dashboard.tests.conftest import TERRITORY
from smartdistrict.feedback.models import OPEN_STATES, Report

EVERYWHERE = selection_in_scope(Scope(everything=True), "")


def _counted(ward_codes: set[str] | None = None) -> dict[str, dict[int, int]]:
    late = Report.objects.filter(status__in=OPEN_STATES, due_at__lt=timezone.now())
    if ward_codes:
        late = late.filter(ward__code__in=ward_codes)
    return {name: dict(late.order_by().values_list(name).annotate(n=Count("id")))
            for name in DIMENSIONS}


def test_the_snapshot_folds_into_the_three_breakdowns(history):
    facts_refresh()
    found = overdue_recorded(EVERYWHERE, timezone.localdate())
    expected = _counted()
    assert found.by == expected
    assert found.total == sum(expected["ward_id"].values()) > 0
    assert sum(found.by["department_id"].values()) == found.total


def test_a_ward_reads_its_own_rows_and_the_marker(history):
    facts_refresh()
    ward = selection_in_scope(Scope(everything=True), "26911")
    found = overdue_recorded(ward, timezone.localdate())
    assert found.by == _counted(TERRITORY["26911"])


def test_before_the_days_first_refresh_the_facts_answer(history):
    facts_refresh()
    OverdueSnapshot.objects.filter(day=timezone.localdate()).delete()
    assert overdue_recorded(EVERYWHERE, timezone.localdate()) is None
    now = timezone.now()
    found = overdue_current(EVERYWHERE, now, timezone.localdate())
    assert found.by == _counted()
    assert found.total == sum(_counted()["ward_id"].values())
    assert overdue_from_facts(EVERYWHERE, now).by == found.by


def test_a_day_counted_with_nothing_overdue_is_zero_not_missing(history):
    facts_refresh()
    today = timezone.localdate()
    OverdueSnapshot.objects.filter(day=today).exclude(ward_id=0).delete()
    found = overdue_recorded(EVERYWHERE, today)
    assert found is not None and found.total == 0
    assert found.by == {name: {} for name in DIMENSIONS}


def _nodes(plan: dict):
    yield plan
    for child in plan.get("Plans", []):
        yield from _nodes(child)


def test_postgresql_folds_the_snapshot_in_one_pass(history):
    """The snapshot's rows grow with the reports (2,557 at a million): PostgreSQL reads
    them once, grouped three ways by GROUPING SETS, not four times from a CTE."""
    if connection.vendor != "postgresql":
        pytest.skip("query plans are PostgreSQL's (set DATABASE_URL to a PostgreSQL server)")
    facts_refresh()
    with CaptureQueriesContext(connection) as captured:
        found = overdue_recorded(EVERYWHERE, timezone.localdate())
    assert found.by == _counted()
    (query,) = [q for q in captured.captured_queries if "dashboard_overduesnapshot" in q["sql"]]
    with connection.cursor() as cursor:
        cursor.execute(f"EXPLAIN (FORMAT JSON) {query['sql']}")
        plan = cursor.fetchone()[0]
    nodes = list(_nodes((plan if isinstance(plan, list) else json.loads(plan))[0]["Plan"]))
    scans = [n for n in nodes if n.get("Relation Name") == OverdueSnapshot._meta.db_table]
    assert len(scans) == 1, nodes
    assert not [n for n in nodes if n["Node Type"] == "CTE Scan"], nodes
