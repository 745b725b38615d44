"""Conformance: the published `georeport` client (PyPI), unmodified, against a live server.

It reads services, a service definition, request lists (with the spec's filters) and a
single request in JSON and in XML. georeport has no POST call; submissions are made
with `requests` exactly as the spec describes (form-encoded, api_key).
"""

from __future__ import annotations

import pytest

georeport = pytest.importorskip("georeport", reason="dev dependency georeport not installed")
http = pytest.importorskip("requests")


@pytest.fixture
def seeded(transactional_db):
    """A transactional test starts from an emptied database: load the configuration."""
    from smartdistrict.demo.data import seed_demo

    seed_demo()


@pytest.mark.parametrize("fmt", ["json", "xml"])
def test_georeport_client_reads_everything(seeded, live_server, fmt):
    from smartdistrict.open311.services import api_key_create

    _record, key = api_key_create(name="conformance")
    root = f"{live_server.url}/open311/v2"
    posted = http.post(f"{root}/requests.{fmt}", data={
        "api_key": key, "service_code": "den-giao-thong", "lat": "10.8109", "long": "106.7050",
        "attribute[tinh_trang]": "tat", "description": "Đèn giao thông ở ngã tư tắt hẳn.",
        "email": "nguoi.dan@example.com",
    }, timeout=30)
    assert posted.status_code == 200, posted.text
    if fmt == "json":
        code = posted.json()[0]["service_request_id"]
    else:
        import xmltodict

        code = xmltodict.parse(posted.content)["service_requests"]["request"][
            "service_request_id"]

    client = georeport.GeoReport(root, jurisdiction="hochiminhcity.gov.vn",
                                 api_key=key, output_format=fmt)
    services = client.get_service_list()
    codes = [s["service_code"] for s in services]
    assert "den-giao-thong" in codes
    definition = client.get_service_definition("den-giao-thong")
    attribute = definition["attributes"][0] if fmt == "json" else \
        definition["attributes"]["attribute"]
    assert attribute["code"] == "tinh_trang"
    assert attribute["datatype"] == "singlevaluelist"

    requests_ = client.get_service_requests(service_code="den-giao-thong", status="open")
    if isinstance(requests_, dict):  # xmltodict gives a dict for a single element
        requests_ = [requests_]
    assert [r["service_request_id"] for r in requests_] == [code]
    assert client.get_service_requests(service_request_id=code)
    single = client.get_service_request(code)
    assert single["service_request_id"] == code
    assert single["status"] == "open"
    assert single["requested_datetime"].endswith("+07:00")
    assert "nguoi.dan@example.com" not in str(single)

    wrong = georeport.GeoReport(root, jurisdiction="elsewhere.example", output_format=fmt)
    with pytest.raises(http.HTTPError) as error:
        wrong.get_service_list()
    assert error.value.response.status_code == 404
