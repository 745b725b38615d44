"""The geography's HTTP API: answers, errors in the request's language, query budgets."""

import datetime as dt

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db
P25 = {"lat": "10.805806", "lon": "106.719041"}


def test_lookup_answers_units_with_the_approximate_flag(client, django_assert_max_num_queries):
    client.get(reverse("geography-lookup"), P25)  # builds this process's index
    with django_assert_max_num_queries(3):  # the index version check only
        response = client.get(reverse("geography-lookup"), {**P25, "date": "2025-03-01"})
    assert response.status_code == 200
    body = response.json()
    assert body["ward"]["code"] == "765.p25.2025"
    assert body["ward"]["gso_code"] == "26920"
    assert [u["level"] for u in body["units"]] == ["ward", "district", "city"]
    assert body["approximate"] is True
    assert "not an official" in body["boundary_note"] or "không phải" in body["boundary_note"]


def test_lookup_today_defaults_to_the_current_wards(client):
    body = client.get(reverse("geography-lookup"), P25).json()
    assert body["ward"]["name"] == "Phường Thạnh Mỹ Tây"
    assert body["district"] is None


def test_lookup_2024_absorbed_pair_is_reported_not_invented(client):
    body = client.get(
        reverse("geography-lookup"), {"lat": 10.807273, "lon": 106.692506, "date": "2024-06-01"}
    ).json()
    assert body["ward"] is None
    assert body["ambiguous"] is True
    assert {c["name"] for c in body["candidates"]} == {"Phường 6", "Phường 7"}
    assert body["note"]


@pytest.mark.parametrize(
    ("language", "expected"),
    [("vi", "nằm ngoài"), ("en", "outside the area"), (None, "nằm ngoài")],
)
def test_outside_is_404_in_the_request_language(client, language, expected):
    headers = {"HTTP_ACCEPT_LANGUAGE": language} if language else {}
    cantho = {"lat": 10.03, "lon": 105.78}
    response = client.get(reverse("geography-lookup"), cantho, **headers)
    assert response.status_code == 404
    assert response.json()["code"] == "outside_jurisdiction"
    assert expected in response.json()["detail"]


@pytest.mark.parametrize(
    ("params", "field"),
    [
        ({"lon": "106.7"}, "lat"),
        ({"lat": "abc", "lon": "106.7"}, "lat"),
        ({"lat": "10.8", "lon": "181"}, "lon"),
        ({"lat": "nan", "lon": "106.7"}, "lat"),
        ({**P25, "date": "2025-13-01"}, "date"),
    ],
)
def test_bad_input_is_400_naming_the_field(client, params, field):
    response = client.get(reverse("geography-lookup"), params, HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 400
    assert response.json()["field"] == field
    assert response.json()["detail"]


@pytest.mark.parametrize(
    ("address", "code"),
    [
        ("Phường 25, Quận Bình Thạnh", "26956"),
        ("phuong 25 q binh thanh", "26956"),
        ("P.13, Q.BT", "26905"),
        ("Phường Bình Quới", "26911"),
    ],
)
def test_resolve_examples(client, address, code):
    response = client.get(reverse("geography-resolve"), {"address": address})
    assert response.status_code == 200
    assert response.json()["unit"]["code"] == code


def test_resolve_reports_the_legacy_ward(client):
    body = client.get(
        reverse("geography-resolve"), {"address": "Phường 25, Quận Bình Thạnh"}
    ).json()
    assert body["legacy"] is True
    assert body["named"]["name"] == "Phường 25"
    assert body["unit"]["name"] == "Phường Thạnh Mỹ Tây"


def test_resolve_unknown_ward_is_404_with_candidates(client):
    response = client.get(
        reverse("geography-resolve"),
        {"address": "Phường 9, Quận Bình Thạnh", "date": "2024-06-01"},
        HTTP_ACCEPT_LANGUAGE="vi",
    )
    assert response.status_code == 404
    body = response.json()
    assert body["code"] == "address_not_resolved"
    assert body["candidates"]
    assert "Phường" in body["detail"] or "phường" in body["detail"]


def test_resolve_a_split_unit_lists_candidates_and_a_point_decides(client):
    url = reverse("geography-resolve")
    split = client.get(url, {"address": "Phường Đa Kao, Quận 1"})
    assert split.status_code == 404
    assert split.json()["code"] == "address_split"
    assert {c["code"] for c in split.json()["candidates"]} == {"26740", "26737"}
    decided = client.get(url, {"address": "Phường Đa Kao, Quận 1", "lat": 10.7917,
                               "lon": 106.693})
    assert decided.status_code == 200 and decided.json()["unit"]["code"] == "26737"


def test_resolve_requires_the_address(client):
    response = client.get(reverse("geography-resolve"))
    assert response.status_code == 400
    assert response.json()["field"] == "address"


def test_units_list_has_no_geometry_and_flags_boundaries(client, django_assert_max_num_queries):
    client.get(reverse("geography-lookup"), P25)  # builds this process's index
    with django_assert_max_num_queries(5):  # version check, units, boundary flags
        body = client.get(
            reverse("geography-units"), {"level": "ward", "date": "2026-06-01"}
        ).json()
    assert body["count"] == 168
    kinds = [unit["kind"] for unit in body["results"]]
    assert (kinds.count("phuong"), kinds.count("xa"), kinds.count("dac_khu")) == (113, 54, 1)
    for unit in body["results"]:
        assert "geometry" not in unit
        assert unit["approximate"] is False
        assert unit["parent"] == "79"


def test_units_list_before_the_reform_lists_the_units_the_pack_holds(client):
    from smartdistrict.geography.models import Unit

    body = client.get(reverse("geography-units"), {"level": "ward", "date": "2024-06-01"}).json()
    codes = {unit["code"] for unit in body["results"]}
    expected = Unit.objects.valid_on(dt.date(2024, 6, 1)).filter(level="ward")
    assert codes == set(expected.values_list("code", flat=True))
    assert {f"765.p{n}.2024" for n in (1, 3, 27, 28)} <= codes
    assert "26944" not in codes  # today's wards did not exist yet
    districts = client.get(reverse("geography-units"), {"level": "district",
                                                         "date": "2024-06-01"}).json()
    assert {"765", "760", "769"} <= {u["code"] for u in districts["results"]}
    assert client.get(reverse("geography-units"),
                      {"level": "district", "date": "2026-06-01"}).json()["count"] == 0


def test_wards_geojson_marks_approximate_areas_only(client):
    body = client.get(reverse("geography-wards-geojson"), {"date": "2026-01-01"}).json()
    assert len(body["features"]) == 168
    assert not any(f["properties"]["approximate"] for f in body["features"])
    body = client.get(reverse("geography-wards-geojson"), {"date": "2025-03-01"}).json()
    binh_thanh = [f for f in body["features"]
                  if f["properties"]["units"][0]["code"].startswith("765.")]
    assert len(binh_thanh) == 15
    assert all(f["properties"]["approximate"] for f in binh_thanh)


def test_openapi_schema_and_docs_are_served(client):
    assert client.get(reverse("api-schema")).status_code == 200
    docs = client.get(reverse("api-docs"))
    assert docs.status_code == 200
    assert b"cdn" not in docs.content.lower()


def test_openapi_schema_validates_without_warnings(tmp_path):
    from django.core.management import call_command

    call_command("spectacular", "--validate", "--fail-on-warn", "--file",
                 str(tmp_path / "schema.yml"))
    assert "/api/v1/reports" in (tmp_path / "schema.yml").read_text()
