"""discovery, services, service definitions, tokens, jurisdiction, unknown resources."""

from __future__ import annotations

import datetime as dt

import pytest

from smartdistrict.feedback.config_cache import config_changed, invalidate
from smartdistrict.feedback.models import (
    AttributeDatatype,
    Category,
    CategoryAttribute,
    RoutingRuleChange,
)
from smartdistrict.open311.tests.conftest import BASE, WARD_POINTS, normalise, xml_to_python

pytestmark = pytest.mark.django_db
SERVICE_FIELDS = ["service_code", "service_name", "description", "metadata", "type",
                  "keywords", "group"]


def both(client, path, **extra):
    """The JSON body and the XML body (parsed) of the same query."""
    as_json = client.get(BASE + path.format(fmt="json"), **extra)
    as_xml = client.get(BASE + path.format(fmt="xml"), **extra)
    assert as_json["Content-Type"] == "application/json; charset=utf-8"
    assert as_xml["Content-Type"] == "text/xml; charset=utf-8"
    assert as_xml.content.startswith(b'<?xml version="1.0" encoding="utf-8"?>')
    return as_json, as_xml


def test_discovery(client, settings):
    as_json, as_xml = both(client, "discovery.{fmt}")
    body = as_json.json()
    assert normalise(body) == xml_to_python(as_xml.content)
    assert body["jurisdiction_id"] == "hochiminhcity.gov.vn"
    endpoint = body["endpoints"][0]
    assert endpoint["url"] == "http://testserver/open311/v2/"
    assert endpoint["type"] == "production"
    assert endpoint["formats"] == ["text/xml", "application/json"]
    assert body["changeset"].endswith("+07:00")
    assert {"page", "bbox", "radius", "updated_after", "extensions"} <= set(body["extensions"])
    settings.OPEN311_JURISDICTION = "example.gov.vn"
    assert client.get(BASE + "discovery.json").json()["jurisdiction_id"] == "example.gov.vn"


def test_services_are_the_active_categories(client):
    Category.objects.filter(code="khac").update(active=False)
    config_changed()
    as_json, as_xml = both(client, "services.{fmt}")
    services = as_json.json()
    assert normalise(services) == xml_to_python(as_xml.content)
    codes = [s["service_code"] for s in services]
    assert "khac" not in codes and "rac-thai" in codes
    expected = list(Category.objects.filter(active=True).order_by("order", "code")
                    .values_list("code", flat=True))
    assert codes == expected
    by_code = {s["service_code"]: s for s in services}
    for service in services:
        assert list(service) == SERVICE_FIELDS
        assert service["type"] == "realtime"
    assert by_code["den-giao-thong"]["metadata"] is True
    assert by_code["rac-thai"]["metadata"] is False
    category = Category.objects.get(code="rac-thai")
    assert by_code["rac-thai"]["keywords"] == ",".join(category.keywords)
    assert by_code["rac-thai"]["group"] == category.group
    english = client.get(BASE + "services.json", HTTP_ACCEPT_LANGUAGE="en").json()
    assert {s["service_code"]: s for s in english}["rac-thai"]["service_name"] == category.name_en


def test_services_at_a_point(client):
    lat, lon = WARD_POINTS["26929"]
    inside = client.get(BASE + "services.json", {"lat": lat, "long": lon}).json()
    assert len(inside) == Category.objects.filter(active=True).count()
    assert client.get(BASE + "services.xml", {"lat": "10.5", "long": "106.0"}).content.endswith(
        b"<services></services>")
    assert client.get(BASE + "services.json", {"lat": "10.5", "long": "106.0"}).json() == []
    missing = client.get(BASE + "services.json", {"lat": lat})
    assert missing.status_code == 400
    assert "long" in missing.json()[0]["description"]


def test_service_definition_with_the_six_datatypes(client):
    category = Category.objects.create(code="thu-nghiem", name="Thử nghiệm", name_en="Test")
    for order, kind in enumerate(AttributeDatatype.values, start=1):
        values = [{"key": "a", "name": "Lựa chọn A"}, {"key": "b", "name": "Lựa chọn B"}] \
            if kind.endswith("valuelist") else []
        CategoryAttribute.objects.create(
            category=category, code=f"q_{kind}", datatype=kind, order=order,
            required=kind == "string", description=f"Câu hỏi {kind}", values=values,
        )
    config_changed()
    as_json, as_xml = both(client, "services/thu-nghiem.{fmt}")
    definition = as_json.json()
    assert normalise(definition) == xml_to_python(as_xml.content)
    assert definition["service_code"] == "thu-nghiem"
    attributes = definition["attributes"]
    assert [a["datatype"] for a in attributes] == list(AttributeDatatype.values)
    assert [a["order"] for a in attributes] == [1, 2, 3, 4, 5, 6]
    first = attributes[0]
    assert list(first) == ["variable", "code", "datatype", "required", "datatype_description",
                           "order", "description", "values"]
    assert first["variable"] is True and first["required"] is True
    assert attributes[1]["required"] is False
    lists = [a for a in attributes if a["datatype"].endswith("valuelist")]
    assert lists[0]["values"] == [{"key": "a", "name": "Lựa chọn A"},
                                  {"key": "b", "name": "Lựa chọn B"}]
    services = {s["service_code"]: s for s in client.get(BASE + "services.json").json()}
    assert services["thu-nghiem"]["metadata"] is True


@pytest.mark.parametrize("fmt", ["json", "xml"])
def test_unknown_or_inactive_service_is_404(client, fmt):
    Category.objects.filter(code="khac").update(active=False)
    config_changed()
    for code in ("khong-co", "khac"):
        response = client.get(BASE + f"services/{code}.{fmt}")
        assert response.status_code == 404
        errors = response.json() if fmt == "json" else xml_to_python(response.content)
        assert errors[0]["code"] in (404, "404")
        assert "service_code" in errors[0]["description"]


@pytest.mark.parametrize("path", [
    "discovery.{fmt}", "services.{fmt}", "services/rac-thai.{fmt}", "requests.{fmt}",
    "requests/BT-2026-000001.{fmt}", "tokens/abc.{fmt}",
])
def test_jurisdiction_is_optional_and_a_wrong_one_is_404(client, path):
    for fmt in ("json", "xml"):
        url = BASE + path.format(fmt=fmt)
        right = client.get(url, {"jurisdiction_id": "hochiminhcity.gov.vn"})
        assert right.status_code in (200, 404)
        wrong = client.get(url, {"jurisdiction_id": "quan1.hochiminhcity.gov.vn"})
        assert wrong.status_code == 404
        errors = wrong.json() if fmt == "json" else xml_to_python(wrong.content)
        assert "jurisdiction_id" in errors[0]["description"]


@pytest.mark.parametrize("path", [
    "services.html", "requests.yaml", "discovery.JSON", "services/rac-thai.csv",
])
def test_an_unknown_format_is_a_json_404(client, path):
    response = client.get(BASE + path)
    assert response.status_code == 404
    assert response["Content-Type"] == "application/json; charset=utf-8"
    assert response.json()[0]["code"] == 404


@pytest.mark.parametrize(("path", "content_type"), [
    ("nothing", "application/json; charset=utf-8"),
    ("services", "application/json; charset=utf-8"),
    ("services.json/", "application/json; charset=utf-8"),
    ("requests/a/b.xml", "text/xml; charset=utf-8"),
])
def test_unknown_resources_are_404_lists(client, path, content_type):
    response = client.get(BASE + path)
    assert response.status_code == 404
    assert response["Content-Type"] == content_type


@pytest.mark.parametrize("fmt", ["json", "xml"])
def test_an_unknown_token_is_404(client, fmt):
    response = client.get(BASE + f"tokens/nope.{fmt}")
    assert response.status_code == 404
    errors = response.json() if fmt == "json" else xml_to_python(response.content)
    assert "token" in errors[0]["description"]


def test_services_etag_and_304(client):
    first = client.get(BASE + "services.json")
    assert first["ETag"]
    assert client.get(BASE + "services.json", HTTP_IF_NONE_MATCH=first["ETag"]).status_code == 304
    Category.objects.filter(code="khac").update(name="Khác (đã đổi tên)")
    config_changed()
    assert client.get(BASE + "services.json", HTTP_IF_NONE_MATCH=first["ETag"]).status_code == 200
    definition = client.get(BASE + "services/rac-thai.xml")
    assert client.get(BASE + "services/rac-thai.xml",
                      HTTP_IF_NONE_MATCH=definition["ETag"]).status_code == 304


def test_services_last_modified_follows_the_latest_change(client):
    """Last-Modified is the latest change to a category, a question or a route: a client
    revalidating with If-Modified-Since gets 304 until something changes."""
    from django.utils.http import parse_http_date

    first = client.get(BASE + "services.json")
    latest = max(
        [*Category.objects.values_list("updated_at", flat=True),
         *CategoryAttribute.objects.values_list("updated_at", flat=True),
         *RoutingRuleChange.objects.values_list("changed_at", flat=True)]
    )
    assert parse_http_date(first["Last-Modified"]) == int(latest.timestamp())
    assert client.get(BASE + "services.json",
                      HTTP_IF_MODIFIED_SINCE=first["Last-Modified"]).status_code == 304

    category = Category.objects.get(code="rac-thai")
    before = category.updated_at
    category.name = "Rác thải (đổi tên)"
    category.save()  # auto_now moves the stamp
    config_changed()
    category.refresh_from_db()
    assert category.updated_at > before
    # Whole seconds in HTTP dates: place the change clearly after the first answer.
    Category.objects.filter(pk=category.pk).update(updated_at=latest + dt.timedelta(minutes=5))
    config_changed()
    invalidate()
    changed = client.get(BASE + "services.json", HTTP_IF_MODIFIED_SINCE=first["Last-Modified"])
    assert changed.status_code == 200
    assert parse_http_date(changed["Last-Modified"]) == int(
        (latest + dt.timedelta(minutes=5)).timestamp()
    )
    definition = client.get(BASE + "services/rac-thai.json")
    assert definition["Last-Modified"] == changed["Last-Modified"]


def test_text_is_escaped_in_xml(client):
    Category.objects.filter(code="khac").update(
        description='Nhà <số> 5 & "cây" \x01 đổ', name="Khác & <khác>")
    config_changed()
    response = client.get(BASE + "services.xml")
    services = {s["service_code"]: s for s in xml_to_python(response.content)}
    assert services["khac"]["description"] == 'Nhà <số> 5 & "cây"  đổ'
    assert services["khac"]["service_name"] == "Khác & <khác>"
