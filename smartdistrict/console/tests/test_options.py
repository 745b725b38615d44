"""The whole jurisdiction's filter lists (console.options) follow every change to units and
departments, though each process keeps them between requests."""

from __future__ import annotations

import re

import pytest
from django.db import transaction

from smartdistrict.geography.models import Unit
from smartdistrict.geography.services import geography_changed
from smartdistrict.organisations.models import Department, DepartmentKind
from smartdistrict.organisations.services import department_upsert

pytestmark = pytest.mark.django_db


def _options(client, field: str) -> dict[str, str]:
    page = client.get("/console/").content.decode()
    select = re.search(rf'<select name="{field}"[^>]*>(.*?)</select>', page, re.S)
    assert select, f"no {field} filter on the page"
    return dict(re.findall(r'<option value="([^"]*)"[^>]*>([^<]*)</option>', select.group(1)))


def test_a_new_department_appears_in_the_leaders_filter(leader_client):
    before = _options(leader_client, "department")
    assert len(before) > 1 and "PB-MOI" not in before
    department_upsert(code="PB-MOI", name="Phòng Quản lý đô thị mới",
                      kind=DepartmentKind.URBAN_MANAGEMENT,
                      units=Unit.objects.filter(code="26911"))
    after = _options(leader_client, "department")
    assert after["PB-MOI"] == "Phòng Quản lý đô thị mới"
    assert set(after) - set(before) == {"PB-MOI"}


def test_a_renamed_ward_is_shown_by_its_new_name(operator_client):
    ward = Unit.objects.get(code="26911")
    assert _options(operator_client, "ward")["26911"] == ward.name
    with transaction.atomic():  # what the admin site and the pack loader do
        Unit.objects.filter(pk=ward.pk).update(name="Phường Bình Quới Mới")
        geography_changed()
    assert _options(operator_client, "ward")["26911"] == "Phường Bình Quới Mới"


def test_the_lists_are_kept_until_a_version_moves(leader_client, settings):
    """Between changes the process answers from its lists: a write that bypasses the
    services (and so bumps no version) is not seen until the next change."""
    settings.CONFIG_VERSION_CHECK_SECONDS = 3600
    _options(leader_client, "department")
    quiet = Department.objects.order_by("id").first()
    Department.objects.filter(pk=quiet.pk).update(name="Tên chưa báo")
    assert "Tên chưa báo" not in _options(leader_client, "department").values()
    with transaction.atomic():
        department_upsert(code="PB-MOI", name="Phòng mới", kind=DepartmentKind.OTHER,
                          units=[])
    settings.CONFIG_VERSION_CHECK_SECONDS = 0
    assert "Tên chưa báo" in _options(leader_client, "department").values()


def test_a_ward_officer_still_sees_only_their_wards(officer_client):
    wards = _options(officer_client, "ward")
    assert "26911" in wards and "26944" not in wards  # Bình Quới's, not Gia Định
