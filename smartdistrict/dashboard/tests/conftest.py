"""Dashboard fixtures: two years of demo reports across both reforms, facts refreshed."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
from django.test import Client

from smartdistrict.accounts.models import User

TZ = ZoneInfo("Asia/Ho_Chi_Minh")
# Two years before this moment cover both reforms (1 Jan and 1 Jul 2025).
SEEDED_AT = dt.datetime(2025, 10, 15, 12, 0, tzinfo=TZ)
# A point inside each current ward (the published ward centres, 2025-07).
WARD_POINTS = {
    "26905": (10.8273, 106.7060),  # Bình Lợi Trung
    "26911": (10.8220, 106.7420),  # Bình Quới
    "26929": (10.8109, 106.7050),  # Bình Thạnh
    "26944": (10.7983, 106.6990),  # Gia Định
    "26956": (10.7981, 106.7180),  # Thạnh Mỹ Tây
}
# The territory of each new ward through time, written out from binh-thanh.md
# (independent of geography.selectors.territory_ids).
TERRITORY = {
    "26944": {"26944", "765.p1.2025", "765.p2.2025", "765.p7.2025", "765.p17.2025",
              "765.p1.2024", "765.p2.2024", "765.p3.2024", "765.p6.2024", "765.p7.2024",
              "765.p15.2024", "765.p17.2024"},
    "26911": {"26911", "765.p27.2025", "765.p28.2025", "765.p27.2024", "765.p28.2024"},
    "26956": {"26956", "765.p19.2025", "765.p22.2025", "765.p25.2025", "765.p19.2024",
              "765.p21.2024", "765.p22.2024", "765.p25.2024"},
}


@pytest.fixture
def history(db):
    """About 1,200 demo reports over the two years before SEEDED_AT, then a full refresh."""
    from smartdistrict.dashboard.facts.refresh import facts_refresh
    from smartdistrict.demo.reports import seed_reports

    seed_reports(1200, seed=11, now=SEEDED_AT)
    facts_refresh(full=True)
    return SEEDED_AT


@pytest.fixture
def login():
    def make(username: str) -> Client:
        client = Client()
        client.force_login(User.objects.get(username=username))
        return client

    return make

