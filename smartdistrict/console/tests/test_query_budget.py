"""Query budgets: the queue and a report's page cost the same however many reports exist.

Process caches (geography index, feedback configuration, calendar) are left to do their
job here, as in production; the budgets count what the console itself asks."""

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from smartdistrict.demo.reports import seed_reports
from smartdistrict.feedback.models import Report
from smartdistrict.feedback.services import workflow

pytestmark = pytest.mark.django_db

# A ward officer: session, user, scope (their units; again inside reports_visible_to),
# department and ward options, open states' counts (the closed states' come from the
# cache), the page's ids, its rows, staff for the bulk form (users, their units, their
# departments).
QUEUE_QUERIES = 12
# A leader: session, user, open counts, page ids, rows (the whole jurisdiction's ward and
# department options come from the process's lists: console.options).
QUEUE_READER_QUERIES = 5
# session, user, the report by code, scope (units; again for the actions), the report with
# its relations, photos, events with their actors, assignable staff (users, units,
# departments), the departments a forward may name in the report's unit, the refusal
# reasons of the reject form.
DETAIL_QUERIES = 13


@pytest.fixture(autouse=True)
def _steady_caches(settings):
    settings.CONFIG_VERSION_CHECK_SECONDS = 3600
    settings.CONFIG_VERSION_CHECK_SECONDS = 3600
    settings.CALENDAR_CHECK_SECONDS = 3600


def _count(client, url: str) -> int:
    assert client.get(url).status_code == 200  # warm the process caches
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def test_queue_budget_is_independent_of_the_number_of_rows(
    make_report, officer_client, django_assert_num_queries
):
    late = make_report()
    # One report of the officer's ward overdue, whatever today's date does to the seeded
    # ones: an empty overdue page would skip the ids and rows and count fewer queries.
    Report.objects.filter(pk=late.pk).update(due_at=late.created_at - timedelta(days=1))
    few = _count(officer_client, "/console/?status=all")
    seed_reports(400, seed=11)
    many_reports = Report.objects.count()
    assert many_reports > 400
    many = _count(officer_client, "/console/?status=all")
    assert few == many
    with django_assert_num_queries(QUEUE_QUERIES):
        officer_client.get("/console/?status=all&sort=created&overdue=on")


def test_queue_budget_for_a_reader(make_report, leader_client, django_assert_num_queries):
    seed_reports(200, seed=12)
    leader_client.get("/console/")
    with django_assert_num_queries(QUEUE_READER_QUERIES):
        leader_client.get("/console/")


def test_detail_budget_is_independent_of_timeline_and_photos(
    make_report, officer, officer_client, django_assert_num_queries
):
    report = make_report()
    url = f"/console/reports/{report.code}"
    few = _count(officer_client, url)
    for n in range(25):
        workflow.report_note(report=report, actor=officer, note=f"Ghi chú số {n}.")
    workflow.report_transition(report=report, to="assigned", actor=officer, assignee=officer)
    seed_reports(100, seed=13)
    assert _count(officer_client, url) == few
    with django_assert_num_queries(DETAIL_QUERIES):
        officer_client.get(url)
