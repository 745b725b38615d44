"""Reads: latest values of every station in one query, time series, station lists."""

from __future__ import annotations

import datetime as dt

import pytest

from smartdistrict.environment import selectors
from smartdistrict.environment.models import StationKind
from smartdistrict.environment.services.ingest import readings_ingest
from smartdistrict.environment.services.stations import station_upsert

pytestmark = pytest.mark.django_db

T0 = dt.datetime(2026, 11, 1, tzinfo=dt.UTC)


def test_latest_values_of_all_stations_is_one_query(reference, django_assert_num_queries):
    for n in range(12):
        station_upsert(code=f"S-{n:02d}", name=f"Trạm {n}", lat=10.81, lon=106.705,
                       kind=StationKind.AUTOMATIC)
    rows = [{"station": f"S-{n:02d}", "parameter": p, "observed_at": T0 + dt.timedelta(hours=h),
             "value": h} for n in range(12) for p in ("DO", "pH", "temperature")
            for h in range(5)]
    readings_ingest(rows=rows, source="demo")
    with django_assert_num_queries(1):
        latest = [(r.station_code, r.parameter_code, r.value) for r in selectors.latest_values()]
    assert len(latest) == 36 and all(value == 4 for *_, value in latest)
    with django_assert_num_queries(1):
        grouped = selectors.latest_by_station()
    assert len(grouped) == 12


def test_readings_for_a_period_are_oldest_first_and_half_open(station):
    rows = [{"station": "XT-01", "parameter": "DO", "observed_at": T0 + dt.timedelta(hours=h),
             "value": h} for h in range(24)]
    readings_ingest(rows=rows, source="demo")
    do = selectors.parameter_by_code("DO")
    series = selectors.readings_for(station, do, T0 + dt.timedelta(hours=3),
                                    T0 + dt.timedelta(hours=6))
    assert [r.value for r in series] == [3, 4, 5]
    assert len(selectors.readings_for(station, do, T0, T0 + dt.timedelta(days=1), limit=5)) == 5


def test_the_station_list_hides_inactive_stations_unless_asked(station, other_station):
    station_upsert(code="VT-01", name="Kênh Văn Thánh", lat=10.7983, lon=106.699,
                   kind=StationKind.MANUAL, active=False)
    assert [s.code for s in selectors.stations()] == ["XT-01"]
    assert [s.code for s in selectors.stations(active=None)] == ["VT-01", "XT-01"]


def test_a_station_is_placed_in_its_ward_by_the_geography_app(station):
    assert station.ward is not None and station.ward.level == "ward"
    outside = station_upsert(code="FAR-01", name="Xa", lat=10.0, lon=105.0,
                             kind=StationKind.MANUAL)
    assert outside.ward is None
