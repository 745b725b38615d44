"""Open311 over real HTTP on the million-report database: the default request list
(1,000 rows) against raw SQL + orjson, and sustained POSTs from a load generator."""

from __future__ import annotations

import datetime as dt
import http.client
import statistics
import threading
import time
import urllib.parse

import numpy as np
import orjson
from django.db import connection
from django.utils import timezone

from benchmarks.report import Figure
from benchmarks.server import gunicorn
from smartdistrict.demo.reports import _points
from smartdistrict.feedback.models import Report
from smartdistrict.open311 import params as p
from smartdistrict.open311 import selectors
from smartdistrict.open311.services import api_key_create

GETS = 60
POSTS = 1_500
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


def _baseline_ms() -> float:
    """The same 1,000 rows with the same columns (the SQL the view runs, compiled from its
    queryset: joins, latest public note, first photo), fetched by a raw cursor and encoded
    with orjson: no HTTP, no Django request, no presenter."""
    now = timezone.now()
    query = selectors.RequestQuery(start=now - dt.timedelta(days=90), end=now)
    reports = selectors.filter_requests(selectors.base_queryset(), query)[: p.MAX_RESULTS]
    names = (*selectors._LIST_FIELDS, "status_note", "first_photo")
    sql, params = reports.values_list(*names).query.sql_with_params()
    timings = []
    for _ in range(GETS):
        started = time.perf_counter()
        with connection.cursor() as cursor:
            cursor.execute(sql, params)
            rows = [dict(zip(names, row, strict=True)) for row in cursor.fetchall()]
        orjson.dumps(rows, default=str)
        timings.append((time.perf_counter() - started) * 1000)
    return statistics.median(timings)


def _list_figures() -> list[Figure]:
    with gunicorn(workers=1) as port:
        for _ in range(3):
            _get(port, "/open311/v2/requests.json")
        timings, sizes = [], set()
        for _ in range(GETS):
            status, size, elapsed = _get(port, "/open311/v2/requests.json")
            assert status == 200
            timings.append(elapsed)
            sizes.add(size)
    timings.sort()
    p50, p99 = statistics.median(timings), timings[int(len(timings) * 0.99) - 1]
    baseline = _baseline_ms()
    return [Figure(
        name=f"Open311 GET requests.json, default window, {Report.objects.count():,} stored",
        value=f"p50 {p50:.1f} ms, p99 {p99:.1f} ms ({p50 / baseline:.2f}× baseline)",
        goal="p50 ≤ 60 ms and ≤ 1.5× the baseline",
        baseline=f"p50 {baseline:.1f} ms (the same 1,000 rows and columns by the view's SQL "
                 "on a raw cursor, encoded with orjson)",
        how=f"{GETS} sequential requests to gunicorn (1 sync worker) on loopback; 1,000 "
            "requests of the last 90 days per answer",
    )]


def _post_figure() -> Figure:
    _key, raw_key = api_key_create(name=f"bench {time.time():.0f}")
    lats, lons = _points(np.random.default_rng(31), POSTS)
    before = Report.objects.filter(channel="open311").count()
    before_total = Report.objects.count()
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

    with gunicorn(workers=2, HUEY_IMMEDIATE="false") as port:
        share = POSTS // CLIENTS
        threads = [threading.Thread(target=client, args=(range(n * share, (n + 1) * share),))
                   for n in range(CLIENTS)]
        started = time.perf_counter()
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        elapsed = time.perf_counter() - started
    sent = share * CLIENTS
    ok = sum(1 for s in statuses if s == 200)
    stored = Report.objects.filter(channel="open311").count() - before
    return Figure(
        name=f"Open311 POST requests.json, sustained, {before_total:,} stored",
        value=f"{sent / elapsed:,.0f} requests/s; {ok:,} answered 200 of {sent:,}, "
              f"{sent - ok} errors; {stored:,} reports stored",
        goal="≥ 150 requests/s, zero errors, zero lost or duplicated reports",
        how=f"{CLIENTS} client threads on loopback, new connection per request, against "
            "gunicorn with 2 sync workers; stored = open311 reports counted afterwards",
    )


def run() -> list[Figure]:
    return [*_list_figures(), _post_figure()]
