"""The city pack's geography: units over time, succession, boundaries and their labels."""

import datetime as dt

import pytest

from smartdistrict.geography.models import Boundary, Succession, Unit

pytestmark = pytest.mark.django_db


def wards_on(date, **filters):
    return Unit.objects.valid_on(date).filter(level="ward", **filters)


def test_units_of_each_period():
    city = Unit.objects.get(code="79")
    assert (city.level, city.kind) == ("city", "thanh_pho")
    district = Unit.objects.get(code="765")
    assert (district.kind, district.valid_to) == ("quan", dt.date(2025, 6, 30))
    assert wards_on(dt.date(2024, 12, 31), parent=district).count() == 20
    assert wards_on(dt.date(2025, 1, 1), parent=district).count() == 15
    assert wards_on(dt.date(2025, 6, 30), parent=district).count() == 15
    today = wards_on(dt.date(2025, 7, 1))
    assert today.count() == 168
    kinds = {k: today.filter(kind=k).count() for k in ("phuong", "xa", "dac_khu")}
    assert kinds == {"phuong": 113, "xa": 54, "dac_khu": 1}
    assert sum(today.values_list("population", flat=True)) > 13_000_000


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
    # A former ward of another district, split between two of today's wards.
    da_kao = Unit.objects.get(name="Phường Đa Kao", parent__code="760")
    assert set(da_kao.successors.values_list("name", flat=True)) == {
        "Phường Sài Gòn", "Phường Tân Định",
    }


def test_boundaries_are_labelled_honestly():
    outline = Boundary.objects.get(unit__code="765")
    assert outline.approximate is False
    assert "gis.chinhphu.vn" in outline.source
    assert 19.5 < outline.area_km2 < 22  # 20.78 km² officially
    today = Boundary.objects.filter(unit__level="ward", unit__valid_from=dt.date(2025, 7, 1))
    assert today.count() == 168
    assert not today.filter(approximate=True).exists()
    assert "sapnhap.bando.com.vn" in today.first().source
    older = Boundary.objects.filter(unit__level="ward", unit__valid_to__lte=dt.date(2025, 6, 30))
    assert older.count() == 15  # the 2025 wards of the former Bình Thạnh, rebuilt inside
    assert all(b.approximate for b in older)
    assert not Boundary.objects.filter(unit__code="765.p3.2024").exists()


def test_wards_of_2025_are_rebuilt_inside_their_official_successor():
    import shapely

    for successor in Unit.objects.filter(code__in=["26944", "26929", "26905", "26956", "26911"]):
        outline = shapely.from_wkb(bytes(successor.boundary.wkb))
        parts = [shapely.from_wkb(bytes(p.boundary.wkb)) for p in successor.predecessors.all()]
        union = shapely.union_all(parts)
        assert union.symmetric_difference(outline).area < 1e-9
        assert all(outline.buffer(1e-9).contains(p) for p in parts)
