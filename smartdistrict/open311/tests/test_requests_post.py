"""POST requests.{fmt}: key, location, attributes, contact kept private, media, errors."""

from __future__ import annotations

import io

import pytest
from PIL import Image

from smartdistrict.feedback.config_cache import config_changed
from smartdistrict.feedback.models import AttributeDatatype, Category, CategoryAttribute, Report
from smartdistrict.open311.models import ApiKey, Open311Submission
from smartdistrict.open311.services import api_key_revoke
from smartdistrict.open311.tests.conftest import BASE, WARD_POINTS, xml_to_python

pytestmark = pytest.mark.django_db
LAT, LON = WARD_POINTS["26911"]
DESCRIPTION = "Rác thải đổ trộm ở đầu hẻm nhiều ngày, bốc mùi."


def body(api_key, **extra):
    return {"api_key": api_key, "service_code": "rac-thai", "lat": LAT, "long": LON,
            "description": DESCRIPTION, **extra}


def post(client, data, fmt="json", **headers):
    return client.post(BASE + f"requests.{fmt}", data, **headers)


def errors_of(response, fmt="json"):
    return response.json() if fmt == "json" else xml_to_python(response.content)


@pytest.mark.parametrize("fmt", ["json", "xml"])
def test_created_at_once_and_stamped_with_the_key(client, api_key, fmt):
    response = post(client, body(api_key, account_id="acct-1", device_id="phone-1"), fmt)
    assert response.status_code == 200, response.content
    assert response["Content-Type"] == (
        "application/json; charset=utf-8" if fmt == "json" else "text/xml; charset=utf-8")
    answer = errors_of(response, fmt)
    assert len(answer) == 1
    assert set(answer[0]) == {"service_request_id", "service_notice", "account_id", "token"}
    assert answer[0]["account_id"] == "acct-1"
    assert answer[0]["service_notice"]
    report = Report.objects.get(code=answer[0]["service_request_id"])
    assert report.channel == "open311"
    assert report.ward.code == "26911"
    submission = report.open311_submission
    assert submission.api_key == ApiKey.objects.get(name="Test app")
    assert (submission.device_id, submission.account_id) == ("phone-1", "acct-1")
    token = client.get(BASE + f"tokens/{submission.token}.{fmt}")
    assert token.status_code == 200
    assert errors_of(token, fmt) == [{"service_request_id": report.code,
                                      "token": submission.token}]


def test_contact_fields_are_stored_privately(client, api_key):
    response = post(client, body(api_key, first_name="Trần", last_name="Văn Bảy",
                                 phone="0912 345 678", email="bay@example.com"))
    report = Report.objects.get(code=response.json()[0]["service_request_id"])
    assert (report.reporter_name, report.reporter_phone, report.reporter_email) == (
        "Trần Văn Bảy", "0912345678", "bay@example.com")
    shown = client.get(BASE + f"requests/{report.code}.json?extensions=true").content.decode()
    assert "0912345678" not in shown and "bay@example.com" not in shown and "Bảy" not in shown


@pytest.mark.parametrize("fmt", ["json", "xml"])
@pytest.mark.parametrize("key", [None, "", "o311_not-a-key", "revoked"])
def test_a_missing_bad_or_revoked_key_is_403(client, api_key, fmt, key):
    if key == "revoked":
        api_key_revoke(api_key=ApiKey.objects.get(name="Test app"))
        key = api_key
    data = body(api_key)
    if key is None:
        del data["api_key"]
    else:
        data["api_key"] = key
    response = post(client, data, fmt)
    assert response.status_code == 403
    errors = errors_of(response, fmt)
    assert str(errors[0]["code"]) == "403"
    assert "api_key" in errors[0]["description"]
    assert Report.objects.count() == 0


@pytest.mark.parametrize("fmt", ["json", "xml"])
def test_missing_service_code_and_location_are_listed_together(client, api_key, fmt):
    response = post(client, {"api_key": api_key, "description": DESCRIPTION}, fmt)
    assert response.status_code == 400
    descriptions = [e["description"] for e in errors_of(response, fmt)]
    assert len(descriptions) == 2
    assert "service_code" in descriptions[0] and "lat" in descriptions[1]


def test_unknown_or_inactive_service_code_is_404(client, api_key):
    assert post(client, body(api_key, service_code="khong-co")).status_code == 404
    Category.objects.filter(code="tieng-on").update(active=False)
    config_changed()  # an edit outside the services tells the caches itself
    response = post(client, body(api_key, service_code="tieng-on"))
    assert response.status_code == 404
    assert "service_code" in response.json()[0]["description"]


@pytest.mark.parametrize(("extra", "field"), [
    ({"service_code": "khac", "description": "ngắn"}, "description"),
    ({"description": "x" * 4001}, "description"),
    ({"lat": "10.03", "long": "105.78"}, "lat"),  # Cần Thơ, outside the city
    ({"lat": "abc"}, "lat"),
    ({"long": ""}, "long"),
    ({"phone": "12345"}, "phone"),
    ({"email": "not-an-email"}, "email"),
    ({"media_url": "ftp://example.com/a.jpg"}, "media_url"),
    ({"service_code": "den-giao-thong"}, "attribute[tinh_trang]"),
    ({"service_code": "den-giao-thong", "attribute[tinh_trang]": "xanh"},
     "attribute[tinh_trang]"),
    ({"attribute[khong_co]": "1"}, "attribute[khong_co]"),
    ({"service_code": "ngap-nuoc", "attribute[do_sau_cm]": "sâu"}, "attribute[do_sau_cm]"),
])
def test_validation_failures_are_400_naming_the_field(client, api_key, extra, field):
    for fmt in ("json", "xml"):
        response = post(client, body(api_key, **extra), fmt)
        assert response.status_code == 400, (extra, response.content)
        errors = errors_of(response, fmt)
        assert str(errors[0]["code"]) == "400"
        assert errors[0]["description"].startswith(field + ":"), errors
    assert Report.objects.count() == 0


@pytest.mark.parametrize(("language", "text"), [("en", "at least")])
def test_errors_in_the_requests_language(client, api_key, language, text):
    short = body(api_key, service_code="khac", description="ngắn")
    english = post(client, short, HTTP_ACCEPT_LANGUAGE=language)
    assert text in english.json()[0]["description"]
    default = post(client, short)  # Vietnamese by default
    assert default.json()[0]["description"].startswith("description:")


def test_address_string_is_resolved_through_geography(client, api_key):
    data = body(api_key, address_string="12 Nguyễn Xí, Phường Bình Lợi Trung, Bình Thạnh")
    del data["lat"], data["long"]
    response = post(client, data)
    assert response.status_code == 200, response.content
    report = Report.objects.get(code=response.json()[0]["service_request_id"])
    assert report.ward.code == "26905"
    assert report.lat is None
    row = client.get(BASE + f"requests/{report.code}.json").json()[0]
    assert row["address"].startswith("12 Nguyễn Xí")
    assert row["lat"] is None


def test_an_unresolvable_address_string_is_400(client, api_key):
    data = body(api_key, address_string="123 Lê Lợi, Quận 1")
    del data["lat"], data["long"]
    response = post(client, data)
    assert response.status_code == 400
    assert response.json()[0]["description"].startswith("address_string:")


def test_address_id_is_a_ward_code(client, api_key):
    data = body(api_key, address_id="26956")
    del data["lat"], data["long"]
    response = post(client, data)
    assert response.status_code == 200, response.content
    report = Report.objects.get(code=response.json()[0]["service_request_id"])
    assert report.ward.code == "26956"
    assert client.get(BASE + f"requests/{report.code}.json").json()[0]["address_id"] == "26956"
    data["address_id"] = "99999"
    bad = post(client, data)
    assert bad.status_code == 400
    assert bad.json()[0]["description"].startswith("address_id:")


def test_attributes_single_and_multiple_values(client, api_key):
    category = Category.objects.get(code="ngap-nuoc")
    CategoryAttribute.objects.create(
        category=category, code="nguyen_nhan", datatype=AttributeDatatype.MULTIVALUELIST,
        description="Nguyên nhân", values=[{"key": "mua", "name": "Mưa"},
                                           {"key": "trieu", "name": "Triều cường"}],
    )
    config_changed()
    data = body(api_key, service_code="ngap-nuoc")
    data["attribute[do_sau_cm]"] = "25"
    data["attribute[nguyen_nhan][]"] = ["mua", "trieu"]
    response = post(client, data)
    assert response.status_code == 200, response.content
    report = Report.objects.get(code=response.json()[0]["service_request_id"])
    assert report.attributes == {"do_sau_cm": 25.0, "nguyen_nhan": ["mua", "trieu"]}
    single = body(api_key, service_code="ngap-nuoc", **{"attribute[nguyen_nhan]": "mua"})
    report = Report.objects.get(code=post(client, single).json()[0]["service_request_id"])
    assert report.attributes == {"nguyen_nhan": ["mua"]}
    wrong = body(api_key, service_code="ngap-nuoc", **{"attribute[nguyen_nhan][]": "gio"})
    assert post(client, wrong).json()[0]["description"].startswith("attribute[nguyen_nhan]:")


def jpeg(name="photo.jpg") -> io.BytesIO:
    buffer = io.BytesIO()
    Image.new("RGB", (64, 48), "blue").save(buffer, "JPEG")
    buffer.seek(0)
    buffer.name = name
    return buffer


def test_multipart_media_upload_becomes_a_photo(client, api_key):
    response = post(client, body(api_key, media=jpeg()))
    assert response.status_code == 200, response.content
    report = Report.objects.get(code=response.json()[0]["service_request_id"])
    assert report.photos.count() == 1
    media_url = client.get(BASE + f"requests/{report.code}.json").json()[0]["media_url"]
    assert media_url == "http://testserver" + report.photos.get().image.url


def test_a_non_image_upload_is_400_naming_media(client, api_key):
    fake = io.BytesIO(b"not an image")
    fake.name = "x.jpg"
    response = post(client, body(api_key, media=fake))
    assert response.status_code == 400
    assert response.json()[0]["description"].startswith("media:")


def test_media_url_is_kept_and_shown(client, api_key):
    url = "https://img.example.com/pothole.jpg"
    response = post(client, body(api_key, media_url=url))
    code = response.json()[0]["service_request_id"]
    assert Open311Submission.objects.get(report__code=code).media_url == url
    assert client.get(BASE + f"requests/{code}.xml").content.decode().count(url) == 1
    assert client.get(BASE + f"requests/{code}.json").json()[0]["media_url"] == url


def test_a_retry_with_the_same_client_token_returns_the_first_request(client, api_key):
    first = post(client, body(api_key), HTTP_IDEMPOTENCY_KEY="tok-1")
    again = post(client, body(api_key), HTTP_IDEMPOTENCY_KEY="tok-1")
    assert first.json() == again.json()
    assert Report.objects.count() == 1
    other = post(client, body(api_key), HTTP_IDEMPOTENCY_KEY="tok-2")
    assert other.json()[0]["service_request_id"] != first.json()[0]["service_request_id"]


def test_json_bodies_are_read_too(client, api_key):
    response = client.post(BASE + "requests.json", body(api_key),
                           content_type="application/json")
    assert response.status_code == 200, response.content
    assert Report.objects.get().description == DESCRIPTION


def test_parameters_in_the_query_string_count(client, api_key):
    response = client.post(
        BASE + f"requests.json?api_key={api_key}&service_code=rac-thai&lat={LAT}&long={LON}",
        {"description": DESCRIPTION},
    )
    assert response.status_code == 200, response.content


def test_wrong_jurisdiction_on_post_is_404(client, api_key):
    response = post(client, body(api_key, jurisdiction_id="hanoi.gov.vn"))
    assert response.status_code == 404
    assert "jurisdiction_id" in response.json()[0]["description"]
    ok = post(client, body(api_key, jurisdiction_id="hochiminhcity.gov.vn"))
    assert ok.status_code == 200


def test_other_methods_are_405_in_the_format(client):
    for fmt in ("json", "xml"):
        response = client.put(BASE + f"requests.{fmt}")
        assert response.status_code == 405
        assert str(errors_of(response, fmt)[0]["code"]) == "405"
        assert "POST" in response["Allow"]
        assert client.post(BASE + f"services.{fmt}").status_code == 405


def test_a_malformed_body_is_a_400_list_not_a_500(client):
    for fmt in ("json", "xml"):
        response = client.generic("POST", BASE + f"requests.{fmt}", b"--x\r\ngarbage",
                                  content_type="multipart/form-data")
        assert response.status_code == 400, response.content
        assert str(errors_of(response, fmt)[0]["code"]) == "400"


def test_head_answers_like_get(client):
    response = client.head(BASE + "services.json")
    assert response.status_code == 200
    assert response["Access-Control-Allow-Origin"] == "*"
