"""The queue's plans on PostgreSQL (issue 18): every query the queue runs for an open
view reads a partial index of open reports, never the whole table.

At a million reports the planner once abandoned the (department, status, due) index for
a walk of every report in due order (1.2 s). The partial indexes' size follows the open
reports only; these tests fill the table with years of closed reports and a few open ones
(the shape of a real city's table), ANALYZE it, and read EXPLAIN (FORMAT JSON) of the
queries the queue really sends, for the administrator's, a ward officer's and a
department's queue, overdue included. Skipped without PostgreSQL (CI runs them on it).
"""

from __future__ import annotations

import json

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext

from smartdistrict.accounts.models import User
from smartdistrict.accounts.selectors import scope_for
from smartdistrict.console.queue import QueueFilters, queue_page
from smartdistrict.feedback.models import Report
from smartdistrict.feedback.tests.conftest import fill_reports

pytestmark = [pytest.mark.service, pytest.mark.django_db]

CLOSED_ROWS = 60_000
OPEN_ROWS = 3_000
PARTIAL = {"report_open_due", "report_open_ward", "report_open_department"}


@pytest.fixture
def city_table(make_report):
    """CLOSED_ROWS closed and OPEN_ROWS open reports over every unit and department of
    the demo's reports, written by one INSERT … SELECT generate_series, then ANALYZE."""
    if connection.vendor != "postgresql":
        pytest.skip("query plans are PostgreSQL's (set DATABASE_URL to a PostgreSQL server)")
    template = make_report()
    make_report(ward="26956")
    pairs = list(Report.objects.values_list("ward_id", "department_id").distinct())
    from smartdistrict.geography.models import Level, Unit
    from smartdistrict.organisations.models import Department

    wards = list(Unit.objects.filter(level=Level.WARD).values_list("id", flat=True))
    departments = list(Department.objects.values_list("id", flat=True))
    # The generated columns; every other column is the template report's (so a column
    # added to Report later needs nothing here).
    generated = {
        "code": "'PLAN-' || g",
        "ward_id": "(%(wards)s::bigint[])[1 + g %% cardinality(%(wards)s::bigint[])]",
        "department_id": "(%(departments)s::bigint[])"
                         "[1 + (g * 7) %% cardinality(%(departments)s::bigint[])]",
        "status": "CASE WHEN g <= %(open)s THEN (ARRAY['new', 'assigned', 'in_progress', "
                  "'reopened'])[1 + g %% 4] ELSE (ARRAY['closed', 'resolved', 'rejected', "
                  "'closed'])[1 + g %% 4] END",
        "due_at": "now() - make_interval(days => (g %% 1000) - 3)",
        "created_at": "now() - make_interval(days => g %% 1000)",
        "updated_at": "now()",
        "resolved_at": "CASE WHEN g > %(open)s THEN now() - make_interval(days => g %% 1000) END",
    }
    fill_reports(template, CLOSED_ROWS + OPEN_ROWS, generated,
                 {"wards": wards, "departments": departments, "open": OPEN_ROWS})
    return pairs


def _plans(sql: str) -> list[dict]:
    """Every node of the plan of ``sql`` (already a complete statement)."""
    with connection.cursor() as cursor:
        cursor.execute("EXPLAIN (FORMAT JSON) " + sql)
        plan = cursor.fetchone()[0]
    plan = json.loads(plan) if isinstance(plan, str) else plan
    nodes, stack = [], [plan[0]["Plan"]]
    while stack:
        node = stack.pop()
        nodes.append(node)
        stack.extend(node.get("Plans", []))
    return nodes


def _queue_queries(username: str, overdue: bool) -> list[str]:
    """The statements on feedback_report that one queue page sends (the closed states'
    counts come from the cache, as they do between refreshes of the cache)."""
    user = User.objects.get(username=username)
    filters = QueueFilters(overdue=overdue)
    scope = scope_for(user)
    queue_page(user, filters, scope=scope)  # fills the closed counts' cache
    with CaptureQueriesContext(connection) as captured:
        page = queue_page(user, filters, scope=scope)
    assert page.rows, "the queue shows open reports"
    return [q["sql"] for q in captured.captured_queries if "feedback_report" in q["sql"]]


@pytest.mark.parametrize(("username", "intended"), [
    ("admin", "report_open_due"),
    ("canbo.binhquoi", "report_open_ward"),
    ("kthtdt.thanhmytay", "report_open_department"),
])
@pytest.mark.parametrize("overdue", [False, True])
def test_open_queue_reads_only_partial_indexes_of_open_reports(city_table, username,
                                                               intended, overdue):
    """No query of an open queue scans the table or an index of every report; the page
    of ids walks the scope's partial index in due order."""
    cache.clear()
    queries = _queue_queries(username, overdue)
    with connection.cursor() as cursor:
        cursor.execute("SELECT indexname FROM pg_indexes WHERE tablename = 'feedback_report'")
        on_reports = {row[0] for row in cursor.fetchall()}
    used: set[str] = set()
    for sql in queries:
        for node in _plans(sql):
            if node.get("Relation Name") == "feedback_report":
                assert node["Node Type"] != "Seq Scan", f"seq scan over reports: {sql}"
            if node.get("Index Name") in on_reports:  # index scans, and bitmap index scans
                used.add(node["Index Name"])
    assert used <= PARTIAL | {"feedback_report_pkey"}, (username, used)
    ids = [q for q in queries if q.startswith('SELECT "feedback_report"."id" AS "id"')]
    assert len(ids) == 1
    assert intended in {n.get("Index Name") for n in _plans(ids[0])}, (username, ids[0])


def test_counts_use_count_star_and_the_scope_index(city_table):
    """The open states' counts are COUNT(*) (not COUNT(id), which kept PostgreSQL from
    the index) and read the ward's partial index only."""
    cache.clear()
    queries = _queue_queries("canbo.binhquoi", overdue=False)
    counts = [q for q in queries if "GROUP BY" in q]
    assert counts and all("COUNT(*)" in q for q in counts)
    nodes = _plans(counts[0])
    scans = {n.get("Index Name") for n in nodes if n.get("Relation Name") == "feedback_report"}
    scans |= {n.get("Index Name") for n in nodes if n["Node Type"] == "Bitmap Index Scan"}
    scans.discard(None)
    assert scans == {"report_open_ward"}
