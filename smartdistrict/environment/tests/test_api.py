"""The stations and readings API: token-authenticated batches and public reads."""

from __future__ import annotations

import pytest
from django.urls import reverse

from smartdistrict.environment.models import Reading
from smartdistrict.environment.services.ingest import readings_ingest
from smartdistrict.environment.services.tokens import ingest_token_revoke

pytestmark = pytest.mark.django_db

URL = "/api/v1/environment/readings"


def post(client, body, token=None, **headers):
    if token:
        headers["HTTP_AUTHORIZATION"] = f"Token {token}"
    return client.post(URL, body, content_type="application/json", **headers)


def reading(station="XT-01", parameter="DO", at="2026-11-29T08:00:00+07:00", value=4.2):
    return {"station": station, "parameter": parameter, "observed_at": at, "value": value,
            "unit": "mg/L" if parameter == "DO" else ""}


def test_the_route_is_the_documented_one():
    assert reverse("environment-readings-ingest") == URL


def test_a_station_token_posts_a_batch_and_gets_the_per_row_result(client, station_token):
    body = {"readings": [reading(), reading(value="NaN"), reading(parameter="pH", value=7.2),
                         reading(at="2026-11-29T08:05:00")]}
    response = post(client, body, station_token)
    assert response.status_code == 200, response.content
    data = response.json()
    assert (data["received"], data["stored"], data["duplicates"]) == (4, 2, 0)
    assert data["statuses"] == ["stored", "rejected", "stored", "rejected"]
    assert [(r["index"], r["code"], r["field"]) for r in data["rejected"]] == [
        (1, "not_a_number", "value"), (3, "naive_time", "observed_at")]
    assert Reading.objects.count() == 2
    again = post(client, body, station_token).json()
    assert (again["stored"], again["duplicates"]) == (0, 2)


def test_rejection_messages_follow_the_request_language(client, station_token):
    body = {"readings": [reading(station="ZZ-99")]}
    english = post(client, body, station_token, HTTP_ACCEPT_LANGUAGE="en").json()
    vietnamese = post(client, body, station_token, HTTP_ACCEPT_LANGUAGE="vi").json()
    assert english["rejected"][0]["message"].startswith("No station has the code")
    assert vietnamese["rejected"][0]["message"].startswith("Không có trạm")


def test_a_station_token_writes_only_its_station(client, station_token, other_station):
    data = post(client, {"readings": [reading(), reading(station="VT-01")]},
                station_token).json()
    assert data["statuses"] == ["stored", "rejected"]
    assert data["rejected"][0]["code"] == "station_not_allowed"


def test_a_provider_token_writes_its_stations_only(client, provider_token, other_station):
    data = post(client, {"readings": [reading(), reading(station="VT-01")]},
                provider_token).json()
    assert data["statuses"] == ["stored", "rejected"]


@pytest.mark.parametrize("header", [None, "Token env_not-a-real-token", "Token "])
def test_without_a_valid_token_nothing_is_stored(client, station, header):
    extra = {"HTTP_AUTHORIZATION": header} if header else {}
    response = client.post(URL, {"readings": [reading()]}, content_type="application/json",
                           **extra)
    assert response.status_code == 401
    assert response.json()["code"] in ("not_authenticated", "token_invalid")
    assert Reading.objects.count() == 0


def test_a_revoked_token_is_refused(client, station):
    from smartdistrict.environment.services.tokens import ingest_token_create

    record, raw = ingest_token_create(station=station)
    ingest_token_revoke(token=record)
    assert post(client, {"readings": [reading()]}, raw).status_code == 401


@pytest.mark.parametrize("body, code", [
    ('{"readings": [', "malformed_json"),
    ("[1, 2]", "malformed_batch"),
    ('{"reading": []}', "malformed_batch"),
    ('{"readings": {"station": "XT-01"}}', "malformed_batch"),
])
def test_a_malformed_body_is_a_400_in_the_error_shape(client, station_token, body, code):
    response = client.post(URL, body, content_type="application/json",
                           HTTP_AUTHORIZATION=f"Token {station_token}")
    assert response.status_code == 400
    data = response.json()
    assert data["code"] == code and data["detail"]


def test_a_batch_over_the_limit_is_refused(client, station_token, settings):
    settings.ENVIRONMENT_MAX_BATCH = 2
    response = post(client, {"readings": [reading()] * 3}, station_token)
    assert response.status_code == 400 and response.json()["code"] == "batch_too_large"


def test_the_station_list_carries_latest_values(client, station, other_station,
                                                django_assert_max_num_queries):
    readings_ingest(rows=[reading(), reading(at="2026-11-29T09:00:00+07:00", value=5.1),
                          reading(parameter="pH", value=7.0)], source="http")
    with django_assert_max_num_queries(3):
        data = client.get("/api/v1/environment/stations").json()
    by_code = {s["code"]: s for s in data}
    xt = by_code["XT-01"]
    assert xt["ward"]["name"] and xt["kind"] == "automatic"
    assert xt["parameters"] == ["DO", "pH", "temperature", "turbidity"]
    assert {(v["parameter"], v["value"]) for v in xt["latest"]} == {("DO", 5.1), ("pH", 7.0)}
    assert xt["last_observed_at"] == "2026-11-29T09:00:00+07:00" and xt["late"] is True
    assert by_code["VT-01"]["latest"] == [] and by_code["VT-01"]["late"] is True


def test_one_station_and_a_missing_one(client, station):
    assert client.get("/api/v1/environment/stations/XT-01").json()["code"] == "XT-01"
    missing = client.get("/api/v1/environment/stations/NOPE")
    assert missing.status_code == 404 and missing.json()["code"] == "station_not_found"


def test_readings_of_a_period_are_bounded(client, station):
    rows = [reading(at=f"2026-11-29T{h:02d}:00:00+07:00", value=h / 2) for h in range(10)]
    readings_ingest(rows=rows, source="http")
    url = "/api/v1/environment/stations/XT-01/readings"
    data = client.get(url, {"parameter": "DO", "start": "2026-11-29T02:00:00+07:00",
                            "end": "2026-11-29T06:00:00+07:00"}).json()
    assert [r["value"] for r in data["readings"]] == [1.0, 1.5, 2.0, 2.5]
    assert data["count"] == 4 and data["truncated"] is False and data["unit"] == "mg/L"
    limited = client.get(url, {"parameter": "DO", "start": "2026-11-29T00:00:00+07:00",
                               "end": "2026-11-30T00:00:00+07:00", "limit": 3}).json()
    assert limited["count"] == 3 and limited["truncated"] is True
    assert limited["readings"][0]["observed_at"] == "2026-11-29T00:00:00+07:00"
    assert client.get(url, {"parameter": "DO", "start": "2026-11-30T00:00:00+07:00",
                            "end": "2026-11-29T00:00:00+07:00"}).status_code == 400
    assert client.get(url, {"parameter": "XX"}).status_code == 404
    assert client.get(url).json()["field"] == "parameter"


@pytest.mark.parametrize("query", [
    "start=0001-01-01T00:00:00%2B07:00", "end=0001-01-03T00:00:00Z",
    "end=9999-12-31T23:59:59-23:59", "start=1800-01-01", "end=3000-01-01",
])
def test_a_series_query_at_the_ends_of_the_calendar_is_a_400_naming_it(client, station, query):
    response = client.get(f"/api/v1/environment/stations/XT-01/readings?parameter=DO&{query}")
    assert response.status_code == 400, response.content
    assert response.json()["field"] == query.split("=")[0]
