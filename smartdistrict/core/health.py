"""``GET /healthz`` and ``GET /readyz``: what a load balancer and an operator need, in JSON.

``/healthz`` (liveness) answers 200 when the database answers, 503 otherwise; the queue's
state is reported (a stalled queue does not take a web host out of rotation, but an
operator sees it). ``/readyz`` (readiness) answers 200 only when this host can serve
residents: the database answers, every migration of this release is applied and each
app's check in settings.READINESS_CHECKS passes (the jurisdiction's geography is loaded:
geography.health); else 503 with what is missing, so a host started
before ``migrate`` or ``load_binh_thanh`` gets no traffic.
"""

from __future__ import annotations

import time
from typing import Any

from django.conf import settings
from django.db import connections
from django.http import HttpRequest, JsonResponse
from django.utils.module_loading import import_string
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


# Databases found fully migrated (by alias and name): a release's migrations are not undone
# under a running host, so the migration graph is read from disk only until they are applied.
_migrated: set[tuple[str, str]] = set()


def migrations_state(alias: str = "default") -> dict[str, Any]:
    """Whether every migration on disk is applied to ``alias`` (checked until it is)."""
    connection = connections[alias]
    key = (alias, str(connection.settings_dict["NAME"]))
    if key in _migrated:
        return {"ok": True, "pending": 0}
    from django.db.migrations.executor import MigrationExecutor

    try:
        executor = MigrationExecutor(connection)
        plan = executor.migration_plan(executor.loader.graph.leaf_nodes())
    except Exception as exc:  # an unreadable django_migrations table is "not ready"
        return {"ok": False, "error": str(exc)[:200]}
    if not plan:
        _migrated.add(key)
    return {"ok": not plan, "pending": len(plan)}


@never_cache
@require_GET
def readyz(request: HttpRequest) -> JsonResponse:
    checks: dict[str, dict[str, Any]] = {"database": database_state()}
    if checks["database"]["ok"]:
        checks["migrations"] = migrations_state()
        for name, path in settings.READINESS_CHECKS.items():
            checks[name] = import_string(path)()
    ready = all(check["ok"] for check in checks.values()) and (
        len(checks) == 2 + len(settings.READINESS_CHECKS))
    return JsonResponse({"ready": ready, **checks}, status=200 if ready else 503)
