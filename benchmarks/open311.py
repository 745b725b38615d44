"""Open311 over real HTTP on the million-report database: the default request list
(1,000 rows) against raw SQL + orjson, and sustained POSTs from a load generator."""

from __future__ import annotations

import datetime as dt
import http.client
import os
import statistics
import threading
import time
import urllib.parse
from collections.abc import Callable

import numpy as np
import orjson
from django.db import connection
from django.utils import timezone

from benchmarks.places import points
from benchmarks.report import Figure
from benchmarks.server import gunicorn
from smartdistrict.core.db_settings import serial_reads
from smartdistrict.feedback.models import Report
from smartdistrict.open311 import params as p
from smartdistrict.open311 import selectors
from smartdistrict.open311.models import Open311Submission
from smartdistrict.open311.services import api_key_create

GETS = 200
POSTS = int(os.environ.get("BENCH_OPEN311_POSTS", "2000"))
WARMUP = 200
CLIENTS = 8


def _get(port: int, path: str) -> tuple[int, int, float]:
    connection_ = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    started = time.perf_counter()
    connection_.request("GET", path)
    response = connection_.getresponse()
    body = response.read()
    elapsed = (time.perf_counter() - started) * 1000
    connection_.close()
    return response.status, len(body), elapsed


def _baseline() -> Callable[[], float]:
    """One timed run of the baseline: the same 1,000 rows with the same columns (the SQL the
    view runs, compiled from its queryset: joins, latest public note, first photo, instants
    as local text), fetched by a raw cursor and encoded with orjson: no HTTP, no Django
    request, no presenter."""
    now = timezone.now()
    query = selectors.RequestQuery(start=now - dt.timedelta(days=90), end=now)
    reports = selectors.filter_requests(selectors.request_queryset(), query)[: p.MAX_RESULTS]
    names = selectors.ROW_FIELDS
    sql, params = reports.query.sql_with_params()

    def once() -> float:  # the view's planner setting too (core.db_settings.serial_reads)
        started = time.perf_counter()
        with serial_reads(), connection.cursor() as cursor:
            cursor.execute(sql, params)
            rows = [dict(zip(names, row, strict=True)) for row in cursor.fetchall()]
        orjson.dumps(rows, default=str)
        return (time.perf_counter() - started) * 1000

    return once


def _list_figures() -> list[Figure]:
    """The request and its baseline alternate, so both meet the same load on the machine
    (on this 2-core VM the same query varies by half from one minute to the next)."""
    baseline = _baseline()
    timings, baselines = [], []
    with gunicorn(workers=1) as port:
        for _ in range(3):
            _get(port, "/open311/v2/requests.json")
            baseline()
        for _ in range(GETS):
            status, _size, elapsed = _get(port, "/open311/v2/requests.json")
            assert status == 200
            timings.append(elapsed)
            baselines.append(baseline())
    timings.sort()
    p50, p99 = statistics.median(timings), timings[int(len(timings) * 0.99) - 1]
    base = statistics.median(baselines)
    return [Figure(
        name=f"Open311 GET requests.json, default window, {Report.objects.count():,} stored",
        value=f"p50 {p50:.1f} ms, p99 {p99:.1f} ms ({p50 / base:.2f}× baseline)",
        goal="p50 ≤ 60 ms and ≤ 1.5× the baseline",
        baseline=f"p50 {base:.1f} ms (the same 1,000 rows and columns by the view's SQL "
                 "on a raw cursor, encoded with orjson)",
        how=f"{GETS} sequential requests to gunicorn (1 sync worker) on loopback, each "
            "followed by one baseline run; 1,000 requests of the last 90 days per answer",
    )]


def _post_round(port: int, raw_key: str, numbers: range) -> tuple[list[int], float]:
    """POST one report per number from CLIENTS threads; (statuses, seconds)."""
    lats, lons = points(np.random.default_rng(31), numbers.stop)
    statuses: list[int] = []
    lock = threading.Lock()

    def client(indices: range) -> None:
        for i in indices:
            body = urllib.parse.urlencode({
                "api_key": raw_key, "service_code": "rac-thai",
                "description": f"Rác thải đổ trộm ở đầu hẻm, lần đo {i}.",
                "lat": f"{lats[i]:.6f}", "long": f"{lons[i]:.6f}",
            })
            connection_ = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
            connection_.request("POST", "/open311/v2/requests.json", body,
                                {"Content-Type": "application/x-www-form-urlencoded"})
            response = connection_.getresponse()
            response.read()
            connection_.close()
            with lock:
                statuses.append(response.status)

    threads = [threading.Thread(target=client, args=(numbers[n::CLIENTS],))
               for n in range(CLIENTS)]
    started = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return statuses, time.perf_counter() - started


def _post_figure() -> Figure:
    """Sustained: each worker first serves a warm-up round (its first requests load the
    URL configuration, the category suggester and the geography), then the timed round.
    Every report of both rounds is counted afterwards, by its numbered description."""
    key, raw_key = api_key_create(name=f"bench {time.time():.0f}")
    before_total = Report.objects.count()
    with gunicorn(workers=2, HUEY_IMMEDIATE="false") as port:
        warm, _seconds = _post_round(port, raw_key, range(WARMUP))
        statuses, elapsed = _post_round(port, raw_key, range(WARMUP, WARMUP + POSTS))
    sent, ok = len(statuses), sum(1 for s in statuses if s == 200)
    descriptions = list(
        Open311Submission.objects.filter(api_key=key).values_list("report__description",
                                                                  flat=True)
    )
    stored, distinct = len(descriptions), len(set(descriptions))
    return Figure(
        name=f"Open311 POST requests.json, sustained, {before_total:,} stored",
        value=f"{sent / elapsed:,.0f} requests/s; {ok:,} answered 200 of {sent:,}, "
              f"{sent - ok} errors; {stored:,} reports stored for {len(warm) + sent:,} sent "
              f"({distinct:,} distinct)",
        goal="≥ 150 requests/s, zero errors, zero lost or duplicated reports",
        how=f"{CLIENTS} client threads on loopback, new connection per request, against "
            f"gunicorn with 2 sync workers, after {WARMUP} warm-up requests; stored = the "
            "reports of the benchmark's API key counted afterwards (warm-up included)",
    )


def run() -> list[Figure]:
    return [*_list_figures(), _post_figure()]
