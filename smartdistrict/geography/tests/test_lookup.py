"""Point → unit across the reforms (acceptance 2 of the foundation issue)."""

import csv
import datetime as dt

import numpy as np
import pytest
import shapely

from smartdistrict.core.errors import NotFound
from smartdistrict.geography.models import Unit
from smartdistrict.geography.selectors import lookup_point, lookup_points
from smartdistrict.geography.services import boundary_set
from smartdistrict.jurisdictions.reading import PACKS_DIR

DATA_DIR = PACKS_DIR / "hcmc" / "sources"

pytestmark = pytest.mark.django_db

with open(DATA_DIR / "binh_thanh_wards_2025-01.csv", encoding="utf-8") as _handle:
    LEGACY = [
        (r["address"].split(",")[0].removeprefix("Phường "), float(r["latitude"]),
         float(r["longitude"]))
        for r in csv.DictReader(_handle)
    ]
# The new ward of each legacy ward, read from the succession table of the former district.
with open(DATA_DIR / "binh_thanh_units.csv", encoding="utf-8") as _handle:
    NEW_WARD_OF = {
        part.removeprefix("765.p").removesuffix(".2025"): row["name"]
        for row in csv.DictReader(_handle)
        if row["valid_from"] == "2025-07-01"
        for part in row["predecessors"].split(";")
    }
ABSORBED_INTO = {"1": "3", "7": "6", "2": "15", "19": "21", "14": "24"}


@pytest.mark.parametrize(("number", "lat", "lon"), LEGACY)
def test_legacy_centre_falls_in_its_own_ward_in_2025(number, lat, lon):
    found = lookup_point(lat, lon, dt.date(2025, 3, 1))
    assert found.ward is not None
    assert found.ward.code == f"765.p{number}.2025"
    assert found.district.code == "765"
    assert found.city.code == "79"
    assert found.approximate is True


@pytest.mark.parametrize(("number", "lat", "lon"), LEGACY)
def test_same_point_falls_in_the_successor_ward_in_2026(number, lat, lon):
    found = lookup_point(lat, lon, dt.date(2026, 1, 1))
    assert found.ward.name == NEW_WARD_OF[number]
    assert found.district is None  # the district level no longer existed
    assert found.city.code == "79"


@pytest.mark.parametrize(("number", "lat", "lon"), LEGACY)
def test_2024_lookup_names_the_pair_when_a_ward_was_absorbed(number, lat, lon):
    found = lookup_point(lat, lon, dt.date(2024, 6, 1))
    if number in ABSORBED_INTO:
        assert found.ward is None
        names = {c.name for c in found.candidates}
        assert names == {f"Phường {number}", f"Phường {ABSORBED_INTO[number]}"}
        assert " or " in found.note or " hoặc " in found.note
        assert found.inherited_from.code == f"765.p{number}.2025"
    else:
        assert found.ward.code == f"765.p{number}.2024"
        assert found.candidates == (found.ward,)
    assert found.district.code == "765"


@pytest.mark.parametrize(
    ("lat", "lon"), [(10.05, 105.75), (21.0285, 105.8542), (0.0, 0.0)]  # Cần Thơ, Hà Nội
)
def test_point_outside_the_jurisdiction_is_not_found(lat, lon):
    with pytest.raises(NotFound) as caught:
        lookup_point(lat, lon, dt.date(2026, 1, 1))
    assert caught.value.code == "outside_jurisdiction"


def test_batch_lookup_agrees_with_single_lookups():
    rng = np.random.default_rng(7)
    lons = rng.uniform(106.68, 106.755, 400)
    lats = rng.uniform(10.78, 10.845, 400)
    for date in (dt.date(2024, 6, 1), dt.date(2025, 3, 1), dt.date(2026, 1, 1)):
        batch = lookup_points(lats, lons, date)
        for lat, lon, got in zip(lats, lons, batch, strict=True):
            try:
                single = lookup_point(lat, lon, date)
            except NotFound:
                assert got == -1
                continue
            assert got == (single.ward.id if single.ward else -2)


def test_new_boundary_is_used_at_once():
    ward = Unit.objects.get(code="26911")  # Bình Quới
    point = (10.8273, 106.7369)  # Phường 28's centre
    assert lookup_point(*point, dt.date(2026, 1, 1)).ward.code == "26911"
    elsewhere = shapely.box(106.60, 10.60, 106.61, 10.61)
    boundary_set(unit=ward, geometry=elsewhere, approximate=False, source="test")
    found = lookup_point(10.605, 106.605, dt.date(2026, 1, 1))
    assert found.ward.code == "26911"
    assert found.approximate is False


def test_each_bình_thạnh_ward_contains_its_2025_wards_centres():
    for number, lat, lon in LEGACY:
        found = lookup_point(lat, lon, dt.date(2026, 1, 1))
        assert found.ward.name == NEW_WARD_OF[number]
        assert found.approximate is False
