"""Rate limits on every intake door: beyond the budget each door answers 429 with
Retry-After in its own format, keeps nothing, and another address, key or token is not
affected. Budgets are small here ("2/d") so each test needs three requests; a day long,
so that the end of a fixed window (django-ratelimit's) never falls between them."""

from __future__ import annotations

import datetime as dt
import uuid

import pytest
from django.core.management import call_command
from django.core.management.base import SystemCheckError
from django.test import Client
from django.utils import timezone

from smartdistrict.accounts.models import User
from smartdistrict.environment.models import StationKind
from smartdistrict.environment.services.reference import parameters_load
from smartdistrict.environment.services.stations import station_upsert
from smartdistrict.environment.services.tokens import ingest_token_create
from smartdistrict.feedback.models import Report
from smartdistrict.open311.services import api_key_create

pytestmark = pytest.mark.django_db

LAT, LON = 10.8220, 106.7420  # Bình Quới
DESCRIPTION = "Rác thải đổ trộm ở đầu hẻm 12, bốc mùi hôi suốt ba ngày."
HOME, AWAY = "203.0.113.7", "198.51.100.9"
VI_PORTAL = "Nhiều phản ánh đã được gửi từ kết nối của bạn"
VI_API = "Quá nhiều lượt gửi từ kết nối hoặc khóa của bạn"


@pytest.fixture(autouse=True)
def _small_budgets(settings):
    settings.INTAKE_RATES_PER_ADDRESS = ["2/d"]
    settings.INTAKE_RATES_PER_OPEN311_KEY = ["1000/d"]
    settings.INTAKE_RATES_PER_STAFF = ["1000/d"]
    settings.INGEST_RATES_PER_TOKEN = ["1000/d"]
    settings.INGEST_RATES_PER_ADDRESS = ["1000/d"]


def assert_retry_after(response, period: int = 86400) -> int:
    assert response.status_code == 429, response.content
    seconds = int(response["Retry-After"])
    assert 1 <= seconds <= period
    return seconds


# --- the doors -----------------------------------------------------------------------------


def portal(address=HOME, **extra):
    form = {"category": "rac-thai", "description": DESCRIPTION, "lat": str(LAT),
            "lon": str(LON), "address": "Hẻm 12 Bình Quới", "reporter_name": "",
            "reporter_phone": "", "reporter_email": "", "nearby_seen": "rac-thai",
            "idempotency_key": "portal-" + uuid.uuid4().hex, **extra}
    return Client().post("/report/", form, REMOTE_ADDR=address)


def rest(address=HOME, client=None, **extra):
    body = {"category": "rac-thai", "description": DESCRIPTION, "lat": LAT, "lon": LON, **extra}
    return (client or Client()).post("/api/v1/reports", body, content_type="application/json",
                                     REMOTE_ADDR=address)


def open311(key, address=HOME, fmt="json"):
    body = {"api_key": key, "service_code": "rac-thai", "lat": LAT, "long": LON,
            "description": DESCRIPTION}
    return Client().post(f"/open311/v2/requests.{fmt}", body, REMOTE_ADDR=address)


def test_the_portal_form_refuses_with_a_friendly_page_keeping_what_was_typed():
    assert portal().status_code == 302
    assert portal().status_code == 302
    before = Report.objects.count()
    response = portal(description="Cống nghẹt ở hẻm 45, nước tràn lên mặt đường.")
    assert_retry_after(response)
    page = response.content.decode()
    assert VI_PORTAL in page
    assert 'id="report-form"' in page  # the page's script shows the message in place
    assert "Cống nghẹt ở hẻm 45" in page
    assert Report.objects.count() == before
    assert portal(address=AWAY).status_code == 302  # another address has its own budget


def test_the_rest_api_refuses_with_json_and_retry_after():
    assert rest().status_code == 201
    assert rest().status_code == 201
    response = rest()
    seconds = assert_retry_after(response)
    body = response.json()
    assert body["code"] == "rate_limited"
    assert body["retry_after"] == seconds
    assert body["detail"].startswith(VI_API)
    assert rest(address=AWAY).status_code == 201


def test_the_resident_doors_share_one_budget_per_address(settings):
    settings.INTAKE_RATES_PER_ADDRESS = ["3/d"]
    _record, key = api_key_create(name="App")
    assert portal().status_code == 302
    assert rest().status_code == 201
    assert open311(key).status_code == 200
    assert portal().status_code == 429
    assert rest().status_code == 429
    assert open311(key).status_code == 429


def test_every_rate_of_a_setting_holds(settings):
    settings.INTAKE_RATES_PER_ADDRESS = ["100/d", "2/7d"]
    rest(), rest()
    assert_retry_after(rest(), period=7 * 86400)  # the weekly rate refuses, the daily not


def test_staff_have_their_own_higher_budget_per_account(settings):
    settings.INTAKE_RATES_PER_STAFF = ["3/d"]
    staff = Client()
    staff.force_login(User.objects.get(username="tongdai"))
    other = Client()
    other.force_login(User.objects.get(username="canbo.binhquoi"))
    for _ in range(3):  # beyond the address budget of 2
        assert rest(client=staff, channel="hotline").status_code == 201
    assert_retry_after(rest(client=staff, channel="hotline"))
    assert rest(client=other).status_code == 201  # same address, another account


def test_the_hotline_form_is_limited_per_staff_account(settings):
    settings.INTAKE_RATES_PER_STAFF = ["1/d"]
    operator = Client()
    operator.force_login(User.objects.get(username="tongdai"))
    form = {"category": "rac-thai", "description": DESCRIPTION, "channel": "hotline",
            "lat": str(LAT), "lon": str(LON), "address": "", "reporter_name": "",
            "reporter_phone": "", "idempotency_key": ""}
    assert operator.post("/console/intake", form).status_code == 302
    response = operator.post("/console/intake", form)
    assert_retry_after(response)
    assert VI_API in response.content.decode()


@pytest.mark.parametrize("fmt", ["json", "xml"])
def test_open311_answers_the_specs_error_list_per_address(fmt):
    _record, key = api_key_create(name="App")
    assert open311(key, fmt=fmt).status_code == 200
    assert open311(key, fmt=fmt).status_code == 200
    response = open311(key, fmt=fmt)
    assert_retry_after(response)
    if fmt == "json":
        assert response["Content-Type"].startswith("application/json")
        [error] = response.json()
        assert error["code"] == 429 and VI_API in error["description"]
    else:
        assert response["Content-Type"].startswith("text/xml")
        text = response.content.decode()
        assert text.startswith('<?xml version="1.0" encoding="utf-8"?><errors><error>')
        assert "<code>429</code>" in text and VI_API in text


def test_open311_limits_each_api_key_across_addresses(settings):
    settings.INTAKE_RATES_PER_ADDRESS = ["1000/d"]
    settings.INTAKE_RATES_PER_OPEN311_KEY = ["2/d"]
    _record, key = api_key_create(name="App")
    _other, other_key = api_key_create(name="Other app")
    assert open311(key, address="10.0.0.1").status_code == 200
    assert open311(key, address="10.0.0.2").status_code == 200
    assert_retry_after(open311(key, address="10.0.0.3"))
    assert open311(other_key, address="10.0.0.3").status_code == 200


# --- environment ingestion ----------------------------------------------------------------


@pytest.fixture
def tokens(db):
    parameters_load()
    station = station_upsert(
        code="XT-01", name="Kênh Xuyên Tâm", canal="Xuyên Tâm", lat=10.8109, lon=106.7050,
        kind=StationKind.AUTOMATIC, reporting_interval=dt.timedelta(minutes=5),
        parameters=["DO"],
    )
    return [ingest_token_create(station=station, name=f"sensor {n}")[1] for n in range(2)]


def ingest(token, address=HOME):
    at = (timezone.now() - dt.timedelta(hours=1)).isoformat()
    body = {"readings": [{"station": "XT-01", "parameter": "DO", "observed_at": at,
                          "value": 4.2, "unit": "mg/L"}]}
    return Client().post("/api/v1/environment/readings", body, content_type="application/json",
                         HTTP_AUTHORIZATION=f"Token {token}", REMOTE_ADDR=address)


def test_ingestion_is_limited_per_token(settings, tokens):
    settings.INGEST_RATES_PER_TOKEN = ["2/d"]
    first, second = tokens
    assert ingest(first).status_code == 200
    assert ingest(first, address=AWAY).status_code == 200
    response = ingest(first)
    assert_retry_after(response)
    assert response.json()["code"] == "rate_limited"
    assert ingest(second).status_code == 200


def test_ingestion_is_limited_per_address(settings, tokens):
    settings.INGEST_RATES_PER_ADDRESS = ["2/d"]
    first, second = tokens
    assert ingest(first).status_code == 200
    assert ingest(second).status_code == 200
    assert_retry_after(ingest(first))
    assert ingest(second, address=AWAY).status_code == 200


# --- settings --------------------------------------------------------------------------------


def test_limits_can_be_switched_off(settings):
    settings.RATELIMIT_ENABLE = False
    for _ in range(4):
        assert rest().status_code == 201


def test_an_empty_list_switches_one_limit_off(settings):
    settings.INTAKE_RATES_PER_ADDRESS = []
    for _ in range(4):
        assert rest().status_code == 201


def test_a_rate_that_is_not_a_rate_stops_the_start(settings):
    settings.INTAKE_RATES_PER_ADDRESS = ["ten per minute"]
    with pytest.raises(SystemCheckError, match="INTAKE_RATES_PER_ADDRESS"):
        call_command("check")


@pytest.mark.service
def test_counts_live_in_redis_shared_by_every_host(redis_cache):
    assert rest().status_code == 201
    redis_cache.close()  # another connection, as another host would have
    assert rest().status_code == 201
    assert_retry_after(rest())
