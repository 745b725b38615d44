"""Territory through time, both ways: what a unit covers, and who covers a unit."""

import pytest

from smartdistrict.geography.index import get_index
from smartdistrict.geography.selectors import territory_ids, units_covering

pytestmark = pytest.mark.django_db


def test_units_covering_is_the_inverse_of_territory():
    index = get_index()
    units = list(index.units)
    territories = {u: territory_ids({u}) for u in units}
    for ward in units:
        expected = {u for u in units if ward in territories[u]}
        assert units_covering(ward) == expected


def test_a_former_ward_is_covered_by_its_successor_and_the_city():
    index = get_index()
    p27 = index.by_code["765.p27.2024"].id
    codes = {index.units[u].code for u in units_covering(p27)}
    assert {"765.p27.2024", "765.p27.2025", "26911", "765", "79"} <= codes
    assert "26944" not in codes
