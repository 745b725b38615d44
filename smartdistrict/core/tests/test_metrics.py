"""``/metrics``: off by default, guarded by a token or addresses, and the named series."""

from __future__ import annotations

import datetime as dt
import os
import re
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest
from django.utils import timezone

pytestmark = pytest.mark.django_db


def sample(text: str, name: str, labels: str = "") -> float | None:
    """The value of one series in an exposition (labels as written, sorted by name)."""
    pattern = re.escape(name) + (r"\{" + re.escape(labels) + r"\}" if labels else "") + r" (\S+)"
    found = re.search(r"^" + pattern + r"$", text, re.MULTILINE)
    return float(found.group(1)) if found else None


@pytest.fixture
def enabled(settings):
    settings.METRICS_ENABLED = True
    settings.METRICS_TOKEN = ""
    settings.METRICS_ALLOWED_ADDRESSES = []
    return settings


def test_metrics_are_off_by_default(client):
    from smartdistrict import settings as project_settings

    assert project_settings.METRICS_ENABLED is False or os.environ.get("METRICS_ENABLED")
    assert client.get("/metrics").status_code == 404


def test_requests_latencies_queue_and_overdue_reports(client, enabled):
    from smartdistrict.feedback.models import Report
    from smartdistrict.feedback.tests.conftest import WARD_POINTS, create_report

    lat, lon = WARD_POINTS["26929"]
    report, _ = create_report(category="rac-thai", lat=lat, lon=lon,
                              description="Rác thải đổ trộm ở đầu hẻm nhiều ngày.")
    before = sample(client.get("/metrics").content.decode(),
                    "smartdistrict_reports_overdue_open")
    Report.objects.filter(pk=report.pk).update(due_at=timezone.now() - dt.timedelta(hours=1))
    for _ in range(3):
        client.get("/healthz")
    client.get("/no-such-page/")

    response = client.get("/metrics")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/plain")
    text = response.content.decode()
    healthz = 'method="GET",status="200",view="healthz"'
    assert sample(text, "smartdistrict_http_requests_total", healthz) >= 3
    assert sample(text, "smartdistrict_http_requests_total",
                  'method="GET",status="404",view="unmatched"') >= 1
    assert sample(text, "smartdistrict_http_request_duration_seconds_count",
                  'method="GET",view="healthz"') >= 3
    assert sample(text, "smartdistrict_http_request_duration_seconds_bucket",
                  'le="30.0",method="GET",view="healthz"') >= 3
    assert sample(text, "smartdistrict_queue_pending_jobs") >= 0
    assert sample(text, "smartdistrict_queue_scheduled_jobs") >= 0
    assert sample(text, "smartdistrict_reports_overdue_open") == before + 1
    assert sample(text, "smartdistrict_metrics_source_up", 'source="reports"') == 1
    assert "# TYPE smartdistrict_job_failures_total counter" in text


def test_environment_ingest_lag(client, enabled):
    from smartdistrict.environment.models import StationKind
    from smartdistrict.environment.services.ingest import readings_ingest
    from smartdistrict.environment.services.reference import parameters_load
    from smartdistrict.environment.services.stations import station_upsert

    parameters_load()
    station_upsert(code="XT-01", name="Kênh Xuyên Tâm", canal="Xuyên Tâm", lat=10.8109,
                   lon=106.7050, kind=StationKind.AUTOMATIC, parameters=["DO"],
                   reporting_interval=dt.timedelta(minutes=5))
    observed = timezone.now() - dt.timedelta(minutes=10)
    result = readings_ingest(rows=[{"station": "XT-01", "parameter": "DO", "value": 4.2,
                                    "observed_at": observed.isoformat()}], source="http")
    assert result.stored == 1
    text = client.get("/metrics").content.decode()
    lag = sample(text, "smartdistrict_environment_newest_reading_age_seconds")
    assert 600 <= lag < 660
    assert 600 <= sample(text, "smartdistrict_environment_station_reading_age_seconds",
                         'station="XT-01"') < 660


def test_a_token_is_required_when_set(client, enabled):
    enabled.METRICS_TOKEN = "s3cret-scraper-token"
    assert client.get("/metrics").status_code == 403
    assert client.get("/metrics", HTTP_AUTHORIZATION="Bearer wrong").status_code == 403
    ok = client.get("/metrics", HTTP_AUTHORIZATION="Bearer s3cret-scraper-token")
    assert ok.status_code == 200 and b"smartdistrict_http_requests_total" in ok.content


def test_only_allowed_addresses_when_a_list_is_set(client, enabled):
    enabled.METRICS_ALLOWED_ADDRESSES = ["10.0.0.0/8", "192.168.1.7"]
    assert client.get("/metrics").status_code == 403  # the test client is 127.0.0.1
    assert client.get("/metrics", REMOTE_ADDR="10.1.2.3").status_code == 200
    assert client.get("/metrics", REMOTE_ADDR="192.168.1.7").status_code == 200
    enabled.METRICS_ALLOWED_ADDRESSES = ["127.0.0.1/32"]
    assert client.get("/metrics").status_code == 200


def test_an_unreadable_source_is_reported_down_and_the_rest_still_answer(
    client, enabled, monkeypatch
):
    def broken(now):
        raise RuntimeError("database went away")

    from smartdistrict.feedback import metrics as feedback_metrics

    monkeypatch.setattr(feedback_metrics, "gauges", broken)
    text = client.get("/metrics").content.decode()
    assert sample(text, "smartdistrict_metrics_source_up", 'source="reports"') == 0
    assert sample(text, "smartdistrict_metrics_source_up", 'source="queue"') == 1
    assert sample(text, "smartdistrict_reports_overdue_open") is None


def test_a_bad_allowed_address_fails_the_system_check(settings):
    from smartdistrict.core.checks import metrics_addresses_are_valid

    settings.METRICS_ALLOWED_ADDRESSES = ["10.0.0.0/8", "intranet"]
    assert [e.id for e in metrics_addresses_are_valid(None)] == ["smartdistrict.E003"]


def get(url: str, timeout: float) -> str:
    with urllib.request.urlopen(url, timeout=timeout) as response:  # noqa: S310 (our server)
        return response.read().decode()


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.mark.slow
def test_gunicorn_workers_are_summed_in_multiprocess_mode(tmp_path):
    """Three gunicorn workers each count what they answer; any worker's scrape sums all."""
    port = _free_port()
    folder = tmp_path / "prometheus"
    folder.mkdir()
    (folder / "counter_999999999.db").write_bytes(b"")  # a gone process: removed at start
    env = {
        **os.environ, "PROMETHEUS_MULTIPROC_DIR": str(folder), "METRICS_ENABLED": "true",
        "DATABASE_URL": f"sqlite:///{tmp_path / 'db.sqlite3'}",
        "SMARTDISTRICT_VAR_DIR": str(tmp_path / "var"), "LOG_REQUESTS": "false",
        "HUEY_IMMEDIATE": "true",
    }
    gunicorn = Path(sys.executable).with_name("gunicorn")
    server = subprocess.Popen(  # noqa: S603 (our own gunicorn, fixed arguments)
        [str(gunicorn), "smartdistrict.wsgi", "-c", "python:smartdistrict.gunicorn_conf",
         "--bind", f"127.0.0.1:{port}", "--workers", "3"],
        env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        # A cap, not a wait: three workers import the whole app, which on a loaded machine
        # (the suite's own parallel workers beside it) took longer than a minute.
        deadline = time.monotonic() + 180
        while True:
            try:
                get(base + "/healthz", timeout=2)
                break
            except OSError:
                if time.monotonic() > deadline or server.poll() is not None:
                    raise
                time.sleep(0.3)
        time.sleep(1)  # requests that timed out while workers booted are answered by now
        before = get(base + "/metrics", timeout=10)
        for _ in range(40):
            get(base + "/healthz", timeout=5)
        pids = {p.name.rsplit("_", 1)[-1] for p in folder.glob("counter_*.db")}
        assert len(pids) >= 2, "the requests were not spread over several workers"
        text = get(base + "/metrics", timeout=10)
    finally:
        server.terminate()
        try:
            server.wait(timeout=30)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()
    assert not (folder / "counter_999999999.db").exists()
    healthz = 'method="GET",status="200",view="healthz"'
    assert sample(text, "smartdistrict_http_requests_total", healthz) == sample(
        before, "smartdistrict_http_requests_total", healthz) + 40
    assert sample(text, "smartdistrict_http_requests_total",
                  'method="GET",status="200",view="metrics"') == 1  # the first scrape
