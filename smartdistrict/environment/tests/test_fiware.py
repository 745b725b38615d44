"""FIWARE WaterQualityObserved (NGSI-LD): entities in, the latest observation out, round trip."""

from __future__ import annotations

import pytest

from smartdistrict.environment.ingestion.fiware import CONTEXT, decode_entities
from smartdistrict.environment.models import Reading

pytestmark = pytest.mark.django_db

IN_URL = "/api/v1/environment/ngsi-ld/entities"


def entity(**members):
    return {
        "@context": CONTEXT,
        "id": "urn:ngsi-ld:WaterQualityObserved:XT-01",
        "type": "WaterQualityObserved",
        "dateObserved": {"type": "Property",
                         "value": {"@type": "DateTime", "@value": "2026-11-29T01:00:00Z"}},
        "location": {"type": "GeoProperty",
                     "value": {"type": "Point", "coordinates": [106.705, 10.8109]}},
        "refPointOfInterest": {"type": "Relationship",
                               "object": "urn:ngsi-ld:PointOfInterest:XT-01"},
        **members,
    }


def post(client, body, token):
    return client.post(IN_URL, body, content_type="application/ld+json",
                       HTTP_AUTHORIZATION=f"Token {token}")


def test_entities_are_mapped_to_platform_parameters(client, station_token):
    body = entity(
        O2={"type": "Property", "value": 4.2, "unitCode": "M1"},
        pH={"type": "Property", "value": 7.1},
        NH4={"type": "Property", "value": 0.9, "observedAt": "2026-11-29T00:30:00Z"},
        conductivity={"type": "Property", "value": 0.05},
        chla={"type": "Property", "value": 3},
    )
    data = post(client, body, station_token).json()
    assert data["stored"] == 4 and data["ignored"] == ["chla"]
    stored = {r.parameter.code: r for r in Reading.objects.select_related("parameter")}
    assert stored["DO"].value == 4.2 and stored["pH"].value == 7.1
    assert stored["conductivity"].value == pytest.approx(500.0)  # 0.05 S/m = 500 µS/cm
    assert stored["N-NH4"].observed_at.isoformat() == "2026-11-29T00:30:00+00:00"
    assert {r.source for r in stored.values()} == {"fiware"}


def test_key_values_entities_and_lists_are_accepted():
    decoded = decode_entities([
        {"id": "urn:ngsi-ld:WaterQualityObserved:VT-01", "type": "WaterQualityObserved",
         "dateObserved": "2026-11-29T01:00:00Z", "temperature": 29.5, "bod": 8},
        {"id": "urn:ngsi-ld:AirQualityObserved:A1", "type": "AirQualityObserved"},
        {"id": "x", "type": "WaterQualityObserved"},
    ])
    assert [(r["station"], r["parameter"], r["value"]) for r in decoded.rows] == [
        ("VT-01", "temperature", 29.5), ("VT-01", "BOD5", 8)]
    assert [(r.index, r.code) for r in decoded.rejected] == [
        (1, "wrong_type"), (2, "missing_field")]


def test_the_latest_observation_goes_out_as_an_entity_and_comes_back_the_same(
        client, station, station_token):
    body = entity(
        O2={"type": "Property", "value": 4.2, "unitCode": "M1"},
        temperature={"type": "Property", "value": 29.5, "unitCode": "CEL"},
        turbidity={"type": "Property", "value": 35.0},
        bod={"type": "Property", "value": 12.0, "observedAt": "2026-11-28T01:00:00Z"},
    )
    assert post(client, body, station_token).json()["stored"] == 4
    response = client.get("/api/v1/environment/stations/XT-01/ngsi-ld")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/ld+json")
    out = response.json()
    assert out["@context"] == CONTEXT
    assert out["id"] == "urn:ngsi-ld:WaterQualityObserved:XT-01"
    assert out["type"] == "WaterQualityObserved"
    assert out["location"]["value"] == {"type": "Point",
                                        "coordinates": [station.lon, station.lat]}
    assert out["refPointOfInterest"]["object"] == "urn:ngsi-ld:PointOfInterest:XT-01"
    assert out["dateObserved"]["value"]["@value"] == "2026-11-29T01:00:00Z"
    assert out["O2"] == {"type": "Property", "value": 4.2, "unitCode": "M1",
                         "observedAt": "2026-11-29T01:00:00Z"}
    assert out["bod"]["observedAt"] == "2026-11-28T01:00:00Z"
    # Back in: the same entity is the same readings, so nothing new is stored.
    again = post(client, out, station_token).json()
    assert (again["stored"], again["duplicates"], again["conflicts"]) == (0, 4, [])
    assert Reading.objects.count() == 4


def test_ngsi_ld_posts_need_a_token_of_the_station(client, station, other_station):
    from smartdistrict.environment.services.tokens import ingest_token_create

    _record, raw = ingest_token_create(station=other_station)
    data = post(client, entity(pH={"type": "Property", "value": 7}), raw).json()
    assert [r["code"] for r in data["rejected"]] == ["station_not_allowed"]
    assert client.post(IN_URL, entity(), content_type="application/json").status_code == 401
