"""The HTTP lookup benchmark samples only points that lie in a unit: one request in 2,000
answered 404 when points were drawn inside the city's outline, which the units' boundaries
do not cover exactly."""

import pytest


@pytest.mark.django_db
def test_every_sampled_point_finds_a_unit():
    from smartdistrict.demo.data import seed_demo

    seed_demo()  # the city pack: the 168 units and their boundaries
    from benchmarks.http_lookup import REQUESTS, WARMUP, _points_inside
    from smartdistrict.geography.selectors import lookup_points

    lats, lons = _points_inside(REQUESTS + WARMUP)
    assert len(lats) == REQUESTS + WARMUP
    assert (lookup_points(lats, lons) >= 0).all()
