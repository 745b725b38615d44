"""Fixtures for the environment data tests: reference parameters, stations, tokens."""

from __future__ import annotations

import datetime as dt

import pytest

from smartdistrict.environment.models import StationKind
from smartdistrict.environment.services.reference import parameters_load
from smartdistrict.environment.services.stations import provider_upsert, station_upsert
from smartdistrict.environment.services.tokens import ingest_token_create

# Points on canals inside the district (inside the current wards of the feedback tests).
XT01 = (10.8109, 106.7050)  # Bình Thạnh ward
VT01 = (10.7983, 106.6990)  # Gia Định ward


@pytest.fixture
def reference(db):
    parameters_load()


@pytest.fixture
def provider(reference):
    return provider_upsert(code="lab-hcm", name="Trung tâm Quan trắc TN&MT")


@pytest.fixture
def station(reference, provider):
    return station_upsert(
        code="XT-01", name="Kênh Xuyên Tâm – cầu Bình Lợi", canal="Xuyên Tâm",
        lat=XT01[0], lon=XT01[1], kind=StationKind.AUTOMATIC, provider=provider,
        reporting_interval=dt.timedelta(minutes=5),
        parameters=["DO", "pH", "temperature", "turbidity"],
    )


@pytest.fixture
def other_station(reference):
    return station_upsert(
        code="VT-01", name="Kênh Văn Thánh", canal="Văn Thánh", lat=VT01[0], lon=VT01[1],
        kind=StationKind.MANUAL, parameters=["pH", "DO", "BOD5", "COD", "N-NH4"],
    )


@pytest.fixture
def station_token(station):
    _record, raw = ingest_token_create(station=station, name="sensor XT-01")
    return raw


@pytest.fixture
def provider_token(provider, station):
    _record, raw = ingest_token_create(provider=provider, name="lab")
    return raw
