"""Query budgets: every list and page of the alley programme costs the same however many
projects, households, pledges and payments there are.

Each page is counted with one project, then again with five more (each with households,
pledges, a ballot and payments): the counts must be equal, and equal to the budget
written here (so a new query is a decision, not an accident)."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from smartdistrict.alleys.tests.conftest import BINH_QUOI_LINE

pytestmark = pytest.mark.django_db

BUDGETS = {
    # public: the page's proposals (count, rows, pledges, payments), the wards filter,
    # the programme summary (4)
    "/alleys/": 9,
    "/alleys/alleys.geojson": 1,
    "/api/v1/alleys/projects": 4,
    "/api/v1/alleys/register": 2,
}
STAFF_BUDGETS = {
    # session, user, scope (units), then the list as above and the wards filter
    "/alleys/staff/": 9,
    # session, user, scope, wards filter, alleys, categories, reports, latest proposals
    # (and the scope again for "may register")
    "/alleys/staff/candidates/": 9,
    "/api/v1/alleys/candidates": 7,
}


@pytest.fixture(autouse=True)
def _steady_caches(settings):
    settings.CONFIG_VERSION_CHECK_SECONDS = 3600
    settings.CALENDAR_CHECK_SECONDS = 3600


def count(client: Client, url: str) -> int:
    assert client.get(url).status_code == 200, url  # warm the process caches
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def more_projects(make_alley, add_households, make_proposal, officer, n: int) -> None:
    from smartdistrict.alleys.services import ballots, households

    for k in range(n):
        line = [(x + 0.0004 * (k + 1), y - 0.0004 * (k + 1)) for x, y in BINH_QUOI_LINE]
        alley = make_alley(name=f"Hẻm đo {k}", coords=line, households=6)
        people = add_households(alley, 6)
        proposal = make_proposal(alley, consult=True)
        for household in people[:4]:
            households.pledge_record(proposal=proposal, household=household, kind="money",
                                     value_vnd=1_000_000, actor=officer)
        opened = ballots.ballot_open(proposal=proposal, actor=officer)
        ballots.votes_record_meeting(ballot=opened.ballot, actor=officer,
                                     choices={h.id: "yes" for h in people})
        ballots.ballot_close(ballot=opened.ballot, actor=officer)


def test_lists_cost_the_same_however_many_projects(project_in_works, officer, make_alley,
                                                   add_households, make_proposal):
    public, staff = Client(), Client()
    staff.force_login(officer)
    detail = f"/alleys/{project_in_works.code}/"
    manage = f"/alleys/staff/p/{project_in_works.code}/"
    api_detail = f"/api/v1/alleys/projects/{project_in_works.code}"
    few = {url: count(public, url) for url in [*BUDGETS, detail, api_detail]}
    few |= {url: count(staff, url) for url in [*STAFF_BUDGETS, manage]}
    more_projects(make_alley, add_households, make_proposal, officer, 5)
    many = {url: count(public, url) for url in [*BUDGETS, detail, api_detail]}
    many |= {url: count(staff, url) for url in [*STAFF_BUDGETS, manage]}
    assert many == few
    # A project's pages: the project with its items, board, photos and public events; its
    # accounts (7); its latest ballot and tally; the reports near the alley (2).
    assert many[detail] == 16 and many[api_detail] == 14
    assert many[manage] == 24
    for url, budget in (BUDGETS | STAFF_BUDGETS).items():
        assert many[url] == budget, f"{url}: {many[url]} queries"
