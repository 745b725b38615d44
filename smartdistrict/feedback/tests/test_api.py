"""The reports REST API: create, read, list within scope, transitions; query budgets."""

import io

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from PIL import Image
from rest_framework.authtoken.models import Token

from smartdistrict.feedback.models import Report
from smartdistrict.feedback.tests.conftest import WARD_POINTS

pytestmark = pytest.mark.django_db
LAT, LON = WARD_POINTS["26911"]
BODY = {"category": "rac-thai", "description": "Rác thải đổ trộm ở đầu hẻm nhiều ngày.",
        "lat": LAT, "lon": LON}


def test_create_answers_code_ward_department_due(client):
    response = client.post("/api/v1/reports", BODY, content_type="application/json")
    assert response.status_code == 201
    body = response.json()
    assert body["code"].startswith("HCM-")
    assert body["ward"]["code"] == "26911"
    assert body["department"] == "Công ty TNHH MTV Dịch vụ Công ích Bình Thạnh"
    assert body["status"] == "new"
    assert body["due_at"].endswith("+07:00")
    assert body["resident_token"]


def test_create_with_idempotency_header_twice(client):
    first = client.post("/api/v1/reports", BODY, content_type="application/json",
                        HTTP_IDEMPOTENCY_KEY="abc-1")
    second = client.post("/api/v1/reports", BODY, content_type="application/json",
                         HTTP_IDEMPOTENCY_KEY="abc-1")
    assert first.status_code == 201 and second.status_code == 200
    assert first.json()["code"] == second.json()["code"]
    assert "resident_token" not in second.json()
    assert Report.objects.count() == 1


def test_multipart_with_photo_and_attributes(client):
    buffer = io.BytesIO()
    Image.new("RGB", (64, 48), "red").save(buffer, "JPEG")
    buffer.seek(0)
    buffer.name = "photo.jpg"
    response = client.post(
        "/api/v1/reports",
        {**BODY, "category": "ngap-nuoc", "attribute[do_sau_cm]": "20", "photos": [buffer]},
    )
    assert response.status_code == 201, response.json()
    report = Report.objects.get(code=response.json()["code"])
    assert report.attributes == {"do_sau_cm": 20.0}
    assert report.photos.count() == 1


@pytest.mark.parametrize(("language", "text"), [("vi", "ít nhất"), ("en", "at least")])
def test_errors_name_the_field_in_the_users_language(client, language, text):
    response = client.post("/api/v1/reports", {**BODY, "category": "khac", "description": "ngắn"},
                           content_type="application/json", HTTP_ACCEPT_LANGUAGE=language)
    assert response.status_code == 400
    assert response.json()["field"] == "description"
    assert text in response.json()["detail"]


def test_public_detail_has_timeline_and_no_internal_notes(client, make_report, officer):
    from smartdistrict.feedback.services.workflow import report_note

    report = make_report()
    report_note(report=report, actor=officer, note="Ghi chú nội bộ bí mật")
    body = client.get(f"/api/v1/reports/{report.code}").json()
    assert body["state"] == "open"
    assert [e["kind"] for e in body["timeline"]] == ["created"]
    assert "bí mật" not in str(body)
    client.force_login(officer)
    staff = client.get(f"/api/v1/reports/{report.code}").json()
    assert any(e["note"] == "Ghi chú nội bộ bí mật" for e in staff["timeline"])


def test_unknown_code_is_404(client):
    response = client.get("/api/v1/reports/BT-1999-000001")
    assert response.status_code == 404
    assert response.json()["code"] == "report_not_found"


def test_staff_list_is_scoped_and_filtered(client, make_report, officer):
    mine = make_report(ward="26911")
    other = make_report(ward="26944")
    assert client.get("/api/v1/reports").status_code == 403
    client.force_login(officer)
    codes = [r["code"] for r in client.get("/api/v1/reports").json()["results"]]
    assert mine.code in codes and other.code not in codes
    assert client.get("/api/v1/reports", {"status": "closed"}).json()["results"] == []
    assert client.get("/api/v1/reports", {"status": "bogus"}).status_code == 400
    assert client.get("/api/v1/reports", {"bbox": "1,2"}).json()["field"] == "bbox"


def test_staff_list_query_count_does_not_grow(client, make_report, officer):
    client.force_login(officer)
    make_report()
    with CaptureQueriesContext(connection) as few:
        client.get("/api/v1/reports")
    for _ in range(15):
        make_report()
    with CaptureQueriesContext(connection) as many:
        response = client.get("/api/v1/reports")
    assert len(response.json()["results"]) == 16
    assert len(many) == len(few) <= 8


def test_report_detail_query_budget(client, make_report, officer, django_assert_max_num_queries):
    report = make_report()
    client.force_login(officer)
    client.get(f"/api/v1/reports/{report.code}")
    with django_assert_max_num_queries(10):
        assert client.get(f"/api/v1/reports/{report.code}").status_code == 200


def test_transitions_with_a_token(client, make_report, officer):
    report = make_report()
    token = Token.objects.create(user=officer)
    auth = {"HTTP_AUTHORIZATION": f"Token {token.key}"}
    response = client.post(f"/api/v1/reports/{report.code}/transitions",
                           {"to": "assigned", "assignee": "canbo.binhquoi"},
                           content_type="application/json", **auth)
    assert response.status_code == 200 and response.json()["status"] == "assigned"
    refused = client.post(f"/api/v1/reports/{report.code}/transitions", {"to": "closed"},
                          content_type="application/json", **auth)
    assert refused.status_code == 403
    assert refused.json()["code"] == "illegal_transition"
    anonymous = client.post(f"/api/v1/reports/{report.code}/transitions", {"to": "closed"},
                            content_type="application/json")
    assert anonymous.status_code == 403


def test_nearby_and_support(client, make_report):
    report = make_report()
    nearby = client.get("/api/v1/reports/nearby", {"category": "rac-thai", "lat": LAT, "lon": LON})
    assert [r["code"] for r in nearby.json()] == [report.code]
    far = client.get("/api/v1/reports/nearby",
                     {"category": "rac-thai", "lat": LAT + 0.002, "lon": LON})
    assert far.json() == []  # about 220 m away
    assert client.post(f"/api/v1/reports/{report.code}/support").json()["supporters"] == 1


def test_categories_and_suggestion(client):
    categories = client.get("/api/v1/categories").json()
    assert len(categories) >= 12
    lights = next(c for c in categories if c["code"] == "den-giao-thong")
    assert lights["attributes"][0]["datatype"] == "singlevaluelist"
    suggestion = client.get("/api/v1/categories/suggest",
                            {"text": "den duong truoc hem bi hu, toi thui"}).json()
    assert suggestion["applied"] is False
    assert suggestion["suggestions"][0]["code"] == "den-chieu-sang"


@pytest.mark.parametrize("body", ["[1, 2]", '"text"', "5"])
def test_a_body_that_is_not_an_object_is_a_clear_400(client, body):
    response = client.post("/api/v1/reports", body, content_type="application/json")
    assert response.status_code == 400
    assert response.json()["code"] == "body_not_object"


def test_null_fields_are_empty_and_wrong_types_are_refused(client):
    response = client.post("/api/v1/reports", {**BODY, "address": None, "reporter_name": None},
                           content_type="application/json")
    assert response.status_code == 201
    report = Report.objects.get(code=response.json()["code"])
    assert report.address == "" and report.reporter_name == ""
    refused = client.post("/api/v1/reports", {**BODY, "description": ["a", "b"]},
                          content_type="application/json")
    assert refused.status_code == 400 and refused.json()["field"] == "description"
    key = client.post("/api/v1/reports", {**BODY, "idempotency_key": 12345},
                      content_type="application/json")
    assert key.status_code == 201


@pytest.mark.parametrize("depth", ["nan", "inf", "1e400"])
def test_non_finite_numbers_are_refused(client, depth):
    response = client.post(
        "/api/v1/reports", {**BODY, "category": "ngap-nuoc", "attributes": {"do_sau_cm": depth}},
        content_type="application/json",
    )
    assert response.status_code == 400
    assert response.json()["field"] == "attribute[do_sau_cm]"


def test_residents_cannot_claim_a_staff_channel(client):
    response = client.post("/api/v1/reports", {**BODY, "channel": "hotline"},
                           content_type="application/json")
    assert response.status_code == 400 and response.json()["field"] == "channel"


def test_public_flag_is_parsed_strictly(client, make_report, officer):
    report = make_report()
    client.force_login(officer)
    url = f"/api/v1/reports/{report.code}/transitions"
    bad = client.post(url, {"to": "in_progress", "public": "maybe"},
                      content_type="application/json")
    assert bad.status_code == 400 and bad.json()["field"] == "public"
    client.post(url, {"to": "in_progress", "note": "nội bộ", "public": 0},
                content_type="application/json")
    assert not report.events.get(to_status="in_progress").public


def test_merge_without_an_original_names_the_field(client, make_report, officer):
    report = make_report()
    client.force_login(officer)
    response = client.post(f"/api/v1/reports/{report.code}/transitions", {"to": "duplicate"},
                           content_type="application/json")
    assert response.status_code == 400 and response.json()["field"] == "duplicate_of"


def test_satisfaction_per_ward_within_scope(client, make_report, officer):
    from smartdistrict.feedback.resident_token import resident_token
    from smartdistrict.feedback.services.residents import report_rate
    from smartdistrict.feedback.services.workflow import report_transition

    for score in (5, 4, 2):
        report = make_report()
        report_transition(report=report, to="resolved", actor=officer, note="Xong.")
        report_rate(report=report, token=resident_token(report), score=score)
    elsewhere = make_report(ward="26944")
    Report.objects.filter(pk=elsewhere.pk).update(rating=1, status="resolved")
    client.force_login(officer)
    body = client.get("/api/v1/reports/satisfaction", {"by": "ward"}).json()
    assert body["results"] == [
        {"code": "26911", "name": "Phường Bình Quới", "ratings": 3, "mean": 3.67,
         "share_good": 0.667}
    ]
    assert client.get("/api/v1/reports/satisfaction", {"by": "x"}).status_code == 400


def test_public_lists_have_query_budgets(client, make_report, django_assert_max_num_queries):
    for _ in range(5):
        make_report()
    client.get("/api/v1/categories")
    with django_assert_max_num_queries(3):
        assert client.get("/api/v1/categories").status_code == 200
    params = {"category": "rac-thai", "lat": LAT, "lon": LON}
    with django_assert_max_num_queries(3):
        assert len(client.get("/api/v1/reports/nearby", params).json()) == 5


def test_me_too_is_rate_limited_per_client(client, make_report, monkeypatch):
    from django.core.cache import cache
    from rest_framework.throttling import ScopedRateThrottle

    monkeypatch.setattr(ScopedRateThrottle, "THROTTLE_RATES", {"support": "3/hour"})
    cache.clear()
    try:
        report = make_report()
        codes = [client.post(f"/api/v1/reports/{report.code}/support").status_code
                 for _ in range(4)]
        assert codes == [200, 200, 200, 429]
        report.refresh_from_db()
        assert report.supporters == 3
    finally:
        cache.clear()
