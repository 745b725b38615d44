"""Silence: a station that stops reporting opens an alert from the periodic check (or the
command), and readings arriving again clear it."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.management import call_command
from django.utils import timezone

from smartdistrict.environment.alerts.services import alerts_evaluate
from smartdistrict.environment.models import Alert, AlertKind, AlertRule, StationKind
from smartdistrict.environment.services.ingest import readings_ingest
from smartdistrict.feedback.models import Channel, EventKind, Report

pytestmark = pytest.mark.django_db

HOOK = "smartdistrict.environment.alerts.hooks.readings_stored"


@pytest.fixture
def silence_rule(reference):
    return AlertRule.objects.create(name="Trạm tự động mất tín hiệu", kind=AlertKind.SILENCE,
                                    station_kind=StationKind.AUTOMATIC, silence_factor=3)


def send(at, value=5.0):
    return readings_ingest(
        rows=[{"station": "XT-01", "parameter": "DO", "observed_at": at, "value": value}],
        source="mqtt")


def test_silence_fires_after_k_intervals_and_recovers_when_readings_return(
        settings, station, other_station, silence_rule, django_capture_on_commit_callbacks):
    settings.ENVIRONMENT_INGEST_HOOKS = [HOOK]
    last = (timezone.now() - dt.timedelta(minutes=2)).replace(microsecond=0)
    with django_capture_on_commit_callbacks(execute=True):
        send(last)  # the hook's evaluation: 2 minutes is not late
    assert not Alert.objects.exists()
    # The station reports every 5 minutes; k = 3: late after 15 minutes.
    assert alerts_evaluate(now=last + dt.timedelta(minutes=14)).opened == []
    summary = alerts_evaluate(now=last + dt.timedelta(minutes=16))
    assert len(summary.opened) == 1 and len(summary.reports_opened) == 1
    alert = Alert.objects.get()
    assert alert.station == station and alert.rule == silence_rule
    assert alert.details["limit_minutes"] == 15 and alert.value == pytest.approx(16 / 60, abs=0.01)
    report = Report.objects.get(channel=Channel.SENSOR)
    assert report.ward_id == station.ward_id and "XT-01" in report.description
    # The manual station (daily interval) is not watched by a rule for automatic stations,
    # and a second check does not open anything more.
    assert alerts_evaluate(now=last + dt.timedelta(minutes=30)).opened == []
    assert Alert.objects.count() == 1

    with django_capture_on_commit_callbacks(execute=True):  # the sensor is back
        send(last + dt.timedelta(minutes=1))
    alert.refresh_from_db()
    assert alert.cleared_at is not None and alert.details["recovered"]["silent_minutes"] < 15
    note = report.events.get(kind=EventKind.NOTE)
    assert note.public and note.actor_role == "system"


def test_the_periodic_job_and_the_command_run_the_same_check(station, silence_rule):
    from smartdistrict.environment.tasks import alerts_check_all

    send(timezone.now() - dt.timedelta(hours=2))
    alerts_check_all()  # Huey runs jobs inline in tests (a periodic job keeps no result)
    alert = Alert.objects.get(cleared_at__isnull=True)
    assert alert.rule == silence_rule and alert.report.channel == Channel.SENSOR
    from io import StringIO

    out = StringIO()
    call_command("environment_alerts_check", "--kind", "silence", "--station", "XT-01",
                 stdout=out)
    assert "opened: 0" in out.getvalue() and "still open: 1" in out.getvalue()


def test_a_silence_rule_on_one_parameter_watches_only_that_parameter(station, reference):
    from smartdistrict.environment.models import Parameter

    rule = AlertRule.objects.create(name="pH im lặng", kind=AlertKind.SILENCE, station=station,
                                    parameter=Parameter.objects.get(code="pH"),
                                    silence_factor=2)
    now = timezone.now().replace(second=0, microsecond=0)
    readings_ingest(rows=[
        {"station": "XT-01", "parameter": "pH", "observed_at": now - dt.timedelta(hours=1),
         "value": 7.0},
        {"station": "XT-01", "parameter": "DO", "observed_at": now, "value": 5.0},
    ], source="mqtt")
    summary = alerts_evaluate(now=now, kinds=[AlertKind.SILENCE])
    assert summary.opened and Alert.objects.get().rule == rule
