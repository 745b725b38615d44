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
    resolved = Report.objects.filter(resolved_at__isnull=False).order_by("id")
    spread = list(resolved.values_list("id", flat=True)[::20])
    Report.objects.filter(id__in=spread).update(
        resolved_at=F("resolved_at") + dt.timedelta(hours=1), updated_at=timezone.now())
    facts_refresh()
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT relname, pg_stat_get_xact_tuples_updated(oid), "
            "pg_stat_get_xact_tuples_hot_updated(oid) FROM pg_class WHERE relname = ANY(%s)",
            [tables])
        counts = {name: (updated, hot) for name, updated, hot in cursor.fetchall()}
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
    resolved = Report.objects.filter(resolved_at__isnull=False).order_by("id")
    spread = list(resolved.values_list("id", flat=True)[::20])
    Report.objects.filter(id__in=spread).update(
        resolved_at=F("resolved_at") + dt.timedelta(hours=1), updated_at=timezone.now())
    assert facts_refresh().changed == len(spread)
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_stat_get_xact_tuples_updated(oid), "
                       "pg_stat_get_xact_tuples_hot_updated(oid) FROM pg_class "
                       "WHERE relname = %s", [table])
        updated, hot = cursor.fetchone()
    assert updated >= len(spread)
    assert hot >= 0.9 * updated, (updated, hot)
    assert facts_check(fix=False).found is False
