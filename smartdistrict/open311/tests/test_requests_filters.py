"""GET requests.{fmt}: the filters (dates and the default window, status, service code,
ids, place, update times) and the 400 answer naming a bad parameter."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from smartdistrict.feedback.models import Report, Status
from smartdistrict.feedback.services import workflow
from smartdistrict.open311.tests.conftest import days_ago, get, ids, xml_to_python

pytestmark = pytest.mark.django_db


def test_default_window_is_the_last_90_days(client, make_report):
    recent = make_report(created_at=days_ago(80))
    make_report(created_at=days_ago(100))
    assert ids(get(client, "requests.json")) == [recent.code]


def test_dates_select_on_requested_datetime(client, make_report):
    old = make_report(created_at=days_ago(200))
    make_report(created_at=days_ago(10))
    start = timezone.localtime(days_ago(210)).isoformat()
    end = timezone.localtime(days_ago(190)).isoformat()
    assert ids(get(client, "requests.json", start_date=start, end_date=end)) == [old.code]
    # a start alone runs 90 days on; an end alone 90 days back
    assert ids(get(client, "requests.json", start_date=start)) == [old.code]
    assert ids(get(client, "requests.json", end_date=end)) == [old.code]
    # bare dates and UTC "Z" are accepted
    day = timezone.localdate(old.created_at)
    assert ids(get(client, "requests.json", start_date=day.isoformat(),
                   end_date=day.isoformat())) == [old.code]
    z = old.created_at.astimezone(dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
    assert old.code in ids(get(client, "requests.json", start_date=z))


@pytest.mark.parametrize("fmt", ["json", "xml"])
def test_a_span_over_90_days_is_a_400(client, fmt):
    response = get(client, f"requests.{fmt}", start_date="2026-01-01T00:00:00+07:00",
                   end_date="2026-04-02T00:00:00+07:00")
    assert response.status_code == 400
    errors = response.json() if fmt == "json" else xml_to_python(response.content)
    assert errors[0]["code"] in (400, "400")
    assert "end_date" in errors[0]["description"]


@pytest.mark.parametrize(("params", "field"), [
    ({"start_date": "yesterday"}, "start_date"),
    ({"end_date": "2026-13-01"}, "end_date"),
    ({"start_date": "2026-03-01", "end_date": "2026-02-01"}, "end_date"),
    ({"status": "pending"}, "status"),
    ({"bbox": "1,2,3"}, "bbox"),
    ({"bbox": "106.8,10.8,106.7,10.9"}, "bbox"),
    ({"lat": "10.8"}, "long"),
    ({"lat": "abc", "long": "106.7"}, "lat"),
    ({"lat": "10.8", "long": "106.7", "radius": "-5"}, "radius"),
    ({"radius": "100"}, "radius"),
    ({"page": "0"}, "page"),
    ({"page_size": "501"}, "page_size"),
    ({"page_size": "many"}, "page_size"),
    ({"extensions": "maybe"}, "extensions"),
    ({"updated_after": "soon"}, "updated_after"),
])
def test_bad_parameters_are_400_naming_the_parameter(client, params, field):
    for fmt in ("json", "xml"):
        response = get(client, f"requests.{fmt}", **params)
        assert response.status_code == 400, (params, response.content)
        errors = response.json() if fmt == "json" else xml_to_python(response.content)
        assert field in errors[0]["description"]


def test_empty_parameters_are_absent_ones(client, make_report):
    report = make_report()
    assert ids(get(client, "requests.json", status="", service_code="", start_date="",
                   bbox="", page="", jurisdiction_id="")) == [report.code]


def test_status_open_closed_and_both(client, make_report, officer):
    opened = make_report()
    closed = make_report()
    workflow.report_transition(report=closed, to=Status.RESOLVED, actor=officer,
                               note="Đã thu gom rác xong.")
    assert ids(get(client, "requests.json", status="open")) == [opened.code]
    assert ids(get(client, "requests.json", status="closed")) == [closed.code]
    assert set(ids(get(client, "requests.json", status="open,closed"))) == {
        opened.code, closed.code}
    row = get(client, "requests.json", status="closed").json()[0]
    assert (row["status"], row["detailed_status"]) == ("closed", "resolved")
    assert row["status_notes"] == "Đã thu gom rác xong."


def test_service_code_csv(client, make_report):
    trash = make_report()
    flood = make_report(category="ngap-nuoc")
    make_report(category="tieng-on")
    assert set(ids(get(client, "requests.json", service_code="rac-thai,ngap-nuoc"))) == {
        trash.code, flood.code}
    assert ids(get(client, "requests.json", service_code="khong-co")) == []


def test_service_request_ids_override_every_other_filter(client, make_report, officer):
    old = make_report(created_at=days_ago(400))
    closed = make_report()
    workflow.report_transition(report=closed, to=Status.REJECTED, actor=officer,
                               note="Không thuộc thẩm quyền.")
    make_report()
    found = ids(get(client, "requests.json", service_request_id=f"{old.code}, {closed.code}",
                    status="open", service_code="ngap-nuoc",
                    start_date="2020-01-01", end_date="2020-01-02", bbox="0,0,1,1"))
    assert set(found) == {old.code, closed.code}
    assert ids(get(client, "requests.json", service_request_id=old.code.lower())) == [old.code]


def test_bbox_and_radius(client, make_report):
    quoi = make_report(ward="26911")  # 10.8220, 106.7420
    dinh = make_report(ward="26944")  # 10.7983, 106.6990
    assert ids(get(client, "requests.json", bbox="106.73,10.81,106.75,10.83")) == [quoi.code]
    assert ids(get(client, "requests.json", lat="10.7983", long="106.6995", radius="100")) == [
        dinh.code]
    # 0.0005° of longitude is ~55 m here
    assert ids(get(client, "requests.json", lat="10.7983", long="106.6995", radius="40")) == []
    # corner of the bounding box but outside the circle
    assert ids(get(client, "requests.json", lat="10.7990", long="106.6997", radius="100")) == []
    assert set(ids(get(client, "requests.json", lat="10.81", long="106.72",
                       radius="5000"))) == {quoi.code, dinh.code}


def test_updated_after_and_before(client, make_report):
    report = make_report()
    Report.objects.filter(pk=report.pk).update(updated_at=days_ago(3))
    other = make_report()
    after = timezone.localtime(days_ago(1)).isoformat()
    assert ids(get(client, "requests.json", updated_after=after)) == [other.code]
    assert ids(get(client, "requests.json", updated_before=after)) == [report.code]


def test_the_default_list_follows_each_window_and_state(client, make_report):
    """The default list's SQL is compiled once; each call still gets its own window."""
    recent = make_report(created_at=days_ago(5))
    older = make_report(created_at=days_ago(60))
    Report.objects.filter(pk=older.pk).update(status=Status.CLOSED)

    def codes(**params):
        return [r["service_request_id"]
                for r in client.get("/open311/v2/requests.json", params).json()]

    for _ in range(2):
        assert codes() == [recent.code, older.code]
        assert codes(start_date=days_ago(30).date().isoformat()) == [recent.code]
        assert codes(end_date=days_ago(30).date().isoformat()) == [older.code]
        assert codes(status="open") == [recent.code]
        assert codes(status="closed") == [older.code]
