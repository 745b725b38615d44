"""Dashboard fixtures: two years of demo reports across both reforms, facts refreshed."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
from django.test import Client, TestCase

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


def recorded_overdue() -> dict[tuple, int]:
    """Today's overdue counts per (ward, department, category) as the last refresh
    recorded them (OverdueSnapshot, at RefreshState.overdue_at)."""
    from django.utils import timezone

    from smartdistrict.dashboard.models import OverdueSnapshot, RefreshState

    moment = RefreshState.objects.get(id=1).overdue_at
    rows = OverdueSnapshot.objects.filter(day=timezone.localdate(moment))
    assert rows.filter(ward_id=0).exists()  # the marker: counted that day
    found = {tuple(key): n for *key, n in rows.exclude(ward_id=0).values_list(
        "ward_id", "department_id", "category_id", "overdue")}
    assert all(n > 0 for n in found.values())  # no row left at zero, as a full count
    return found


class _History(TestCase):
    """Django's class-level transaction (TestCase.setUpClass), held for one test module."""

    databases = {"default"}

    @classmethod
    def setUpTestData(cls):
        from smartdistrict.dashboard.facts.refresh import facts_refresh
        from smartdistrict.demo.reports import seed_reports

        seed_reports(1200, seed=11, now=SEEDED_AT)
        facts_refresh(full=True)


@pytest.fixture(scope="module")
def _history_of_the_module(django_db_setup, django_db_blocker):
    """The history is seeded once per test module, in a transaction that stays open for
    the module and is rolled back after it (what Django's setUpTestData does for a class).
    Each test runs inside it in its own savepoint, rolled back when the test ends, so a
    test that writes (a new report, a refresh, tampered sums) leaves the next one the same
    history. Seeding took a few seconds per test before."""
    with django_db_blocker.unblock():
        _History.setUpClass()
    yield SEEDED_AT
    with django_db_blocker.unblock():
        _History.tearDownClass()
        _History.doClassCleanups()


@pytest.fixture
def history(_history_of_the_module, db):
    """About 1,200 demo reports over the two years before SEEDED_AT, then a full refresh.

    A module whose tests use it must use it in every test (checked at collection): a test
    that did not ask for it would still run inside the module's seeded transaction."""
    return _history_of_the_module


def pytest_collection_modifyitems(items):
    by_module: dict[str, list[bool]] = {}
    for item in items:
        if "dashboard/tests/" in str(item.path).replace("\\", "/"):
            uses = "history" in getattr(item, "fixturenames", ())
            by_module.setdefault(str(item.path), []).append(uses)
    mixed = [path for path, uses in by_module.items() if any(uses) and not all(uses)]
    if mixed:
        raise pytest.UsageError(
            "these dashboard test modules use the `history` fixture in some tests only; "
            f"move the others to a module without it: {mixed}"
        )


@pytest.fixture
def login():
    def make(username: str) -> Client:
        client = Client()
        client.force_login(User.objects.get(username=username))
        return client

    return make

