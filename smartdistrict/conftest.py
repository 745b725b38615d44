"""Shared test fixtures.

The Bình Thạnh reference data is loaded once per test database (it is what every
app stands on); each test runs in a transaction that is rolled back.
"""

from __future__ import annotations

import os
import socket

import pytest

from smartdistrict.geography import index


def pytest_report_header(config):
    from django.db import connection

    return f"database: {connection.vendor} ({connection.settings_dict['NAME']})"


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    from smartdistrict.demo.data import seed_demo

    with django_db_blocker.unblock():
        seed_demo()


@pytest.fixture(autouse=True)
def _jobs_run_inline():
    """Background jobs run at once in tests, so their effects can be asserted."""
    from huey.contrib.djhuey import HUEY

    before = HUEY.immediate
    HUEY.immediate = True
    yield
    HUEY.immediate = before


@pytest.fixture(autouse=True)
def _fresh_geography_index(settings):
    """Every test sees the index of its own database state."""
    settings.GEOGRAPHY_INDEX_CHECK_SECONDS = 0
    settings.CALENDAR_CHECK_SECONDS = 0
    settings.FEEDBACK_CONFIG_CHECK_SECONDS = 0
    from smartdistrict.feedback import suggestions

    suggestions.invalidate()
    # Tests do not run collectstatic: serve static files without the manifest.
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }
    index.invalidate()
    yield
    index.invalidate()


def require_service(name: str, host: str, port: int) -> None:
    """Skip when a service is not running here; in CI (CI=true) fail instead."""
    try:
        with socket.create_connection((host, port), timeout=1):
            return
    except OSError as error:
        message = f"{name} is not reachable at {host}:{port} ({error})"
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail(f"{message}; CI must provide it")
        pytest.skip(f"{message}; start it to run this test")
