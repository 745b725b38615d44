"""Shared test fixtures.

The jurisdiction pack (SMARTDISTRICT_PACK, Ho Chi Minh City by default) is loaded once per
test database (it is what every app stands on); each test runs in a transaction that is
rolled back.

The suite runs in parallel (pytest-xdist, ``make test``): each worker has its own test
database (pytest-django names it after the worker), its own folders for uploads, briefs and
imports, and its own keys on the shared Redis, so two workers never see each other's data.
"""

from __future__ import annotations

import os
import socket
import uuid

import pytest


def pytest_report_header(config):
    from django.db import connection

    return f"database: {connection.vendor} ({connection.settings_dict['NAME']})"


@pytest.fixture(scope="session", autouse=True)
def _fast_password_hashing():
    """Passwords are hashed with MD5 in tests (Django's advice for test settings): one
    Argon2 hash costs about 0.2 s of CPU here, and the log-in tests hash hundreds. The
    production hashers stay behind it, and test_scoping checks that they hash with Argon2
    (PRODUCTION_PASSWORD_HASHERS)."""
    from django.test import override_settings

    override = override_settings(PASSWORD_HASHERS=[
        "django.contrib.auth.hashers.MD5PasswordHasher", *PRODUCTION_PASSWORD_HASHERS])
    override.enable()
    yield
    override.disable()


@pytest.fixture(autouse=True)
def _site_language():
    """Each test starts in the site's language, as a new process does: a request with
    Accept-Language: en leaves English active in the thread (LocaleMiddleware activates
    and never deactivates), which would otherwise reach the next test on this worker."""
    from django.conf import settings
    from django.utils import translation

    translation.activate(settings.LANGUAGE_CODE)
    yield
    translation.activate(settings.LANGUAGE_CODE)


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker, _fast_password_hashing):
    from smartdistrict.demo.data import seed_demo

    with django_db_blocker.unblock():
        seed_demo()


def _production_password_hashers() -> list[str]:
    from django.conf import settings

    return list(settings.PASSWORD_HASHERS)


PRODUCTION_PASSWORD_HASHERS = _production_password_hashers()


def worker_name() -> str:
    """This process's name in a parallel run ("gw0", "gw1" …; "main" without xdist)."""
    return os.environ.get("PYTEST_XDIST_WORKER", "main")


@pytest.fixture(scope="session", autouse=True)
def _files_in_the_workers_folder(tmp_path_factory):
    """Uploads and private files go to this worker's temporary folder, never to var/ (the
    demo's files), where another worker would write the same names."""
    from django.test import override_settings

    root = tmp_path_factory.mktemp("var")
    override = override_settings(
        MEDIA_ROOT=root / "media", PRIVATE_ROOT=root / "private",
    )
    override.enable()
    yield root
    override.disable()


@pytest.fixture
def redis_cache(settings):
    """The default cache on the real Redis (127.0.0.1:6379, database 14) under a key prefix
    of this test alone. The Redis is shared by every worker of the run (and by other
    checkouts on the machine), so the test never flushes the database: it deletes its own
    keys when it ends."""
    require_service("Redis", "127.0.0.1", 6379)
    from django.core.cache import caches

    prefix = f"smartdistrict-test:{worker_name()}:{uuid.uuid4().hex}"
    settings.CACHES = {"default": {
        "BACKEND": "django.core.cache.backends.redis.RedisCache",
        "LOCATION": "redis://127.0.0.1:6379/14",
        "KEY_PREFIX": prefix,
    }}
    cache = caches["default"]
    try:
        yield cache
    finally:
        client = cache._cache.get_client(write=True)
        for key in client.scan_iter(match=f"{prefix}:*"):
            client.delete(key)
        cache.close()


def redis_queue_name() -> str:
    """A Huey queue name on the shared Redis that no other worker or checkout uses."""
    return f"smartdistrict-test-{worker_name()}-{uuid.uuid4().hex[:12]}"


@pytest.fixture(autouse=True)
def _jobs_run_inline():
    """Background jobs run at once in tests, so their effects can be asserted."""
    from huey.contrib.djhuey import HUEY

    before = HUEY.immediate
    HUEY.immediate = True
    yield
    HUEY.immediate = before


@pytest.fixture(autouse=True)
def _empty_cache():
    """Log-in failure counts and intake rate-limit counters live in the cache: each test
    starts with none, so one test's attempts never throttle another's."""
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()


@pytest.fixture(autouse=True)
def _fresh_geography_index(settings):
    """Every test sees the index of its own database state."""
    settings.CONFIG_VERSION_CHECK_SECONDS = 0
    settings.CALENDAR_CHECK_SECONDS = 0
    from smartdistrict.core import versions
    from smartdistrict.feedback import suggestions

    # The caches follow configuration versions, which a rolled-back test puts back with
    # its data (core.versions), so the index and the configuration built for one test
    # serve the next unless a test changed them: only the version reads are dropped.
    suggestions.invalidate()
    versions.forget()
    # Tests do not run collectstatic: serve static files without the manifest.
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }
    yield
    versions.forget()


@pytest.fixture(scope="session")
def _private_root(tmp_path_factory):
    return tmp_path_factory.mktemp("private")


@pytest.fixture(autouse=True)
def _private_files_in_a_temporary_folder(settings, _private_root):
    """Briefs, exports and uploads waiting for their commit go to the run's own folder,
    not under var/."""
    settings.STORAGES = {
        **settings.STORAGES,
        "private": {"BACKEND": "django.core.files.storage.FileSystemStorage",
                    "OPTIONS": {"location": str(_private_root)}},
    }


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


# --- browser tests ------------------------------------------------------------------------
# Chromium through Playwright against a live server with the production static storage;
# every request is watched and every page checked at 360 px (docs/web.md).
from smartdistrict.core.tests.browser import (  # noqa: E402, F401  (fixtures)
    CHROMIUM,
    BrowserSession,
    browser_session,
    chromium,
    production_static,
    require_browser,
    seeded_live_server,
)
