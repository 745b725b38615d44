"""The Content-Security-Policy: on every HTML page, allowing the configured tile server."""

import pytest
from django.test import override_settings

from smartdistrict.core.security import content_security_policy, tile_origin


def test_tile_origin_is_scheme_and_host_with_subdomain_wildcard():
    assert tile_origin("https://{s}.tile.example.vn/{z}/{x}/{y}.png") == "https://*.tile.example.vn"
    assert tile_origin("https://tile.openstreetmap.org/{z}/{x}/{y}.png") == (
        "https://tile.openstreetmap.org"
    )
    assert tile_origin("/tiles/{z}/{x}/{y}.png") == ""  # served here: 'self' covers it


@override_settings(MAP_TILE_URL="https://maps.hcmc.example/{z}/{x}/{y}.png")
def test_policy_forbids_inline_script_and_allows_the_tile_host():
    policy = content_security_policy()
    assert "script-src 'self';" in policy
    assert "'unsafe-inline'" not in policy
    assert "img-src 'self' data: blob: https://maps.hcmc.example;" in policy
    assert "frame-ancestors 'none'" in policy


@pytest.mark.django_db
def test_html_pages_carry_the_policy_and_json_does_not(client):
    page = client.get("/")
    assert page.status_code == 200
    assert page["Content-Security-Policy"].startswith("default-src 'self'")
    assert b"<script>" not in page.content and b"<style" not in page.content
    api = client.get("/api/v1/categories")
    assert "Content-Security-Policy" not in api
