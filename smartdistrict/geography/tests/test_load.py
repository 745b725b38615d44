"""The Bình Thạnh reference load: units over time, succession, boundaries and their labels."""

import datetime as dt

import pytest

from smartdistrict.geography.models import Boundary, Succession, Unit
from smartdistrict.geography.services import binh_thanh_load

pytestmark = pytest.mark.django_db


def wards_on(date):
    return Unit.objects.valid_on(date).filter(level="ward")


def test_units_of_each_period():
    assert Unit.objects.get(code="79").level == "city"
    district = Unit.objects.get(code="765")
    assert district.valid_to == dt.date(2025, 6, 30)
    assert wards_on(dt.date(2024, 12, 31)).count() == 20
    assert wards_on(dt.date(2025, 1, 1)).count() == 15
    assert wards_on(dt.date(2025, 6, 30)).count() == 15
    assert wards_on(dt.date(2025, 7, 1)).count() == 5
    assert set(wards_on(dt.date(2025, 7, 1)).values_list("gso_code", flat=True)) == {
        "26944", "26929", "26905", "26956", "26911",
    }


def test_succession_follows_the_resolutions():
    p1_2025 = Unit.objects.get(code="765.p1.2025")
    assert set(p1_2025.predecessors.values_list("code", flat=True)) == {
        "765.p1.2024", "765.p3.2024",
    }
    thanh_my_tay = Unit.objects.get(code="26956")
    assert set(thanh_my_tay.predecessors.values_list("name", flat=True)) == {
        "Phường 19", "Phường 22", "Phường 25",
    }
    merge = Succession.objects.get(predecessor__code="765.p24.2024")
    assert merge.successor.code == "765.p14.2025"
    assert merge.date == dt.date(2025, 1, 1)
    assert "1278" in merge.legal_basis


def test_boundaries_are_labelled_honestly():
    outline = Boundary.objects.get(unit__code="765")
    assert outline.approximate is False
    assert "gis.chinhphu.vn" in outline.source
    assert 19.5 < outline.area_km2 < 22  # 20.78 km² officially
    wards = Boundary.objects.filter(unit__level="ward")
    assert wards.count() == 20  # 15 wards of 2025 and 5 of July 2025
    assert all(b.approximate for b in wards)
    assert not Boundary.objects.filter(unit__code="765.p3.2024").exists()
    new_total = sum(
        b.area_km2 for b in wards.filter(unit__valid_from=dt.date(2025, 7, 1))
    )
    assert new_total == pytest.approx(outline.area_km2, rel=1e-3)


def test_load_is_idempotent_and_keeps_official_boundaries():
    Boundary.objects.filter(unit__code="26911").update(approximate=False, source="official test")
    before = (Unit.objects.count(), Succession.objects.count(), Boundary.objects.count())
    binh_thanh_load()
    assert (Unit.objects.count(), Succession.objects.count(), Boundary.objects.count()) == before
    assert Boundary.objects.get(unit__code="26911").source == "official test"
