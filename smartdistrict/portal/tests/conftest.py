"""Fixtures of the portal tests: the feedback fixtures, fresh caches, a small photo."""

import pytest
from django.core.cache import cache
from django.core.files.uploadedfile import SimpleUploadedFile

from smartdistrict.feedback.tests.conftest import (  # noqa: F401  (shared fixtures)
    WARD_POINTS,
    make_report,
    officer,
)
from smartdistrict.feedback.tests.photo_samples import encode, two_colour

SECRET = {"reporter_name": "Trương Thị Kín Đáo", "reporter_phone": "0987654321",
          "reporter_email": "kin.dao@example.org"}


@pytest.fixture(autouse=True)
def _fresh_cache(settings, tmp_path):
    """Month figures are not cached in tests; the "support" throttle starts empty; photos
    are written to a temporary folder."""
    settings.PORTAL_COUNTS_CACHE_SECONDS = 0
    settings.MEDIA_ROOT = tmp_path
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def photo():
    return SimpleUploadedFile("alley.jpg", encode(two_colour((64, 48)), "JPEG"),
                              content_type="image/jpeg")
