"""Targets test fixtures: the demo accounts logged in, indicators made through the services."""

from __future__ import annotations

import pytest
from django.test import Client

from smartdistrict.accounts.models import User
from smartdistrict.accounts.services import user_create
from smartdistrict.organisations.models import Department
from smartdistrict.targets.indicator_rules import IndicatorValues
from smartdistrict.targets.models import Indicator
from smartdistrict.targets.services.indicators import (
    indicator_upsert,
    measurement_record,
)


def _client_for(user: User) -> Client:
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def leader_client(db) -> Client:
    return _client_for(User.objects.get(username="lanhdao"))


@pytest.fixture
def admin_client_demo(db) -> Client:
    return _client_for(User.objects.get(username="admin"))


@pytest.fixture
def officer_client(db) -> Client:
    """Ward officer of Bình Quới: may read, may not import or edit."""
    return _client_for(User.objects.get(username="canbo.binhquoi"))


@pytest.fixture
def owner_department(db) -> Department:
    return Department.objects.get(code="qldt-quan-binh-thanh")


@pytest.fixture
def owner_staff(db, owner_department) -> User:
    """Staff of the department that owns the urban indicators."""
    return user_create(
        username="nv.qldt", password="x", role="department_staff",
        departments=[owner_department], check_password=False,
    )


@pytest.fixture
def owner_client(owner_staff) -> Client:
    return _client_for(owner_staff)


@pytest.fixture
def roleless_client(db) -> Client:
    user = User.objects.create_user(username="khach", password="x")
    return _client_for(user)


@pytest.fixture
def make_indicator(db):
    """An indicator (yearly, higher is better, 100 → 200 from 2020 to 2025 by default)
    with the given yearly actuals, made through the services."""

    def make(code: str = "T-01", actuals: dict[int, float] | None = None, **fields) -> Indicator:
        values = {
            "code": code, "name": f"Chỉ tiêu thử {code}", "unit": "%", "direction": "higher",
            "baseline_value": 100.0, "baseline_year": 2020, "target_value": 200.0,
            "target_year": 2025, **fields,
        }
        indicator, _created = indicator_upsert(values=IndicatorValues(**values))
        for year, value in (actuals or {}).items():
            measurement_record(indicator=indicator, period=str(year), actual=value)
        return indicator

    return make
