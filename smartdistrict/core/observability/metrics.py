"""Prometheus metrics: what the processes count, and what ``/metrics`` reads at scrape time.

Counted where it happens (web workers, job consumers):
- ``smartdistrict_http_requests_total{method,view,status}`` and
  ``smartdistrict_http_request_duration_seconds{method,view}`` (``middleware``);
- ``smartdistrict_jobs_total{task,outcome}`` with outcome ``completed`` or ``failed``, and
  ``smartdistrict_job_failures_total{task}`` (``jobs``).

Read from the queue and the database at each scrape (one value for the whole deployment,
the same from every host: aggregate with ``max``); each app's reading is a function named
in settings.METRICS_SOURCES, so core knows none of them:
- ``smartdistrict_queue_pending_jobs``, ``smartdistrict_queue_scheduled_jobs``;
- ``smartdistrict_reports_overdue_open``: open reports past their due time;
- ``smartdistrict_environment_newest_reading_age_seconds`` (ingest lag) and
  ``smartdistrict_environment_station_reading_age_seconds{station}`` per active station;
- ``smartdistrict_metrics_source_up{source}``: 0 when a source could not be read.

Several gunicorn workers: with ``PROMETHEUS_MULTIPROC_DIR`` set (before start, to an empty
folder per host), every process writes its counters there and a scrape of any worker sums
them (prometheus-client's multiprocess mode; ``smartdistrict.gunicorn_conf`` clears it).
"""

from __future__ import annotations

import datetime as dt
import hmac
import ipaddress
import logging
import os
from collections.abc import Iterator
from functools import lru_cache

from django.conf import settings
from django.http import Http404, HttpRequest, HttpResponse
from django.utils import timezone
from django.utils.module_loading import import_string
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET
from prometheus_client import (
    CONTENT_TYPE_LATEST,
    REGISTRY,
    CollectorRegistry,
    Counter,
    Histogram,
    generate_latest,
    multiprocess,
)
from prometheus_client.core import GaugeMetricFamily
from prometheus_client.registry import Collector

log = logging.getLogger(__name__)

HTTP_REQUESTS = Counter(
    "smartdistrict_http_requests", "HTTP requests answered.", ["method", "view", "status"]
)
HTTP_LATENCY = Histogram(
    "smartdistrict_http_request_duration_seconds", "Time to answer a request.",
    ["method", "view"],
    buckets=(0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30),
)
JOBS = Counter("smartdistrict_jobs", "Background jobs run.", ["task", "outcome"])
JOB_FAILURES = Counter(
    "smartdistrict_job_failures", "Background job runs that raised (each attempt).", ["task"]
)


def request_observed(*, method: str, view: str, status: int, seconds: float) -> None:
    HTTP_REQUESTS.labels(method, view, str(status)).inc()
    HTTP_LATENCY.labels(method, view).observe(seconds)


def job_observed(*, task: str, failed: bool) -> None:
    JOBS.labels(task, "failed" if failed else "completed").inc()
    if failed:
        JOB_FAILURES.labels(task).inc()


# --- read at scrape time --------------------------------------------------------------------


def _gauge(name: str, documentation: str, value: float) -> GaugeMetricFamily:
    return GaugeMetricFamily(name, documentation, value=value)


def _queue() -> Iterator[GaugeMetricFamily]:
    from huey.contrib.djhuey import HUEY

    yield _gauge("smartdistrict_queue_pending_jobs", "Jobs waiting in the queue.",
                 HUEY.pending_count())
    yield _gauge("smartdistrict_queue_scheduled_jobs", "Jobs scheduled for later (retries, "
                 "delays).", HUEY.scheduled_count())


def gauge(name: str, documentation: str, value: float) -> GaugeMetricFamily:
    """One value read at scrape time (for the apps' METRICS_SOURCES)."""
    return _gauge(name, documentation, value)


class StateCollector(Collector):
    """Reads the queue and the database when scraped; a source that fails is reported down
    (``smartdistrict_metrics_source_up``) and the others still answer."""

    def collect(self) -> Iterator[GaugeMetricFamily]:
        now = timezone.now()
        sources = {"queue": lambda _now: _queue()}
        for name, path in settings.METRICS_SOURCES.items():
            try:
                sources[name] = import_string(path)
            except ImportError:
                log.warning("metrics source %s: %s cannot be imported", name, path)
                sources[name] = _unreadable
        up = GaugeMetricFamily(
            "smartdistrict_metrics_source_up", "1 when the source could be read.",
            labels=["source"],
        )
        for name, read in sources.items():
            try:
                families = list(read(now))
            except Exception:  # a scrape must answer even when the database is down
                log.warning("metrics source %s could not be read", name, exc_info=True)
                up.add_metric([name], 0)
                continue
            up.add_metric([name], 1)
            yield from families
        yield up


def _unreadable(now: dt.datetime) -> Iterator[GaugeMetricFamily]:
    raise RuntimeError("metrics source cannot be imported")


def exposition() -> bytes:
    """The text a scrape gets: this process's (or, in multiprocess mode, every process's)
    counters, then the state read now."""
    if os.environ.get("PROMETHEUS_MULTIPROC_DIR"):
        counted = CollectorRegistry()
        multiprocess.MultiProcessCollector(counted)
    else:
        counted = REGISTRY
    state = CollectorRegistry()
    state.register(StateCollector())
    return generate_latest(counted) + generate_latest(state)


# --- the view ---------------------------------------------------------------------------------


@lru_cache(maxsize=4)
def _networks(entries: tuple[str, ...]) -> tuple[ipaddress.IPv4Network | ipaddress.IPv6Network,
                                                  ...]:
    return tuple(ipaddress.ip_network(entry.strip(), strict=False) for entry in entries)


def allowed(request: HttpRequest) -> bool:
    """The token (when set) is required, and the address (when a list is set) must be in it."""
    token = settings.METRICS_TOKEN
    if token:
        sent = request.headers.get("Authorization", "")
        if not hmac.compare_digest(sent.encode(), f"Bearer {token}".encode()):
            return False
    entries = tuple(settings.METRICS_ALLOWED_ADDRESSES)
    if entries:
        try:
            address = ipaddress.ip_address(request.META.get("REMOTE_ADDR", ""))
        except ValueError:
            return False
        return any(address in network for network in _networks(entries))
    return True


@never_cache
@require_GET
def metrics_view(request: HttpRequest) -> HttpResponse:
    """``GET /metrics``: absent (404) unless ``METRICS_ENABLED``; 403 to a scraper without the
    token or outside the allowed addresses."""
    if not settings.METRICS_ENABLED:
        raise Http404
    if not allowed(request):
        return HttpResponse(status=403, content_type="text/plain")
    return HttpResponse(exposition(), content_type=CONTENT_TYPE_LATEST)
