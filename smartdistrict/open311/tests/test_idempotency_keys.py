"""Open311 client tokens (Idempotency-Key or idempotency_key) of any length stay distinct
(issue 13, item 5): they used to be cut to 100 characters, so two long tokens with the
same start were one, and the second request was answered with the first report."""

from __future__ import annotations

import pytest

from smartdistrict.feedback.models import Report
from smartdistrict.open311.services import api_key_create
from smartdistrict.open311.tests.conftest import BASE, WARD_POINTS

pytestmark = pytest.mark.django_db
LAT, LON = WARD_POINTS["26911"]
LONG = "com.example.phananh-" + "device-0123456789abcdef-" * 6  # 164 characters


def post(client, api_key, token=None, **fields):
    headers = {"HTTP_IDEMPOTENCY_KEY": token} if token is not None else {}
    return client.post(BASE + "requests.json", {
        "api_key": api_key, "service_code": "rac-thai", "lat": LAT, "long": LON,
        "description": "Rác thải đổ trộm ở đầu hẻm nhiều ngày, bốc mùi.", **fields}, **headers)


def code_of(response) -> str:
    assert response.status_code == 200, response.content
    return response.json()[0]["service_request_id"]


def test_two_long_tokens_with_the_same_start_are_two_requests(client, api_key):
    first = code_of(post(client, api_key, token=LONG + "-1"))
    second = code_of(post(client, api_key, token=LONG + "-2"))
    assert first != second and Report.objects.count() == 2
    assert code_of(post(client, api_key, token=LONG + "-2")) == second  # and each is kept


def test_a_retry_with_a_long_token_is_the_first_request(client, api_key):
    first = code_of(post(client, api_key, idempotency_key=LONG * 10))
    again = code_of(post(client, api_key, token=LONG * 10))
    assert first == again and Report.objects.count() == 1
    stored = Report.objects.get(code=first).idempotency_key
    assert stored.startswith("sha256:") and len(stored) <= 100


def test_tokens_stay_scoped_to_their_api_key(client, api_key):
    _record, other_key = api_key_create(name="Other app")
    first = code_of(post(client, api_key, token=LONG))
    other = code_of(post(client, other_key, token=LONG))
    assert first != other
    assert code_of(post(client, api_key, token=LONG)) == first


def test_a_token_with_control_characters_is_kept_safely(client, api_key):
    first = code_of(post(client, api_key, token="tok\x01-1"))
    again = code_of(post(client, api_key, token="tok\x01-1"))
    assert first == again
    assert code_of(post(client, api_key, token="tok\x01-2")) != first
