"""The duplicate lookup's generic plan on PostgreSQL reads report_nearby_cover (issue 18).

Intake sends its write statement, the duplicate lookup inside, prepared once per
connection (services.intake_rows); after five runs PostgreSQL may keep one generic plan,
chosen without the values. With the creation date bounded on both sides, the planner
gave that unknown range its default selectivity (0.5 % of the table) and, below some
200,000 reports, found the date index cheaper than the neighbourhood's: at 100,000
reports each report then read the last 30 days' 13,000 reports (24 ms instead of 1 ms),
and intake ran at half its speed. Bounded below only (reports are not created in the
future), the date looks like a third of the table to a generic plan, and the covering
index wins at every size. Skipped without PostgreSQL (CI runs it there).
"""

from __future__ import annotations

import json

import pytest
from django.db import connection, transaction
from django.utils import timezone

from smartdistrict.feedback.models import Category
from smartdistrict.feedback.selectors import NEARBY_NOTE_LIMIT, nearby_open_query
from smartdistrict.feedback.tests.conftest import fill_reports

pytestmark = [pytest.mark.service, pytest.mark.django_db]

ROWS = 20_000  # the old plan went wrong below ~200,000: the smaller, the surer


def _generic_plan_indexes(sql: str, params: list) -> set[str]:
    """The indexes of the generic plan of ``sql`` (%s placeholders) for ``params``."""
    pieces = sql.split("%s")
    numbered = [f"{piece}${n}" for n, piece in enumerate(pieces[:-1], 1)] + pieces[-1:]
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("SET LOCAL plan_cache_mode = force_generic_plan")
        cursor.execute("PREPARE nearby_generic AS " + "".join(numbered))
        try:
            cursor.execute("EXPLAIN (FORMAT JSON) EXECUTE nearby_generic("
                           + ", ".join(["%s"] * len(params)) + ")", params)
            plan = cursor.fetchone()[0]
        finally:
            cursor.execute("DEALLOCATE nearby_generic")
    plan = json.loads(plan) if isinstance(plan, str) else plan
    found, stack = set(), [plan[0]["Plan"]]
    while stack:
        node = stack.pop()
        if "Index Name" in node:
            found.add(node["Index Name"])
        assert node["Node Type"] != "Seq Scan" or node.get("Relation Name") != "feedback_report"
        stack.extend(node.get("Plans", []))
    return found


def test_the_generic_plan_of_the_duplicate_lookup_reads_the_neighbourhood(make_report):
    if connection.vendor != "postgresql":
        pytest.skip("query plans are PostgreSQL's (set DATABASE_URL to a PostgreSQL server)")
    template = make_report()
    lat, lon = template.lat, template.lon
    categories = list(Category.objects.values_list("id", flat=True))
    fill_reports(template, ROWS, {
        "code": "'NEAR-' || g",
        "category_id": "(%(categories)s::bigint[])[1 + g %% cardinality(%(categories)s"
                       "::bigint[])]",
        # a few reports in the template's cell, the rest spread over the city's cells
        "h3_cell": "CASE WHEN g %% 50 = 0 THEN t.h3_cell ELSE 'elsewhere-' || (g %% 5000) END",
        "status": "(ARRAY['closed', 'resolved', 'new', 'in_progress'])[1 + g %% 4]",
        "created_at": "now() - make_interval(days => g %% 1000)",
    }, {"categories": categories})
    sql, params = nearby_open_query(template.category, lat, lon, timezone.now(), None,
                                    NEARBY_NOTE_LIMIT, ("code",))
    assert _generic_plan_indexes(sql, params) == {"report_nearby_cover"}
