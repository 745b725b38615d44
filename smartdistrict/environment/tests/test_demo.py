"""The demo: stations on the five canals inside wards, readings of both kinds with the
latest values kept, one pollution episode that has opened one report, idempotent."""

from __future__ import annotations

import datetime as dt
from io import StringIO

import numpy as np
import pytest
from django.core.management import call_command
from django.db.models import Max
from django.utils import timezone

from smartdistrict.environment.demo import SAMPLES, seed_environment
from smartdistrict.environment.indices import vn_wqi_columns
from smartdistrict.environment.models import (
    Alert,
    LatestReading,
    Parameter,
    Reading,
    Station,
    StationKind,
)
from smartdistrict.feedback.models import Channel, Report

pytestmark = pytest.mark.django_db

# A fixed "now" (10:00 local) so that the draw and the time of day are always the same.
NOW = timezone.make_aware(dt.datetime(2026, 6, 15, 10, 0))


def test_a_small_demo_has_everything_and_one_open_alert():
    summary = seed_environment(days=3, sensor_minutes=30, now=NOW)
    stations = Station.objects.select_related("ward").order_by("code")
    assert stations.count() == summary.stations == 8
    assert all(s.ward is not None for s in stations)
    assert {s.canal for s in stations} == {"Xuyên Tâm", "Văn Thánh", "Thanh Đa",
                                           "Nhiêu Lộc – Thị Nghè", "Cầu Bông"}
    assert {s.kind for s in stations} == {StationKind.AUTOMATIC, StationKind.MANUAL}
    # 3 sensors × 4 parameters × 3 days × 48 half-hours; 5 sampling points × 9 × 3 days
    assert Reading.objects.count() == 3 * 4 * 144 + 5 * 9 * 3
    assert summary.bulk_readings + summary.ingested_readings == Reading.objects.count()
    assert summary.ingested_readings > 0 and summary.bulk_readings > 0
    assert not Reading.objects.exclude(quality="ok").exists()

    # Latest values agree with the readings (the last day went through the ingest service).
    newest = {(r["station_id"], r["parameter_id"]): r["newest"] for r in
              Reading.objects.values("station_id", "parameter_id").annotate(
                  newest=Max("observed_at"))}
    latest = {(r.station_id, r.parameter_id): r.observed_at for r in LatestReading.objects.all()}
    assert latest == newest

    alert = Alert.objects.get()
    assert alert.is_open and alert.station.code == "NL-TD1" and alert.rule.parameter.code == "DO"
    assert summary.alerts_opened == 1 and len(summary.reports_opened) == 1
    report = Report.objects.get(code=summary.reports_opened[0])
    assert report == alert.report and report.channel == Channel.SENSOR
    assert report.category.code == "o-nhiem-kenh" and report.ward_id == alert.station.ward_id


def test_running_it_again_adds_nothing():
    seed_environment(days=2, sensor_minutes=60, now=NOW)
    count = Reading.objects.count()
    again = seed_environment(days=2, sensor_minutes=60, now=NOW)
    assert (again.bulk_readings, again.ingested_readings, again.alerts_opened) == (0, 0, 0)
    assert Reading.objects.count() == count and Alert.objects.count() == 1
    assert Report.objects.filter(channel=Channel.SENSOR).count() == 1


def test_the_canals_improve_and_end_above_the_alert_band():
    seed_environment(days=120, sensor_minutes=240, now=NOW)
    keys = ("pH", "DO", "temperature", "BOD5", "COD", "N-NH4", "P-PO4", "Coliform")
    ids = dict(Parameter.objects.filter(code__in=keys).values_list("code", "id"))
    for demo in SAMPLES:
        columns = {}
        for key in keys:
            values = Reading.objects.filter(station__code=demo.code, parameter_id=ids[key]
                                            ).order_by("observed_at").values_list("value",
                                                                                  flat=True)
            columns[key] = np.array(list(values), dtype=float)
        index = vn_wqi_columns(columns).vn_wqi
        assert len(index) == 120 and (index >= 0).all()
        assert index[-30:].mean() > index[:30].mean(), demo.code  # improving
        assert index[-1] > 25, demo.code  # the final sample does not fire the WQI rule


def test_the_command():
    out = StringIO()
    call_command("seed_environment", "--days", "1", "--sensor-interval", "60", stdout=out)
    text = out.getvalue()
    assert text.startswith("stations: 8, readings: ") and "rules: 4" in text
