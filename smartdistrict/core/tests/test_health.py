"""``/healthz`` reports the database and the queue (SQLite queue here, Redis where asked)."""

import pytest
from django.db import connection
from django.db.utils import ConnectionHandler
from django.urls import reverse
from huey import RedisHuey

from smartdistrict.conftest import redis_queue_name, require_service
from smartdistrict.core import health

pytestmark = pytest.mark.django_db


def test_healthz_reports_database_and_queue(client):
    response = client.get(reverse("healthz"))
    assert response.status_code == 200
    body = response.json()
    assert body["status"] == "ok"
    assert body["database"] == {**body["database"], "ok": True, "vendor": connection.vendor}
    assert body["queue"]["ok"] is True
    assert body["queue"]["backend"] in {"SqliteHuey", "RedisHuey"}
    assert body["queue"]["pending"] >= 0
    assert response["Cache-Control"].startswith("max-age=0")


def test_healthz_is_503_when_the_database_is_unreachable(client, monkeypatch, tmp_path):
    unreachable = ConnectionHandler(
        {"default": {"ENGINE": "django.db.backends.sqlite3",
                     "NAME": str(tmp_path / "missing-dir" / "db.sqlite3")}}
    )
    monkeypatch.setattr(health, "connections", unreachable)
    response = client.get(reverse("healthz"))
    assert response.status_code == 503
    body = response.json()
    assert body["status"] == "down"
    assert body["database"]["ok"] is False
    assert "unable to open" in body["database"]["error"]


@pytest.mark.service
def test_queue_state_with_redis(monkeypatch):
    require_service("Redis", "127.0.0.1", 6379)
    from huey.contrib import djhuey

    # A queue of this test alone: the Redis is shared by the run's workers.
    queue = RedisHuey(redis_queue_name(), url="redis://127.0.0.1:6379/15")
    queue.flush()
    monkeypatch.setattr(djhuey, "HUEY", queue)

    @queue.task()
    def noop():
        return None

    noop()
    state = health.queue_state()
    assert state == {**state, "ok": True, "backend": "RedisHuey", "pending": 1}
    queue.flush()


def test_queue_state_reports_an_unreachable_redis(monkeypatch):
    from huey.contrib import djhuey

    monkeypatch.setattr(
        djhuey, "HUEY", RedisHuey("smartdistrict-test", url="redis://127.0.0.1:1/0")
    )
    state = health.queue_state()
    assert state["ok"] is False
    assert state["backend"] == "RedisHuey"
