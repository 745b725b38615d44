import pytest
from django.utils import translation

from smartdistrict.core import selectors


@pytest.fixture
def english_fresh_calendar():
    """A calendar built for this test's database; messages in English for the matches."""
    selectors.invalidate()
    with translation.override("en"):
        yield
    selectors.invalidate()
