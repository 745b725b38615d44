"""The admin: lists open, the register is written through the service (a bad line is
refused on the field), money and ballots are read-only."""

from __future__ import annotations

import json

import pytest
from django.test import Client

from smartdistrict.accounts.models import User
from smartdistrict.alleys.models import Alley
from smartdistrict.alleys.tests.conftest import BINH_QUOI_LINE

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client() -> Client:
    client = Client()
    client.force_login(User.objects.get(username="admin"))
    return client


def test_the_admin_lists_open(admin_client, project_in_works):
    for model in ("alley", "household", "proposal", "ballot", "pledge", "payment", "expense"):
        assert admin_client.get(f"/admin/alleys/{model}/").status_code == 200, model
    page = admin_client.get(f"/admin/alleys/proposal/{project_in_works.pk}/change/")
    assert page.status_code == 200
    assert admin_client.get("/admin/alleys/payment/add/").status_code == 403


def test_an_alley_is_added_through_the_service(admin_client):
    fields = {"name": "Hẻm quản trị", "code": "hem-quan-tri", "households": 4, "surface": "",
              "drainage": "", "flooding": "", "lighting": "", "note": "", "width_m": ""}
    bad = admin_client.post("/admin/alleys/alley/add/", {**fields, "geometry": "POINT (1 2)"})
    assert bad.status_code == 200 and not Alley.objects.filter(code="hem-quan-tri").exists()
    good = admin_client.post("/admin/alleys/alley/add/", {
        **fields, "geometry": json.dumps({"type": "LineString", "coordinates": BINH_QUOI_LINE})})
    assert good.status_code == 302
    alley = Alley.objects.get(code="hem-quan-tri")
    assert alley.unit.code == "26911" and alley.length_m > 100
