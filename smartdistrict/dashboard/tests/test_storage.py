"""Issue 18: how the sums kept by delta are laid out, so that a refresh of changes spread
over the history reads few pages: rows written in key order by a full rebuild, updated
in place (HOT) on PostgreSQL thanks to free space on their pages. The same for the facts
of reports whose durations moved: no index of theirs holds a duration."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import connection
from django.db.models import F
from django.utils import timezone

from smartdistrict.dashboard.facts.check import facts_check
from smartdistrict.dashboard.facts.daily import MEASURES
from smartdistrict.dashboard.facts.delta import in_key_order
from smartdistrict.dashboard.facts.refresh import facts_refresh
from smartdistrict.dashboard.models import (
    DailyDurations,
    DailyFact,
    DailyRollup,
    MonthlyDurations,
    MonthlyFact,
    MonthlyRollup,
    ReportFact,
)
from smartdistrict.feedback.models import Report

KEYS = {
    DailyFact: ("day", "ward_id", "department_id", "category_id"),
    MonthlyFact: ("month", "ward_id", "department_id", "category_id"),
    DailyRollup: ("day", "dimension", "key"),
    MonthlyRollup: ("month", "dimension", "key"),
    DailyDurations: ("day", "ward_id", "department_id", "kind", "bucket"),
    MonthlyDurations: ("month", "ward_id", "department_id", "kind", "bucket"),
}


def _move_resolutions(step: int, by: dt.timedelta) -> list[int]:
    """Move the resolution of every ``step``-th resolved report (spread over the history)."""
    resolved = Report.objects.filter(resolved_at__isnull=False).order_by("id")
    spread = list(resolved.values_list("id", flat=True)[::step])
    Report.objects.filter(id__in=spread).update(
        resolved_at=F("resolved_at") + by, updated_at=timezone.now())
    return spread


def _updates(tables: list[str]) -> dict[str, tuple[int, int]]:
    """Per table: rows updated by this transaction, and how many of them in place (HOT)."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT relname, pg_stat_get_xact_tuples_updated(oid), "
            "pg_stat_get_xact_tuples_hot_updated(oid) FROM pg_class WHERE relname = ANY(%s)",
            [tables])
        return {name: (updated, hot) for name, updated, hot in cursor.fetchall()}


def test_a_full_rebuild_writes_the_sums_in_key_order(history):
    facts_refresh(full=True)
    for model, key in KEYS.items():
        written = list(model.objects.order_by("id").values_list(*key))
        assert written, model
        assert written == sorted(written), model


def test_upsert_rows_are_sorted_on_their_key_only(history):
    rows = [(dt.date(2025, 3, 2), 1, 9), (dt.date(2025, 3, 1), 2, 1), (dt.date(2025, 3, 1), 1, 5)]
    assert in_key_order(rows, 2) == [rows[2], rows[1], rows[0]]


@pytest.mark.skipif(connection.vendor != "postgresql", reason="a PostgreSQL storage option")
def test_spread_changes_update_the_sums_in_place_on_postgresql(history):
    facts_refresh(full=True)
    tables = [model._meta.db_table for model in KEYS]
    with connection.cursor() as cursor:
        cursor.execute("SELECT relname, reloptions FROM pg_class WHERE relname = ANY(%s)",
                       [tables])
        options = dict(cursor.fetchall())
    assert all(any(option.startswith("fillfactor=") for option in options[table] or [])
               for table in tables), options
    _move_resolutions(20, dt.timedelta(hours=1))
    facts_refresh()
    counts = _updates(tables)
    updated = sum(u for u, _ in counts.values())
    assert updated > 0
    # Nearly all in place: a page whose free space the same transaction used up (its
    # dead versions cannot be pruned before the commit) moves a row now and then.
    assert sum(hot for _, hot in counts.values()) >= 0.9 * updated, counts
    assert facts_check(fix=False).found is False


@pytest.mark.skipif(connection.vendor != "postgresql", reason="a PostgreSQL storage option")
def test_spread_changes_update_the_facts_in_place_on_postgresql(history):
    table = ReportFact._meta.db_table
    with connection.cursor() as cursor:
        cursor.execute("SELECT reloptions FROM pg_class WHERE relname = %s", [table])
        assert any(option.startswith("fillfactor=") for option in cursor.fetchone()[0] or [])
    facts_refresh(full=True)
    spread = _move_resolutions(20, dt.timedelta(hours=1))
    assert facts_refresh().changed == len(spread)
    updated, hot = _updates([table])[table]
    assert updated >= len(spread)
    assert hot >= 0.9 * updated, (updated, hot)
    assert facts_check(fix=False).found is False


def test_no_index_of_the_sums_holds_what_the_refresh_adds_to(history):
    """The delta refresh adds to the measures and counts of these tables: a column of
    theirs in any index (an INCLUDE column too) would forbid HOT updates on PostgreSQL,
    and each upsert would write a new row version and an entry into every index, on
    pages spread over the history (issue 18: the duration counts' city indexes held
    ``count``; none of their updates was HOT)."""
    added = {*MEASURES, "count"}
    for model in KEYS:
        for index in model._meta.indexes:
            columns = set(index.fields) | set(index.include)
            assert not columns & added, (model.__name__, index.name)


@pytest.mark.skipif(connection.vendor != "postgresql", reason="a PostgreSQL storage option")
def test_spread_changes_update_every_table_of_sums_in_place_on_postgresql(history):
    """The duration counts' tables each apart (test_spread_changes_update_the_sums_in_place
    sums every table, where their updates, none of them HOT while an index held
    ``count``, were outweighed by the others')."""
    facts_refresh(full=True)
    _move_resolutions(7, dt.timedelta(days=3))  # moves buckets: the counts change
    facts_refresh()
    tables = [model._meta.db_table for model in (DailyDurations, MonthlyDurations)]
    counts = _updates(tables)
    for table in tables:
        updated, hot = counts[table]
        assert updated > 0, counts
        assert hot >= 0.8 * updated, counts
    assert facts_check(fix=False).found is False
