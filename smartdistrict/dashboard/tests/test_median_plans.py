"""A median's exact value on PostgreSQL (issue 18): read by walking one duration bucket in
order on ReportDuration's (kind, bucket, duration, day) index, from the nearer end, never
by sorting the bucket, whose size follows the reports (at a million reports a city-wide
median's bucket held 58,000 durations, sorted for every page).

The durations table is filled with 40,000 durations over two years (spread over several
buckets), beside as many resolution durations that the walk must skip, VACUUMed and
ANALYZEd as autovacuum would, and the median read through
`median_seconds` as the page does; its statements' EXPLAIN (FORMAT JSON) must show the
index and no Sort, and the value must be the exact median. Skipped without PostgreSQL
(CI runs them on it).
"""

from __future__ import annotations

import datetime as dt
import json
import random
import statistics
from collections import Counter

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from smartdistrict.accounts.selectors import Scope
from smartdistrict.dashboard.facts.rows import bucket
from smartdistrict.dashboard.models import DURATION_KINDS, ReportDuration, ReportFact
from smartdistrict.dashboard.selectors.figures import median_seconds
from smartdistrict.dashboard.selectors.scope import Period, Selection

# Committed, so that VACUUM can set the visibility map as autovacuum does on a live table
# (without it an index walk needs the heap for every row and the planner rightly sorts).
pytestmark = [pytest.mark.service, pytest.mark.django_db(transaction=True)]

FACTS = 40_000
TODAY = dt.date(2026, 12, 7)
CITY = Selection(scope=Scope(everything=True))


@pytest.fixture
def facts():
    """(day, response seconds) of every fact written, in one INSERT … SELECT unnest."""
    if connection.vendor != "postgresql":
        pytest.skip("query plans are PostgreSQL's (set DATABASE_URL to a PostgreSQL server)")
    rng = random.Random(18)
    days = [TODAY - dt.timedelta(days=int(rng.triangular(0, 730, 0))) for _ in range(FACTS)]
    seconds = [int(rng.lognormvariate(10, 0.6)) for _ in range(FACTS)]
    table = ReportDuration._meta.db_table
    with connection.cursor() as cursor:
        for kind, shift in DURATION_KINDS.items():  # resolutions: longer, the same days
            moved = [s * (1 if kind == "response" else 7) for s in seconds]
            cursor.execute(
                f"INSERT INTO {table} (report_id, kind, day, seconds, bucket, ward_id, "  # noqa: S608
                "department_id) SELECT id, %s, day, s, b, 1, 1 "
                "FROM unnest(%s::bigint[], %s::date[], %s::bigint[], %s::smallint[]) "
                "AS t(id, day, s, b)",
                [shift, list(range(1, FACTS + 1)), days, moved, [bucket(s) for s in moved]])
        cursor.execute(f"VACUUM ANALYZE {table}")
    return list(zip(days, seconds, strict=True))


def _plans(queries) -> list[dict]:
    found = []
    with connection.cursor() as cursor:
        for query in queries:
            cursor.execute(f"EXPLAIN (FORMAT JSON) {query['sql']}")
            plan = cursor.fetchone()[0]
            found.append((plan if isinstance(plan, list) else json.loads(plan))[0]["Plan"])
    return found


def _nodes(plan: dict):
    yield plan
    for child in plan.get("Plans", []):
        yield from _nodes(child)


@pytest.mark.parametrize("days", [30, 365, 730])
def test_the_median_walks_its_bucket_on_the_index_without_sorting(facts, days):
    period = Period(TODAY - dt.timedelta(days=days - 1), TODAY)
    durations = [s for day, s in facts if period.contains(day)]
    buckets = Counter(bucket(s) for s in durations)
    with CaptureQueriesContext(connection) as captured:
        found = median_seconds(CITY, period, "response", dict(buckets))
    assert found == float(statistics.median(durations))
    reads = [q for q in captured.captured_queries if "dashboard_reportduration" in q["sql"]]
    assert 1 <= len(reads) <= 2
    for plan in _plans(reads):
        kinds = {node["Node Type"] for node in _nodes(plan)}
        indexes = {node.get("Index Name") for node in _nodes(plan)}
        assert "Sort" not in kinds and "Incremental Sort" not in kinds, plan
        assert "dash_rd_walk" in indexes, plan


# What a resolution (or a first response) moved by a later correction changes in a fact.
DURATION_COLUMNS = {"response_day", "response_s", "response_bucket", "resolved_day",
                    "resolution_s", "resolution_bucket", "on_time"}


def test_no_index_of_the_facts_holds_a_duration():
    """The walk reads ReportDuration: an index of ReportFact on a duration would make the
    update of a changed duration write an entry in every index of the facts (no HOT
    update; test_storage checks that they are HOT on PostgreSQL)."""
    for index in ReportFact._meta.indexes:
        columns = set(index.fields) | set(index.include)
        assert not columns & DURATION_COLUMNS, index.name
