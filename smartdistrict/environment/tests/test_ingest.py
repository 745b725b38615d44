"""Storing batches: atomic, idempotent, conflicts kept first, latest values only forward."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import DatabaseError

from smartdistrict.environment.models import LatestReading, Reading
from smartdistrict.environment.services import ingest as ingest_module
from smartdistrict.environment.services.ingest import readings_ingest
from smartdistrict.environment.services.parsing import Scope

pytestmark = pytest.mark.django_db


def row(value=4.2, at="2026-11-29T08:00:00+07:00", parameter="DO", station="XT-01", **extra):
    return {"station": station, "parameter": parameter, "observed_at": at, "value": value,
            **extra}


def test_a_batch_is_stored_with_its_result(station):
    result = readings_ingest(rows=[row(), row(7.1, parameter="pH"), row(99, parameter="pH",
                             at="2026-11-29T08:05:00+07:00"), row("abc")], source="http")
    assert (result.received, result.stored, result.duplicates) == (4, 3, 0)
    assert [r.code for r in result.rejected] == ["not_a_number"]
    assert [(f.index, f.quality) for f in result.flagged] == [(2, "out_of_range")]
    assert result.statuses == ["stored", "stored", "stored", "rejected"]
    assert Reading.objects.filter(station=station).count() == 3
    stored = Reading.objects.get(parameter__code="pH", quality="out_of_range")
    assert stored.value == 99 and stored.source == "http" and stored.unit == ""
    assert stored.observed_at == dt.datetime(2026, 11, 29, 1, 5, tzinfo=dt.UTC)


def test_resending_a_batch_changes_nothing(station):
    rows = [row(), row(5.0, at="2026-11-29T08:05:00+07:00")]
    first = readings_ingest(rows=rows, source="http")
    before = list(Reading.objects.values_list("id", "value", "received_at"))
    latest_before = list(LatestReading.objects.values_list("observed_at", "value", "received_at"))
    again = readings_ingest(rows=rows, source="mqtt")
    assert (first.stored, again.stored, again.duplicates) == (2, 0, 2)
    assert again.statuses == ["duplicate", "duplicate"] and again.stored_readings == []
    assert list(Reading.objects.values_list("id", "value", "received_at")) == before
    assert list(LatestReading.objects.values_list("observed_at", "value", "received_at")
                ) == latest_before


def test_the_same_key_in_another_zone_is_the_same_reading(station):
    readings_ingest(rows=[row()], source="http")
    result = readings_ingest(rows=[row(at="2026-11-29T01:00:00Z")], source="http")
    assert result.duplicates == 1 and Reading.objects.count() == 1


def test_a_different_value_for_a_stored_key_is_a_conflict_and_the_first_is_kept(station):
    readings_ingest(rows=[row(4.2)], source="http")
    result = readings_ingest(rows=[row(4.9)], source="http")
    assert result.stored == 0 and result.statuses == ["conflict"]
    assert [(c.code, c.index) for c in result.conflicts] == [("conflict", 0)]
    assert "4.2" in result.conflicts[0].message
    assert Reading.objects.get().value == 4.2


def test_within_one_batch_the_first_row_of_a_key_wins(station):
    result = readings_ingest(rows=[row(4.2), row(4.2), row(4.5)], source="http")
    assert result.statuses == ["stored", "duplicate", "conflict"]
    assert Reading.objects.get().value == 4.2


def test_latest_moves_only_forward(station):
    readings_ingest(rows=[row(5.0, at="2026-11-29T09:00:00+07:00"),
                          row(4.0, at="2026-11-29T08:00:00+07:00")], source="http")
    latest = LatestReading.objects.get(station=station, parameter__code="DO")
    assert latest.value == 5.0
    readings_ingest(rows=[row(3.0, at="2026-11-29T07:00:00+07:00")], source="http")  # late
    latest.refresh_from_db()
    assert latest.value == 5.0 and Reading.objects.count() == 3
    readings_ingest(rows=[row(6.0, at="2026-11-29T10:00:00+07:00")], source="http")
    latest.refresh_from_db()
    assert (latest.value, latest.observed_at.hour) == (6.0, 3)


def test_a_dry_run_reports_everything_and_writes_nothing(station):
    readings_ingest(rows=[row(4.2)], source="http")
    result = readings_ingest(rows=[row(4.2), row(4.4), row(1, parameter="pH"), row("x")],
                             source="file", dry_run=True)
    assert result.dry_run and result.stored == 1 and result.duplicates == 1
    assert [c.code for c in result.conflicts] == ["conflict"]
    assert [r.code for r in result.rejected] == ["not_a_number"]
    assert [r.parameter_code for r in result.would_store] == ["pH"]
    assert Reading.objects.count() == 1


def test_a_batch_is_atomic(station, monkeypatch):
    def broken(new, now):
        raise DatabaseError("disk full")

    monkeypatch.setattr(ingest_module, "_advance_latest", broken)
    with pytest.raises(DatabaseError):
        readings_ingest(rows=[row(), row(7, parameter="pH")], source="http")
    assert Reading.objects.count() == 0


def test_a_station_token_scope_rejects_other_stations_row_by_row(station, other_station):
    result = readings_ingest(rows=[row(), row(station="VT-01")], source="http",
                             scope=Scope(station_id=station.id))
    assert result.statuses == ["stored", "rejected"]
    assert result.rejected[0].code == "station_not_allowed"


def test_hooks_receive_exactly_the_new_readings_after_commit(station, settings,
                                                             django_capture_on_commit_callbacks):
    settings.ENVIRONMENT_INGEST_HOOKS = [f"{__name__}.remember"]
    SEEN.clear()
    readings_ingest(rows=[row()], source="http")
    with django_capture_on_commit_callbacks(execute=True):
        readings_ingest(rows=[row(), row(5.5, at="2026-11-29T09:00:00+07:00")], source="http")
    assert [(r.parameter_code, r.value) for batch in SEEN for r in batch] == [("DO", 5.5)]


SEEN: list = []


def remember(readings) -> None:
    SEEN.append(list(readings))
