"""serial_reads(): no parallel workers inside the block, the setting given back after it,
also when the block fails (PostgreSQL only: SQLite has no parallel workers)."""

from __future__ import annotations

import pytest
from django.db import connection, transaction

from smartdistrict.core.db_settings import PARALLEL, serial_reads

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _postgresql():
    if connection.vendor != "postgresql":
        pytest.skip("parallel workers are PostgreSQL's (set DATABASE_URL to a PostgreSQL "
                    "server)")


def _setting() -> str:
    with connection.cursor() as cursor:
        cursor.execute(f"SHOW {PARALLEL}")
        return cursor.fetchone()[0]


def test_the_block_reads_serially_and_gives_the_setting_back():
    with transaction.atomic():
        with connection.cursor() as cursor:
            cursor.execute(f"SET LOCAL {PARALLEL} = 3")
        with serial_reads():
            assert _setting() == "0"
            with serial_reads():  # nested: nothing more to do
                assert _setting() == "0"
            assert _setting() == "0"
        assert _setting() == "3"  # the enclosing transaction's own value


def test_a_failing_read_gives_the_setting_back_too():
    with transaction.atomic():
        with connection.cursor() as cursor:
            cursor.execute(f"SET LOCAL {PARALLEL} = 3")
        with pytest.raises(ZeroDivisionError), serial_reads():
            assert _setting() == "0"
            raise ZeroDivisionError
        assert _setting() == "3"
