"""``/readyz``: ready only when the database answers, migrations are applied and the
geography is loaded; 503 with what is missing otherwise."""

from __future__ import annotations

import pytest
from django.db.utils import ConnectionHandler

from smartdistrict.core import health

pytestmark = pytest.mark.django_db


def test_ready_on_a_migrated_database_with_the_district_loaded(client):
    response = client.get("/readyz")
    assert response.status_code == 200
    body = response.json()
    assert body["ready"] is True
    assert body["migrations"] == {"ok": True, "pending": 0}
    assert body["geography"]["jurisdiction"] is True and body["geography"]["wards"] > 0
    assert response["Cache-Control"].startswith("max-age=0")


def test_not_ready_without_boundaries(client):
    from smartdistrict.geography.models import Boundary

    Boundary.objects.all().delete()  # rolled back with the test
    response = client.get("/readyz")
    assert response.status_code == 503
    body = response.json()
    assert body["ready"] is False
    assert body["geography"] == {"ok": False, "jurisdiction": True, "wards": 0}


def test_not_ready_while_migrations_are_pending(client, monkeypatch, tmp_path):
    """A database that answers but was never migrated (a host started before ``migrate``)."""
    empty = ConnectionHandler(
        {"default": {"ENGINE": "django.db.backends.sqlite3", "NAME": str(tmp_path / "new.db")}}
    )
    monkeypatch.setattr(health, "connections", empty)
    response = client.get("/readyz")
    assert response.status_code == 503
    body = response.json()
    assert body["database"]["ok"] is True
    assert body["migrations"]["ok"] is False and body["migrations"]["pending"] > 10
    empty["default"].close()


def test_not_ready_when_the_database_is_unreachable(client, monkeypatch, tmp_path):
    unreachable = ConnectionHandler(
        {"default": {"ENGINE": "django.db.backends.sqlite3",
                     "NAME": str(tmp_path / "missing-dir" / "db.sqlite3")}}
    )
    monkeypatch.setattr(health, "connections", unreachable)
    response = client.get("/readyz")
    assert response.status_code == 503
    assert response.json() == {"ready": False, "database": response.json()["database"]}
    assert response.json()["database"]["ok"] is False
