"""The sync of ReportDuration with the facts (a full refresh, the nightly check) joins
whole tables by hash, never by a nested loop over the table (PostgreSQL): on a new
deployment the table is empty when the planner first sees it, and the statement that
inserts the missing rows ran as a nested loop whose inner side scanned the table it was
inserting into, every page written so far at every fact (46 s at 100,000 reports,
quadratic). Skipped without PostgreSQL (CI runs it on it)."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from django.db import connection

from smartdistrict.dashboard.facts import walk
from smartdistrict.dashboard.models import ReportDuration, ReportFact

pytestmark = pytest.mark.django_db

FACTS = 6_000
FIRST_DAY = dt.date(2026, 1, 1)


@pytest.fixture
def facts():
    if connection.vendor != "postgresql":
        pytest.skip("query plans are PostgreSQL's (set DATABASE_URL to a PostgreSQL server)")
    days = [FIRST_DAY + dt.timedelta(days=i % 300) for i in range(FACTS)]
    with connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO {ReportFact._meta.db_table} (report_id, ward_id, department_id, "  # noqa: S608
            "category_id, channel, status, is_open, due_at, created_day, created_slot, "
            "h3_cell, response_day, response_s, response_bucket, resolved_day, resolution_s, "
            "resolution_bucket) "
            "SELECT id, 1, 1, 1, 'web', 'closed', false, now(), day, 0, '', day, id * 7, 3, "
            "day, id * 11, 4 FROM unnest(%s::bigint[], %s::date[]) AS t(id, day)",
            [list(range(1, FACTS + 1)), days])
        cursor.execute(f"ANALYZE {ReportFact._meta.db_table}")
        # Empty and known to be empty, as after `make bench`'s VACUUM ANALYZE of a new
        # database (a table never analyzed is assumed to hold some rows).
        cursor.execute(f"TRUNCATE {ReportDuration._meta.db_table}")
        cursor.execute(f"ANALYZE {ReportDuration._meta.db_table}")


def _nested_scans(plan: dict) -> list[str]:
    """Nested loops whose inner side scans ReportDuration sequentially."""
    found = []
    inner = plan.get("Plans", [])
    if plan["Node Type"] == "Nested Loop" and len(inner) == 2:
        scanned = json.dumps(inner[1])
        if '"Seq Scan"' in scanned and ReportDuration._meta.db_table in scanned:
            found.append(plan.get("Join Type", ""))
    for child in inner:
        found += _nested_scans(child)
    return found


def test_the_sync_plans_every_statement_on_the_rows_as_they_are(facts):
    planned: list = []

    def explain_first(execute, sql, params, many, context):
        if sql.startswith(("INSERT INTO dashboard_reportduration", "DELETE FROM")):
            execute(f"SELECT COUNT(*) FROM {ReportDuration._meta.db_table}",  # noqa: S608
                    None, False,
                    context)
            stored = context["cursor"].fetchone()[0]
            execute(f"EXPLAIN (FORMAT JSON) {sql}", params, many, context)
            planned.append((sql, stored, context["cursor"].fetchone()[0][0]["Plan"]))
        return execute(sql, params, many, context)

    with connection.execute_wrapper(explain_first):
        written = walk.sync()
    assert written == 2 * FACTS
    assert ReportDuration.objects.count() == 2 * FACTS and walk.differences() == 0
    assert len(planned) == 4 and planned[-1][1] == FACTS  # the second kind's statements
    for sql, _stored, plan in planned:
        assert _nested_scans(plan) == [], sql
