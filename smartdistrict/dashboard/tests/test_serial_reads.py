"""The dashboard's reads run without PostgreSQL's parallel workers, and the setting is
the server's again once they end (PostgreSQL only: SQLite has no parallel workers)."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import connection, transaction

from smartdistrict.accounts.selectors import Scope
from smartdistrict.core.db_settings import PARALLEL
from smartdistrict.core.tests.planner_settings import setting_at_each_read
from smartdistrict.dashboard.selectors.figures import figures
from smartdistrict.dashboard.selectors.scope import Period, Selection

pytestmark = pytest.mark.django_db


def test_every_statement_of_the_figures_runs_without_parallel_workers():
    if connection.vendor != "postgresql":
        pytest.skip("parallel workers are PostgreSQL's (set DATABASE_URL to a PostgreSQL "
                    "server)")
    with transaction.atomic():
        with connection.cursor() as cursor:
            cursor.execute(f"SET LOCAL {PARALLEL} = 2")
        with setting_at_each_read(PARALLEL) as seen:
            figures(Selection(scope=Scope(everything=True)),
                    Period(dt.date(2026, 11, 8), dt.date(2026, 12, 7)))
        with connection.cursor() as cursor:
            cursor.execute(f"SHOW {PARALLEL}")
            assert cursor.fetchone()[0] == "2"
    reads = [value for value, _sql in seen]
    assert len(reads) >= 5 and set(reads) == {"0"}
