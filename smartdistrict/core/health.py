"""``GET /healthz``: what a load balancer and an operator need to know, in JSON.

Answers 200 when the database answers, 503 otherwise; the queue's state is reported
(a stalled queue does not take a web host out of rotation, but an operator sees it).
"""

from __future__ import annotations

import time
from typing import Any

from django.db import connections
from django.http import HttpRequest, JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

import smartdistrict


def database_state(alias: str = "default") -> dict[str, Any]:
    connection = connections[alias]
    started = time.perf_counter()
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except Exception as exc:  # any driver error means "down"; the reason is reported
        return {"ok": False, "vendor": connection.vendor, "error": str(exc)[:200]}
    return {
        "ok": True,
        "vendor": connection.vendor,
        "latency_ms": round((time.perf_counter() - started) * 1000, 2),
    }


def queue_state() -> dict[str, Any]:
    from huey.contrib.djhuey import HUEY

    backend = type(HUEY).__name__
    try:
        pending = HUEY.pending_count()
        scheduled = HUEY.scheduled_count()
    except Exception as exc:  # Redis down, SQLite file unwritable …
        return {"ok": False, "backend": backend, "error": str(exc)[:200]}
    return {
        "ok": True,
        "backend": backend,
        "immediate": HUEY.immediate,
        "pending": pending,
        "scheduled": scheduled,
    }


@never_cache
@require_GET
def healthz(request: HttpRequest) -> JsonResponse:
    database = database_state()
    queue = queue_state()
    status = "ok" if database["ok"] and queue["ok"] else ("degraded" if database["ok"] else "down")
    return JsonResponse(
        {
            "status": status,
            "version": smartdistrict.__version__,
            "database": database,
            "queue": queue,
        },
        status=200 if database["ok"] else 503,
    )
