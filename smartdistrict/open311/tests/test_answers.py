"""Every Open311 JSON answer matches the type its presenter declares (open311.openapi
generates the published schema from those types): no missing or unknown key, no value of
another type."""

from __future__ import annotations

import pytest

from smartdistrict.core.api_types import answer_problems
from smartdistrict.feedback.models import Status
from smartdistrict.feedback.services.workflow import report_note, report_transition
from smartdistrict.open311 import presenters as p
from smartdistrict.open311.openapi import SCHEMAS
from smartdistrict.open311.renderers import Error
from smartdistrict.open311.tests.conftest import BASE, WARD_POINTS

pytestmark = pytest.mark.django_db
LAT, LON = WARD_POINTS["26911"]


def conforms(value, hint) -> None:
    problems = answer_problems(value, hint)
    assert problems == [], problems


def test_every_answer_has_its_declared_shape(client, api_key, make_report, officer):
    conforms(client.get(BASE + "discovery.json").json(), p.Discovery)
    conforms(client.get(BASE + "services.json").json(), list[p.Service])
    conforms(client.get(BASE + "services/den-giao-thong.json").json(), p.ServiceDefinition)
    posted = client.post(BASE + "requests.json", {
        "api_key": api_key, "service_code": "rac-thai", "lat": LAT, "long": LON,
        "description": "Rác thải đổ trộm ở đầu hẻm nhiều ngày.", "account_id": "a-1"})
    conforms(posted.json(), list[p.Created])
    report = make_report()
    report_note(report=report, actor=officer, note="Đang xử lý.", public=True)
    report_transition(report=report, to=Status.RESOLVED, actor=officer, note="Xong.")
    for extensions in ("false", "true"):
        rows = client.get(BASE + "requests.json", {"extensions": extensions}).json()
        assert len(rows) == 2
        conforms(rows, list[p.ServiceRequest])
        conforms(client.get(BASE + f"requests/{report.code}.json",
                            {"extensions": extensions}).json(), list[p.ServiceRequest])
    submission_token = posted.json()[0]["token"]
    conforms(client.get(BASE + f"tokens/{submission_token}.json").json(), list[p.TokenAnswer])
    conforms(client.get(BASE + "services/khong-co.json").json(), list[Error])


def test_the_published_components_are_the_presenters_types():
    request = SCHEMAS["Open311Request"]
    assert set(request["properties"]) == set(p.ServiceRequest.__annotations__)
    assert "ward" in request["properties"] and "ward" not in request["required"]
    assert request["properties"]["requested_datetime"]["format"] == "date-time"
    assert set(SCHEMAS["Open311Service"]["properties"]) == set(p.Service.__annotations__)
