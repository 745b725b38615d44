"""The dashboard's reads run without PostgreSQL's parallel workers, and the setting is
the server's again once they end (PostgreSQL only: SQLite has no parallel workers)."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import connection, transaction

from smartdistrict.accounts.selectors import Scope
from smartdistrict.dashboard.selectors.figures import figures
from smartdistrict.dashboard.selectors.scope import Period, Selection
from smartdistrict.dashboard.selectors.serial import SETTING, serial_reads

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _postgresql():
    if connection.vendor != "postgresql":
        pytest.skip("parallel workers are PostgreSQL's (set DATABASE_URL to a PostgreSQL "
                    "server)")


def _setting() -> str:
    with connection.cursor() as cursor:
        cursor.execute(f"SHOW {SETTING}")
        return cursor.fetchone()[0]


def test_the_block_reads_serially_and_gives_the_setting_back():
    with transaction.atomic():
        with connection.cursor() as cursor:
            cursor.execute(f"SET LOCAL {SETTING} = 3")
        with serial_reads():
            assert _setting() == "0"
            with serial_reads():  # nested: nothing more to do
                assert _setting() == "0"
            assert _setting() == "0"
        assert _setting() == "3"  # the enclosing transaction's own value


def test_a_failing_read_gives_the_setting_back_too():
    with transaction.atomic():
        with connection.cursor() as cursor:
            cursor.execute(f"SET LOCAL {SETTING} = 3")
        with pytest.raises(ZeroDivisionError), serial_reads():
            assert _setting() == "0"
            raise ZeroDivisionError
        assert _setting() == "3"


def test_every_statement_of_the_figures_runs_without_parallel_workers():
    seen: list[tuple[str, str]] = []

    def before_each(execute, sql, params, many, context):
        execute(f"SHOW {SETTING}", None, False, context)
        seen.append((context["cursor"].fetchone()[0], sql))
        return execute(sql, params, many, context)

    with transaction.atomic():
        with connection.cursor() as cursor:
            cursor.execute(f"SET LOCAL {SETTING} = 2")
        with connection.execute_wrapper(before_each):
            figures(Selection(scope=Scope(everything=True)),
                    Period(dt.date(2026, 11, 8), dt.date(2026, 12, 7)))
        assert _setting() == "2"
    reads = [value for value, sql in seen
             if sql.startswith(("SELECT", "WITH")) and "set_config" not in sql]
    assert len(reads) >= 5 and set(reads) == {"0"}
