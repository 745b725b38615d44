"""Open311 as GeoReport v2 says (issue 14, acceptance 4): a description only where the
category needs text, a JSON body, and the ``q`` search extension."""

from __future__ import annotations

import json

import pytest

from smartdistrict.feedback.models import Category, Report
from smartdistrict.open311.tests.conftest import BASE, WARD_POINTS

pytestmark = pytest.mark.django_db
LAT, LON = WARD_POINTS["26911"]


def post(client, data, **kwargs):
    return client.post(BASE + "requests.json", data, **kwargs)


def created(response) -> Report:
    assert response.status_code == 200, response.content
    answer = response.json()
    assert len(answer) == 1 and answer[0]["service_request_id"]
    return Report.objects.get(code=answer[0]["service_request_id"])


def test_only_service_code_point_and_required_answers_is_enough(client, api_key):
    """An app that sends the category, the pin and the answers (no text) gets its id."""
    report = created(post(client, {"api_key": api_key, "service_code": "den-giao-thong",
                                   "lat": LAT, "long": LON,
                                   "attribute[tinh_trang]": "tat"}))
    assert report.description == ""
    assert report.attributes == {"tinh_trang": "tat"}
    plain = created(post(client, {"api_key": api_key, "service_code": "rac-thai",
                                  "lat": LAT, "long": LON}))
    assert plain.category.code == "rac-thai"


def test_a_short_text_such_as_o_ga_is_fine(client, api_key):
    report = created(post(client, {"api_key": api_key, "service_code": "hu-hong-duong",
                                   "lat": LAT, "long": LON, "description": "ổ gà"}))
    assert report.description == "ổ gà"


def test_categories_that_need_words_still_ask_for_them_at_every_door(client, api_key):
    """The minimum is the category's data, checked by feedback's one validation: Open311
    and the portal refuse the same short text for the same category."""
    assert Category.objects.get(code="khac").description_min == 10
    response = post(client, {"api_key": api_key, "service_code": "khac", "lat": LAT,
                             "long": LON, "description": "ổ gà"})
    assert response.status_code == 400
    assert response.json()[0]["error_code"] == "too_short"
    assert response.json()[0]["description"].startswith("description:")
    portal = client.post("/report/", {"category": "khac", "description": "ổ gà",
                                      "lat": LAT, "lon": LON})
    assert "too_short" in portal.content.decode()
    ok = client.post("/report/", {"category": "hu-hong-duong", "description": "ổ gà",
                                  "lat": LAT, "lon": LON})
    assert ok.status_code == 302, ok.content.decode()[:500]
    assert Report.objects.filter(description="ổ gà", channel="web").count() == 1


def test_a_json_body_is_read_like_the_form(client, api_key):
    body = {"api_key": api_key, "service_code": "den-giao-thong", "lat": LAT, "long": LON,
            "description": "Đèn tắt từ tối qua", "attribute": {"tinh_trang": "tat"},
            "phone": "0912 345 678", "account_id": 42}
    report = created(post(client, json.dumps(body), content_type="application/json"))
    assert report.attributes == {"tinh_trang": "tat"}
    assert report.reporter_phone == "0912345678"
    assert report.open311_submission.account_id == "42"
    flat = {"api_key": api_key, "service_code": "den-giao-thong", "lat": LAT, "long": LON,
            "attribute[tinh_trang]": "nhap-nhay"}
    assert created(post(client, flat, content_type="application/json")).attributes == {
        "tinh_trang": "nhap-nhay"}


@pytest.mark.parametrize(("body", "code"), [
    (b"{not json", "json_invalid"),
    (b"[1, 2]", "json_not_object"),
    (b'{"service_code": {"a": 1}}', "json_value_invalid"),
    ("\xff".encode("latin-1"), "json_invalid"),
])
def test_a_bad_json_body_is_a_400_list(client, body, code):
    response = client.generic("POST", BASE + "requests.json", body,
                              content_type="application/json")
    assert response.status_code == 400, response.content
    assert response.json()[0]["error_code"] == code
    assert Report.objects.count() == 0


def test_a_json_body_is_checked_like_the_form(client, api_key):
    """The key, the jurisdiction and every intake rule apply to JSON as to the form."""
    no_key = post(client, {"service_code": "rac-thai", "lat": LAT, "long": LON},
                  content_type="application/json")
    assert no_key.status_code == 403
    elsewhere = post(client, {"api_key": api_key, "service_code": "rac-thai", "lat": LAT,
                              "long": LON, "jurisdiction_id": "hanoi.gov.vn"},
                     content_type="application/json")
    assert elsewhere.status_code == 404
    unanswered = post(client, {"api_key": api_key, "service_code": "den-giao-thong",
                               "lat": LAT, "long": LON}, content_type="application/json")
    assert unanswered.status_code == 400
    assert unanswered.json()[0]["description"].startswith("attribute[tinh_trang]:")
    assert Report.objects.count() == 0


def test_q_searches_ignoring_diacritics_and_case(client, make_report):
    pothole = make_report(category="hu-hong-duong", description="Ổ GÀ lớn trước số 12",
                          address="Đường Nguyễn Xí")
    other = make_report(description="Rác thải đổ trộm ở đầu hẻm nhiều ngày")

    def found(q: str) -> list[str]:
        response = client.get(BASE + "requests.json", {"q": q})
        assert response.status_code == 200, response.content
        return [r["service_request_id"] for r in response.json()]

    assert found("o ga") == [pothole.code]
    assert found("ổ gà") == [pothole.code]
    assert found("duong nguyen xi") == [pothole.code]  # the address counts, đ → d
    assert found("hem rac") == [other.code]  # every word, in any order
    assert found("o ga hem") == []
    assert found(other.code.lower()) == [other.code]
    paged = client.get(BASE + "requests.json", {"q": "O GA", "page": 1})
    assert paged["X-Total-Count"] == "1"
    assert client.get(BASE + "requests.json", {"q": "x" * 201}).status_code == 400


def test_q_and_the_json_body_are_advertised_in_discovery(client):
    extensions = client.get(BASE + "discovery.json").json()["extensions"]
    assert "q" in extensions and "json_body" in extensions
