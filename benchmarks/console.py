"""The staff console's queue and report page on the million-report database, by role."""

from __future__ import annotations

import statistics
import time

from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from benchmarks.report import Figure
from smartdistrict.accounts.models import User
from smartdistrict.accounts.selectors import scope_for
from smartdistrict.console.queue import QueueFilters, queue_page
from smartdistrict.feedback.models import Report

REPEAT = 30
ACCOUNTS = (
    ("administrator", "admin"),
    ("ward officer", "canbo.binhquoi"),
    ("department staff", "kthtdt.thanhmytay"),
)


def queue_statements(user: User, overdue: bool = False) -> list[str]:
    """The statements one queue page sends (as sent, values inlined)."""
    with CaptureQueriesContext(connection) as captured:
        queue_page(user, QueueFilters(overdue=overdue), scope=scope_for(user))
    return [q["sql"] for q in captured.captured_queries]


def raw_ms(statements: list[str]) -> float:
    """The statements run again on a raw cursor, rows fetched (ms): the database's share."""
    started = time.perf_counter()
    with connection.cursor() as cursor:
        for sql in statements:
            cursor.execute(sql)
            cursor.fetchall()
    return (time.perf_counter() - started) * 1000


def _timings(client: Client, path: str) -> list[float]:
    for _ in range(3):
        assert client.get(path).status_code == 200
    timings = []
    for _ in range(REPEAT):
        started = time.perf_counter()
        response = client.get(path)
        timings.append((time.perf_counter() - started) * 1000)
        assert response.status_code == 200
    return sorted(timings)


def run() -> list[Figure]:
    stored = Report.objects.count()
    values = []
    for label, username in ACCOUNTS:
        client = Client()
        client.force_login(User.objects.get(username=username))
        queue = _timings(client, "/console/")
        overdue = _timings(client, "/console/?overdue=on")
        values.append(
            f"{label}: p50 {statistics.median(queue):.0f} ms "
            f"(p99 {queue[int(len(queue) * 0.99) - 1]:.0f}); overdue only p50 "
            f"{statistics.median(overdue):.0f} ms"
        )
    client = Client()
    client.force_login(User.objects.get(username="admin"))
    code = Report.objects.order_by("-created_at").values_list("code", flat=True).first()
    detail = _timings(client, f"/console/reports/{code}")
    values.append(f"report page p50 {statistics.median(detail):.0f} ms")
    return [Figure(
        name=f"Staff console queue (open reports by due time, 50 a page), {stored:,} stored",
        value="; ".join(values),
        goal="queue p50 ≤ 150 ms",
        how=f"{REPEAT} sequential requests per account through Django's test client "
            "(in-process: no HTTP), logged in as each demo account",
    )]
