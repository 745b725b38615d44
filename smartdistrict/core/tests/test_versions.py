"""Configuration versions: caches rebuild after a change, never after a rolled-back one."""

import pytest
from django.db import transaction

from smartdistrict.core import versions

pytestmark = pytest.mark.django_db


class RolledBack(Exception):
    pass


def test_a_change_moves_the_version_and_a_rollback_puts_it_back():
    before = versions.current("test-config")
    with pytest.raises(RolledBack), transaction.atomic():
        versions.bump("test-config")
        inside = versions.current("test-config")
        assert inside != before
        raise RolledBack
    versions.forget()
    assert versions.current("test-config") == before
    versions.bump("test-config")
    assert versions.current("test-config") not in (before, inside)


def test_the_geography_index_is_rebuilt_only_when_the_geography_changed():
    from smartdistrict.geography.index import get_index
    from smartdistrict.geography.services import geography_changed

    first = get_index()
    assert get_index() is first
    geography_changed()
    assert get_index() is not first
