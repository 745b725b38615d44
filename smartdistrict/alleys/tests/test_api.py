"""REST under /api/v1/alleys/: public reads, the staff ranking, voting by code, schema."""

from __future__ import annotations

import pytest
from django.test import Client

from smartdistrict.alleys.services import ballots
from smartdistrict.alleys.tests.conftest import SECRET_HOUSEHOLD

pytestmark = pytest.mark.django_db


def test_public_reads_give_totals_and_no_household(client, project_in_works):
    code = project_in_works.code
    projects = client.get("/api/v1/alleys/projects?ward=26911").json()
    assert projects["count"] == 1 and projects["results"][0]["code"] == code
    assert projects["results"][0]["split"]["adds_up"] is True
    detail = client.get(f"/api/v1/alleys/projects/{code}")
    body = detail.json()
    assert body["money"]["received_vnd"] == 16_000_000
    assert body["ballot"]["passed"] is True and body["ballot"]["yes"] == 5
    assert body["named"] == ["Gia đình bà Lan"]
    for secret in SECRET_HOUSEHOLD.values():
        assert secret not in detail.content.decode()
    register = client.get("/api/v1/alleys/register").json()
    assert register["results"][0]["geometry"]["type"] == "LineString"
    alley = client.get(f"/api/v1/alleys/register/{project_in_works.alley.code}").json()
    assert alley["condition"]["months"] == 24
    assert client.get("/api/v1/alleys/register/nope").status_code == 404
    assert client.get("/api/v1/alleys/projects?ward=nope").status_code == 400


def test_an_open_ballot_shows_turnout_not_choices(client, alley, add_households,
                                                 make_proposal, officer):
    people = add_households(alley, 4)
    proposal = make_proposal(alley, consult=True)
    opened = ballots.ballot_open(proposal=proposal, actor=officer, online=True)
    ballots.votes_record_meeting(ballot=opened.ballot, actor=officer,
                                 choices={people[0].id: "no"})
    body = client.get(f"/api/v1/alleys/projects/{proposal.code}").json()["ballot"]
    assert body["open"] and body["voted"] == 1 and body["eligible"] == 4
    assert body["yes"] is body["no"] is body["passed"] is None
    answer = client.post("/api/v1/alleys/votes", {"code": opened.codes[1].code,
                                                 "choice": "yes"}, content_type="application/json")
    assert answer.status_code == 201 and answer.json()["project"] == proposal.code
    again = client.post("/api/v1/alleys/votes", {"code": opened.codes[1].code, "choice": "no"},
                        content_type="application/json")
    assert again.status_code == 400 and again.json()["code"] == "code_used"
    wrong = client.post("/api/v1/alleys/votes", {"code": 5, "choice": []},
                        content_type="application/json")
    assert wrong.status_code == 400


def test_the_ranking_is_for_staff(client, alley, officer):
    assert client.get("/api/v1/alleys/candidates").status_code == 403
    staff = Client()
    staff.force_login(officer)
    ranked = staff.get("/api/v1/alleys/candidates?ward=26911").json()
    assert [r["alley_code"] for r in ranked] == [alley.code]


def test_the_schema_lists_the_alleys_api(client):
    schema = client.get("/api/v1/schema/?format=json").json()
    paths = {p for p in schema["paths"] if p.startswith("/api/v1/alleys/")}
    assert paths == {
        "/api/v1/alleys/register", "/api/v1/alleys/register/{code}", "/api/v1/alleys/projects",
        "/api/v1/alleys/projects/{code}", "/api/v1/alleys/candidates", "/api/v1/alleys/votes"}
