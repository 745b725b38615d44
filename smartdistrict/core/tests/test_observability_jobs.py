"""A job enqueued during a request carries the request's id into the consumer that runs it."""

from __future__ import annotations

import io
import json
import logging
import signal
import threading
import time

import pytest
from django.http import HttpResponse
from django.test import RequestFactory
from huey import SqliteHuey
from huey.contrib.djhuey import HUEY, db_task
from prometheus_client import REGISTRY

from smartdistrict.core.observability import jobs, logs
from smartdistrict.core.observability.middleware import RequestIdMiddleware

seen_inline: list[tuple[str, str | None]] = []


@db_task()
def record_inline(value: str) -> None:
    seen_inline.append((value, logs.current_request_id()))


def failures(task: str) -> float:
    return REGISTRY.get_sample_value("smartdistrict_job_failures_total", {"task": task}) or 0.0


@pytest.fixture
def queue(tmp_path):
    """A queue in its own SQLite file, with the project's hooks, and a real consumer."""
    huey = SqliteHuey("observability-test", filename=str(tmp_path / "queue.sqlite3"))
    jobs.install(huey)
    return huey


def run_consumer(huey: SqliteHuey, until, timeout: float = 20.0) -> None:
    """Run Huey's consumer (one worker thread) until ``until()`` holds."""
    handlers = {s: signal.getsignal(s) for s in (signal.SIGINT, signal.SIGTERM, signal.SIGHUP)}
    consumer = huey.create_consumer(workers=1, periodic=False, initial_delay=0.05,
                                    max_delay=0.2, check_worker_health=False)
    consumer.start()
    try:
        deadline = time.monotonic() + timeout
        while not until() and time.monotonic() < deadline:
            time.sleep(0.05)
    finally:
        consumer.stop(graceful=True)
        for number, handler in handlers.items():
            signal.signal(number, handler)


def test_the_request_id_reaches_the_job_in_the_consumer(queue):
    seen: list[dict] = []
    attempts: list[int] = []
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    handler.setFormatter(logs.formatter("json"))
    job_log = logging.getLogger("smartdistrict.test.job")
    job_log.addHandler(handler)
    job_log.setLevel(logging.INFO)

    @queue.task(retries=1)
    def notify(report_code: str) -> None:
        """Fails on its first attempt: the retry must keep the id too."""
        attempts.append(1)
        seen.append({"code": report_code, "request_id": logs.current_request_id(),
                     "thread": threading.current_thread().name})
        job_log.info("notifying about %s", report_code)
        if len(attempts) == 1:
            raise RuntimeError("the mail server hung up")

    def view(request):
        notify("BT-2026-000001")
        return HttpResponse("accepted")

    before = failures("notify")
    response = RequestIdMiddleware(view)(
        RequestFactory().post("/report/", HTTP_X_REQUEST_ID="req-0001")
    )
    assert response["X-Request-ID"] == "req-0001"
    assert queue.pending_count() == 1 and not seen  # serialised in SQLite, not yet run
    try:
        run_consumer(queue, until=lambda: len(seen) >= 2)
    finally:
        job_log.removeHandler(handler)

    assert [s["request_id"] for s in seen] == ["req-0001", "req-0001"]  # first run, retry
    assert all(s["thread"] != threading.current_thread().name for s in seen)
    assert {s["code"] for s in seen} == {"BT-2026-000001"}  # the task got its own arguments
    records = [json.loads(line) for line in stream.getvalue().splitlines()]
    assert [(r["request_id"], r["task"]) for r in records] == [("req-0001", "notify")] * 2
    assert failures("notify") == before + 1  # the first attempt, counted


def test_jobs_enqueued_outside_a_request_carry_no_id(queue):
    seen: list = []

    @queue.task()
    def nightly() -> None:
        seen.append(logs.current_request_id())

    nightly()
    run_consumer(queue, until=lambda: seen)
    assert seen == [None]


@pytest.mark.django_db
def test_the_project_queue_carries_the_id_inline_and_restores_the_request_context():
    """Tests (and one-process demos) run jobs inline: the request keeps its own context."""
    assert HUEY.immediate
    seen_inline.clear()

    def view(request):
        record_inline("x")
        after = logs.current_request_id()
        return HttpResponse(after)

    response = RequestIdMiddleware(view)(RequestFactory().get("/", HTTP_X_REQUEST_ID="r-42"))
    assert seen_inline == [("x", "r-42")]
    assert response.content == b"r-42"
