"""The stored form of an idempotency key: short plain keys as sent, any other hashed whole
(never cut, so two long keys with the same start stay two)."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from smartdistrict.feedback.models import Report
from smartdistrict.feedback.services.idempotency import idempotency_key_stored
from smartdistrict.feedback.tests.conftest import WARD_POINTS


def test_short_plain_keys_are_stored_as_sent_and_others_hashed():
    assert idempotency_key_stored("  portal-abc ") == "portal-abc"
    assert idempotency_key_stored("") is None and idempotency_key_stored(None) is None
    assert idempotency_key_stored("x" * 100) == "x" * 100
    for odd in ("x" * 101, "a\x00b", "sha256:" + "0" * 64, "tab\there"):
        stored = idempotency_key_stored(odd)
        assert stored.startswith("sha256:") and len(stored) == 71


@given(st.text(min_size=1, max_size=300), st.text(min_size=1, max_size=300))
def test_different_keys_are_stored_differently(a, b):
    if a.strip() != b.strip() and a.strip() and b.strip():
        stored_a, stored_b = idempotency_key_stored(a), idempotency_key_stored(b)
        assert stored_a != stored_b and len(stored_a) <= 100 and len(stored_b) <= 100


@pytest.mark.django_db
def test_two_long_rest_keys_with_the_same_start_are_two_reports(client):
    lat, lon = WARD_POINTS["26944"]
    codes = set()
    for suffix in ("a", "b", "a"):
        response = client.post("/api/v1/reports", {
            "category": "rac-thai", "description": "Rác thải đổ trộm ở đầu hẻm nhiều ngày",
            "lat": lat, "lon": lon}, content_type="application/json",
            HTTP_IDEMPOTENCY_KEY="gateway-" + "k" * 120 + suffix)
        assert response.status_code in (200, 201), response.content
        codes.add(response.json()["code"])
    assert len(codes) == 2 and Report.objects.count() == 2
