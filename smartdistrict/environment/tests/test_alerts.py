"""Acceptance 4: a pollution episode fed through the real ingest service opens exactly one
report and notes its recovery; a second episode while the report is open adds a note."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from smartdistrict.environment.models import Alert, AlertKind, AlertRule, Parameter
from smartdistrict.environment.services.ingest import readings_ingest
from smartdistrict.feedback.models import Channel, EventKind, Report, Status

pytestmark = pytest.mark.django_db

HOOK = "smartdistrict.environment.alerts.hooks.readings_stored"
START = (timezone.now() - dt.timedelta(days=2)).replace(minute=0, second=0, microsecond=0)


@pytest.fixture
def hooked(settings):
    settings.ENVIRONMENT_INGEST_HOOKS = [HOOK]


@pytest.fixture
def do_rule(reference):
    return AlertRule.objects.create(
        name="DO dưới loại C", kind=AlertKind.QCVN_CLASS,
        parameter=Parameter.objects.get(code="DO"), qcvn_class="C",
    )


class Feed:
    """Sends 5-minute sensor batches through readings_ingest, after-commit hooks run."""

    def __init__(self, capture, station="XT-01"):
        self.capture = capture
        self.station = station
        self.step = 0

    def batch(self, do: float, *, size: int = 3, source: str = "mqtt"):
        rows = []
        for _ in range(size):
            at = START + dt.timedelta(minutes=5 * self.step)
            self.step += 1
            rows += [
                {"station": self.station, "parameter": "DO", "observed_at": at, "value": do},
                {"station": self.station, "parameter": "pH", "observed_at": at, "value": 7.1},
                {"station": self.station, "parameter": "temperature", "observed_at": at,
                 "value": 29.5},
            ]
        with self.capture(execute=True):
            result = readings_ingest(rows=rows, source=source)
        assert result.stored == len(rows)
        return result


def sensor_reports():
    return Report.objects.filter(channel=Channel.SENSOR)


def notes(report):
    return list(report.events.filter(kind=EventKind.NOTE, actor_role="system")
                .order_by("created_at", "pk"))


def test_one_report_per_episode_and_the_recovery_in_its_timeline(
        hooked, station, do_rule, django_capture_on_commit_callbacks):
    feed = Feed(django_capture_on_commit_callbacks)
    for _ in range(3):  # good water: DO 5.5 mg/L is class B
        feed.batch(5.5)
    assert not Alert.objects.exists() and not sensor_reports().exists()

    for do in (3.1, 2.2, 1.4, 1.1):  # the episode, over four batches (class D)
        feed.batch(do)
    assert sensor_reports().count() == 1
    report = sensor_reports().get()
    alert = Alert.objects.get()
    assert alert.is_open and alert.report == report and alert.opened_report
    assert alert.value == 3.1 and alert.details["class"] == "D"
    assert alert.details["last"]["value"] == 1.1  # the newest evaluation is kept
    assert report.category.code == "o-nhiem-kenh"
    assert report.ward_id == station.ward_id and report.ward_id is not None
    assert (report.lat, report.lon) == (station.lat, station.lon)
    assert report.department is not None
    assert report.events.get(kind=EventKind.CREATED).actor_role == "system"
    assert "XT-01" in report.description and "DO" in report.description
    # Stored in the platform's language, whatever the request's: Vietnamese.
    assert report.description.startswith("Cảnh báo tự động. Trạm XT-01")
    assert "thuộc loại D theo QCVN 08:2023, kém hơn loại C (≥ 4)" in report.description
    assert notes(report) == []

    feed.batch(5.2)  # recovery
    alert.refresh_from_db()
    assert alert.cleared_at is not None
    assert sensor_reports().count() == 1
    [recovered] = notes(report)
    assert recovered.public and recovered.actor is None and "XT-01" in recovered.note
    assert recovered.note.startswith("Đã trở lại bình thường. Trạm XT-01")
    assert alert.details["recovered"]["class"] == "B"

    feed.batch(5.4)  # still good: nothing more
    assert len(notes(report)) == 1 and Alert.objects.count() == 1


def test_a_second_episode_while_the_report_is_open_adds_a_note_not_a_report(
        hooked, station, do_rule, django_capture_on_commit_callbacks):
    feed = Feed(django_capture_on_commit_callbacks)
    feed.batch(5.5)
    feed.batch(1.5)
    feed.batch(5.5)
    report = sensor_reports().get()
    assert report.status in (Status.NEW, Status.ASSIGNED, Status.IN_PROGRESS)

    feed.batch(1.8)  # again, the report still open
    feed.batch(1.6)
    assert sensor_reports().count() == 1
    first, second = Alert.objects.order_by("opened_at", "pk")
    assert first.cleared_at is not None and second.is_open
    assert second.report == report and not second.opened_report
    again, = [n for n in notes(report) if n.created_at >= second.opened_at]
    assert again.public and "XT-01" in again.note

    feed.batch(6.0)
    second.refresh_from_db()
    assert second.cleared_at is not None
    assert len(notes(report)) == 3  # recovered, fired again, recovered

    # Once staff have resolved the report, a new episode opens a new one.
    Report.objects.filter(pk=report.pk).update(status=Status.RESOLVED)
    feed.batch(1.2)
    assert sensor_reports().count() == 2
    third = Alert.objects.get(cleared_at__isnull=True)
    assert third.report != report and third.opened_report


def test_two_rules_firing_at_one_station_share_one_report(
        hooked, other_station, do_rule, django_capture_on_commit_callbacks):
    AlertRule.objects.create(name="VN_WQI Kém", kind=AlertKind.WQI_BAND, wqi_level=5)
    at = START.isoformat()
    sample = {"pH": 7.0, "DO": 1.0, "temperature": 30, "BOD5": 45, "COD": 120,
              "N-NH4": 6, "P-PO4": 2.5, "Coliform": 150000}
    rows = [{"station": "VT-01", "parameter": p, "observed_at": at, "value": v}
            for p, v in sample.items()]
    with django_capture_on_commit_callbacks(execute=True):
        readings_ingest(rows=rows, source="file")
    assert Alert.objects.filter(cleared_at__isnull=True).count() == 2
    report = sensor_reports().get()
    assert set(Alert.objects.values_list("report", flat=True)) == {report.pk}
    wqi = Alert.objects.get(rule__kind=AlertKind.WQI_BAND)
    assert wqi.details["band_level"] >= 5 and wqi.value <= 25
    assert len(notes(report)) == 1  # the second alert, noted in the first one's report


def test_the_http_endpoint_feeds_the_same_rules(
        hooked, client, station_token, do_rule, django_capture_on_commit_callbacks):
    at = START.isoformat()
    body = {"readings": [{"station": "XT-01", "parameter": "DO", "observed_at": at,
                          "value": 1.3, "unit": "mg/L"}]}
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post("/api/v1/environment/readings", body,
                               content_type="application/json",
                               HTTP_AUTHORIZATION=f"Token {station_token}")
    assert response.status_code == 200, response.content
    assert sensor_reports().count() == 1
    assert Alert.objects.get().report.channel == Channel.SENSOR


def test_without_the_hook_setting_ingestion_opens_nothing(
        settings, station, do_rule, django_capture_on_commit_callbacks):
    settings.ENVIRONMENT_INGEST_HOOKS = []
    Feed(django_capture_on_commit_callbacks).batch(1.0)
    assert not Alert.objects.exists()


def test_a_flagged_reading_neither_opens_nor_clears(
        hooked, station, do_rule, django_capture_on_commit_callbacks):
    feed = Feed(django_capture_on_commit_callbacks)
    feed.batch(1.0)
    assert Alert.objects.get().is_open
    feed.batch(30.0)  # above DO's plausible maximum: stored, flagged out_of_range
    assert Alert.objects.get().is_open
    feed.batch(5.5)
    assert not Alert.objects.get().is_open


def test_switching_a_rule_off_closes_its_alert_with_a_note(
        hooked, station, do_rule, django_capture_on_commit_callbacks):
    from smartdistrict.environment.alerts.services import alerts_evaluate

    Feed(django_capture_on_commit_callbacks).batch(1.0)
    report = sensor_reports().get()
    AlertRule.objects.filter(pk=do_rule.pk).update(active=False)
    summary = alerts_evaluate()
    assert len(summary.cleared) == 1
    assert Alert.objects.get().cleared_at is not None
    assert len(notes(report)) == 1


def test_a_station_outside_every_ward_still_gets_its_alert_without_a_report(
        hooked, reference, do_rule, django_capture_on_commit_callbacks):
    from smartdistrict.environment.models import StationKind
    from smartdistrict.environment.services.stations import station_upsert

    station_upsert(code="FAR-01", name="Ngoài thành phố", lat=10.0339, lon=105.7880,  # Cần Thơ
                   kind=StationKind.AUTOMATIC)
    Feed(django_capture_on_commit_callbacks, station="FAR-01").batch(1.0)
    alert = Alert.objects.get()
    assert alert.is_open and alert.report is None and alert.details["report_error"]
    assert not sensor_reports().exists()
