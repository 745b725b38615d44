"""The fragments the form's script fetches: the ward found, suggested categories."""

import pytest

from smartdistrict.portal.tests.conftest import WARD_POINTS

pytestmark = pytest.mark.django_db


def test_the_ward_of_a_pin(client):
    lat, lon = WARD_POINTS["26956"]
    page = client.get("/report/where", {"lat": lat, "lon": lon}).content.decode()
    assert '<strong id="ward-name">Phường Thạnh Mỹ Tây</strong>' in page
    assert "ranh giới gần đúng" not in page  # official boundaries


def test_the_ward_of_an_address_with_its_centre_for_the_map(client):
    page = client.get("/report/where", {"address": "12 Nguyễn Xí, P.13, Q.BT"}).content.decode()
    assert "Phường Bình Lợi Trung" in page and "trước đây là Phường 13" in page
    assert 'data-lat="10.' in page and 'data-lon="106.' in page  # not "10,8": no localisation


def test_an_unknown_address_or_a_point_outside_says_why(client):
    page = client.get("/report/where", {"address": "Phường 99"}).content.decode()
    assert 'id="ward-error"' in page and "Không nhận ra phường" in page
    cantho = {"lat": "10.0339", "lon": "105.7880"}  # outside the city
    outside = client.get("/report/where", cantho).content.decode()
    assert 'id="ward-error"' in outside
    nonsense = client.get("/report/where", {"lat": "abc", "lon": "1"})
    assert nonsense.status_code == 200 and 'id="ward-error"' in nonsense.content.decode()


def test_suggestions_from_the_description(client):
    page = client.get("/report/suggest",
                      {"description": "Nước ngập sâu cả tấc sau cơn mưa, cống bị nghẹt"}
                      ).content.decode()
    assert 'id="suggest-ngap-nuoc"' in page and 'data-code="ngap-nuoc"' in page
    assert client.get("/report/suggest", {"description": "ngập"}).content.strip() == b""


def test_the_page_shown_again_keeps_suggestion_and_ward(client):
    lat, lon = WARD_POINTS["26911"]
    page = client.post("/report/", {
        "description": "Nước ngập sâu cả tấc sau cơn mưa, cống bị nghẹt", "category": "",
        "lat": lat, "lon": lon,
    }).content.decode()
    assert 'id="suggest-ngap-nuoc"' in page
    assert '<strong id="ward-name">Phường Bình Quới</strong>' in page
