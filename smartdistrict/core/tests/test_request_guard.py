"""What no view can serve is refused at the door in the caller's format (issue 13, item 5).

U+0000 in a query parameter or the path used to answer 500 on PostgreSQL (9 of the 12
server errors the fuzzer found); 150 files sent to a JSON API answered Django's HTML page.
Run on both engines: PostgreSQL is where U+0000 broke.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from smartdistrict.accounts.models import Role
from smartdistrict.accounts.services import user_create
from smartdistrict.feedback.models import Report
from smartdistrict.feedback.tests.conftest import WARD_POINTS
from smartdistrict.open311.services import api_key_create

pytestmark = pytest.mark.django_db

JSON_APIS = [
    "/api/v1/reports?ward=%00",
    "/api/v1/reports?status=open%00",
    "/api/v1/reports?q=%00",
    "/api/v1/reports/satisfaction?ward=%00",
    "/api/v1/reports/satisfaction?category=a%00b",
    "/api/v1/reports/nearby?category=%00&lat=10.8&lon=106.7",
    "/api/v1/categories?q=%00",
    "/api/v1/geography/resolve?address=P.13%00",
    "/api/v1/environment/stations/XT-01/readings?parameter=D%00O",
]


@pytest.fixture
def staff_client(client):
    """Some lists need a staff user to get past authentication to the query."""
    admin = user_create(username="guard-admin", password="x", role=Role.ADMINISTRATOR,
                        check_password=False)
    client.force_login(admin)
    return client


@pytest.mark.parametrize("url", JSON_APIS)
def test_a_null_character_in_a_query_parameter_is_a_json_400_naming_it(staff_client, url):
    response = staff_client.get(url, HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 400, response.content
    assert response["Content-Type"].startswith("application/json")
    body = response.json()
    assert body == {"detail": "Null characters are not allowed.", "code": "null_character",
                    "field": url.split("?")[1].split("=")[0]}


def test_the_refusal_is_translated_and_names_a_null_in_the_name_or_the_path(client):
    vietnamese = client.get("/api/v1/reports/nearby?lat=1&cat%00=x", HTTP_ACCEPT_LANGUAGE="vi")
    assert vietnamese.status_code == 400
    assert vietnamese.json()["field"] == "cat" and "NUL" in vietnamese.json()["detail"]
    path = client.get("/api/v1/reports/BT%00-1", HTTP_ACCEPT_LANGUAGE="en")
    assert (path.status_code, path.json()["field"]) == (400, "path")


@pytest.mark.parametrize("url, fmt", [
    ("/open311/v2/requests.json?service_code=%00", "json"),
    ("/open311/v2/requests.json?status=open&service_request_id=BT%00", "json"),
    ("/open311/v2/requests.xml?service_code=%00", "xml"),
    ("/open311/v2/requests/%00.json", "json"),
    ("/open311/v2/services.xml?jurisdiction_id=%00", "xml"),
])
def test_open311_answers_its_error_list_in_the_format_asked_for(client, url, fmt):
    response = client.get(url, HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 400, response.content
    if fmt == "json":
        assert response["Content-Type"] == "application/json; charset=utf-8"
        errors = response.json()
    else:
        assert response["Content-Type"] == "text/xml; charset=utf-8"
        root = ET.fromstring(response.content)  # noqa: S314 — our own output
        errors = [{"code": int(e.findtext("code")), "description": e.findtext("description")}
                  for e in root]
    assert len(errors) == 1 and errors[0]["code"] == 400
    assert errors[0]["description"].endswith("Null characters are not allowed.")
    assert response["Access-Control-Allow-Origin"] == "*"


@pytest.mark.parametrize("url", ["/track/?code=%00", "/environment/stations/XT%00",
                                 "/console/login/?next=%00"])
def test_a_page_answers_a_small_translated_html_400(client, url):
    response = client.get(url, HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 400
    assert response["Content-Type"] == "text/html; charset=utf-8"
    assert b"Null characters are not allowed." in response.content


def test_an_open311_post_with_a_null_in_a_field_is_refused_and_nothing_stored(client):
    _record, key = api_key_create(name="guard")
    lat, lon = WARD_POINTS["26911"]
    before = Report.objects.count()
    response = client.post("/open311/v2/requests.json", {
        "api_key": key, "service_code": "rac-thai", "lat": lat, "long": lon,
        "description": "Rác thải\x00 đổ trộm ở đầu hẻm", "first_name": "An\x00",
    }, HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 400, response.content
    assert response.json()[0]["description"].endswith("Null characters are not allowed.")
    assert Report.objects.count() == before


def _files(n: int) -> dict:
    return {f"photo{i}": SimpleUploadedFile(f"p{i}.jpg", b"x", "image/jpeg") for i in range(n)}


@pytest.mark.parametrize("url", ["/api/v1/reports", "/api/v1/environment/readings/import"])
def test_too_many_files_to_a_json_api_is_a_json_400(staff_client, url):
    response = staff_client.post(url, {"category": "rac-thai", **_files(150)},
                                 HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 400, response.content[:300]
    assert response["Content-Type"].startswith("application/json")
    assert response.json() == {"detail": "Too many files in one request: send at most 100.",
                               "code": "too_many_files"}


def test_too_many_files_to_open311_is_its_error_list(client):
    _record, key = api_key_create(name="guard")
    response = client.post("/open311/v2/requests.xml", {"api_key": key, **_files(150)},
                           HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 400
    assert response["Content-Type"] == "text/xml; charset=utf-8"
    assert b"Too many files in one request" in response.content


def test_too_many_query_parameters_is_a_json_400(client, settings):
    settings.DATA_UPLOAD_MAX_NUMBER_FIELDS = 10
    query = "&".join(f"p{i}=1" for i in range(20))
    response = client.get(f"/api/v1/reports/nearby?{query}", HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 400
    assert response.json()["code"] == "too_many_fields"


def test_an_oversized_json_body_is_a_json_413(client, settings):
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 1000
    response = client.post("/api/v1/reports", {"description": "x" * 5000},
                           content_type="application/json", HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 413, response.content[:300]
    assert response.json()["code"] == "request_too_large"


def test_ordinary_requests_pass(client):
    assert client.get("/api/v1/categories?q=r%C3%A1c").status_code == 200
    assert client.get("/open311/v2/services.json").status_code == 200


# Found by the 100-example fuzz run on PostgreSQL (docs/security.md, "Both APIs under a
# fuzzer"): each answered 500 there before its fix.

@pytest.mark.parametrize("body, field", [
    ({"unit": "+\"\x00\xcf6", "procedure": "X", "code": "R"}, "unit"),
    ({"code": "R", "nested": {"deep": ["a\x00b"]}}, "nested"),
])
def test_a_null_character_in_a_json_body_is_a_400_naming_its_field(staff_client, body, field):
    response = staff_client.post("/api/v1/survey/dossiers", body, content_type="application/json",
                                 HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 400, response.content
    assert response.json()["code"] == "null_character" and response.json()["field"] == field


def test_a_null_character_in_a_form_body_is_a_400(staff_client):
    response = staff_client.post("/api/v1/survey/dossiers", "unit=a%00&code=R",
                                 content_type="application/x-www-form-urlencoded")
    assert response.status_code == 400, response.content
    assert response.json()["field"] == "unit"


@pytest.mark.parametrize("value", ["1345-08-27T05:17:10-17:40", "2026-01-01T00:00:00+23:59",
                                   "0001-01-01T00:00:00+07:00", "9999-12-31T23:59:59-07:00"])
def test_open311_dates_with_offsets_postgresql_refuses_answer_without_a_500(client, value):
    response = client.get("/open311/v2/requests.json", {"start_date": value})
    assert response.status_code in (200, 400), response.content
    if response.status_code == 400:
        assert response.json()[0]["code"] == 400


def test_environment_readings_accept_any_valid_offset(client):
    from smartdistrict.environment.models import StationKind
    from smartdistrict.environment.services.reference import parameters_load
    from smartdistrict.environment.services.stations import station_upsert

    parameters_load()
    station_upsert(code="XT-01", name="Kênh Xuyên Tâm", canal="Xuyên Tâm", lat=10.8109,
                   lon=106.7050, kind=StationKind.MANUAL, parameters=["pH"])
    response = client.get("/api/v1/environment/stations/XT-01/readings",
                          {"parameter": "pH", "start": "2026-01-01T00:00:00-17:40",
                           "end": "2026-01-03T00:00:00+18:00"})
    assert response.status_code == 200, response.content
