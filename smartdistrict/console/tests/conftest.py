"""Console test fixtures: demo staff logged in, reports in a chosen ward."""

from __future__ import annotations

import pytest
from django.test import Client

from smartdistrict.accounts.models import User
from smartdistrict.feedback.tests.conftest import create_report

PASSWORD = "smartdistrict-demo"

# A point inside each current ward (the published ward centres, 2025-07).
WARD_POINTS = {
    "26905": (10.8273, 106.7060),  # Bình Lợi Trung
    "26911": (10.8220, 106.7420),  # Bình Quới
    "26929": (10.8109, 106.7050),  # Bình Thạnh
    "26944": (10.7983, 106.6990),  # Gia Định
    "26956": (10.7981, 106.7180),  # Thạnh Mỹ Tây
}


@pytest.fixture
def make_report(db):
    """A resident's report in a ward (default Bình Quới), created through the service."""

    def make(ward: str = "26911", category: str = "rac-thai", offset: float = 0.0, **extra):
        lat, lon = WARD_POINTS[ward]
        values = {
            "category": category,
            "description": "Rác thải đổ trộm ở đầu hẻm đã ba ngày, bốc mùi hôi.",
            "lat": lat + offset,
            "lon": lon,
            "reporter_name": "Nguyễn Thị Bí Mật",
            "reporter_phone": "0912345678",
            "reporter_email": "bi.mat@example.com",
            **extra,
        }
        report, created = create_report(**values)
        assert created
        return report

    return make


def _client_for(username: str) -> Client:
    client = Client()
    client.force_login(User.objects.get(username=username))
    return client


@pytest.fixture
def officer_client(db) -> Client:
    """Ward officer of Bình Quới."""
    return _client_for("canbo.binhquoi")


@pytest.fixture
def other_officer_client(db) -> Client:
    """Ward officer of Gia Định."""
    return _client_for("canbo.giadinh")


@pytest.fixture
def operator_client(db) -> Client:
    return _client_for("tongdai")


@pytest.fixture
def leader_client(db) -> Client:
    return _client_for("lanhdao")


@pytest.fixture
def admin_client_demo(db) -> Client:
    return _client_for("admin")


@pytest.fixture
def department_client(db) -> Client:
    """Staff of the urban affairs office of Thạnh Mỹ Tây."""
    return _client_for("kthtdt.thanhmytay")


@pytest.fixture
def officer(db) -> User:
    return User.objects.get(username="canbo.binhquoi")
