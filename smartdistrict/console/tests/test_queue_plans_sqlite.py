"""The queue's plans on SQLite: the open queues read the partial indexes of open reports.

SQLite uses a partial index only for a query whose terms are written as the index's
condition, to the order of an IN list. The open states were a set whose order followed
each process's hash seed, so in most processes the city-wide overdue queue ignored
the partial indexes and read every report due before now (0.7 s at a million reports in
the SQLite make bench of 2026-12-08). PostgreSQL proves the condition whatever the order
(test_queue_plans.py)."""

from __future__ import annotations

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext

from smartdistrict.accounts.models import User
from smartdistrict.accounts.selectors import scope_for
from smartdistrict.console.queue import QueueFilters, queue_page
from smartdistrict.feedback.models.reports import OPEN_STATE_VALUES

pytestmark = pytest.mark.django_db

CONDITION = '"status" IN (' + ", ".join(f"'{v}'" for v in OPEN_STATE_VALUES) + ")"


def _report_statements(username: str, overdue: bool) -> list[str]:
    user = User.objects.get(username=username)
    cache.clear()
    queue_page(user, QueueFilters(overdue=overdue), scope=scope_for(user))  # closed counts
    with CaptureQueriesContext(connection) as captured:
        queue_page(user, QueueFilters(overdue=overdue), scope=scope_for(user))
    return [q["sql"] for q in captured.captured_queries
            if 'FROM "feedback_report"' in q["sql"] and '"status" IN' in q["sql"]]


@pytest.mark.parametrize("overdue", [False, True])
def test_open_states_are_written_as_the_partial_indexes_condition(make_report, overdue):
    make_report()
    statements = _report_statements("admin", overdue)
    assert statements
    for sql in statements:
        assert CONDITION in sql, sql


@pytest.mark.parametrize("overdue", [False, True])
def test_the_city_wide_queue_reads_only_partial_indexes_of_open_reports(make_report, overdue):
    if connection.vendor != "sqlite":
        pytest.skip("SQLite's planner (PostgreSQL's plans: test_queue_plans.py)")
    make_report()
    for sql in _report_statements("admin", overdue):
        with connection.cursor() as cursor:
            cursor.execute("EXPLAIN QUERY PLAN " + sql)
            plan = " ".join(str(row[-1]) for row in cursor.fetchall())
        # every read of reports goes through a partial index of open reports (the counts
        # may take the department's, whose columns cover them too)
        assert "feedback_report USING" in plan, (sql, plan)
        reads = plan.split("feedback_report")[1:]
        assert all(read.strip().startswith(("USING COVERING INDEX report_open_",
                                            "USING INDEX report_open_"))
                   for read in reads), (sql, plan)
