"""Backup and restore: a database with a report and its photo, plus a brief, goes into a
fresh database (SQLite: another file; PostgreSQL: a scratch database) and fresh storages,
and comes out the same: row counts and file checksums compared."""

from __future__ import annotations

import io
import json
import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection
from PIL import Image

pytestmark = pytest.mark.django_db(transaction=True)

SMARTDISTRICT = str(Path(sys.executable).with_name("smartdistrict"))


def jpeg() -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (320, 240), (30, 120, 200)).save(buffer, "JPEG")
    return buffer.getvalue()


@pytest.fixture
def instance(tmp_path, settings):
    """A small instance: configuration, one report with a photo, one brief on disk."""
    from smartdistrict.demo.data import seed_configuration
    from smartdistrict.feedback.tests.conftest import WARD_POINTS, create_report

    settings.MEDIA_ROOT = str(tmp_path / "source" / "media")
    private = tmp_path / "source" / "private"
    settings.STORAGES = {**settings.STORAGES, "private": {
        "BACKEND": "django.core.files.storage.FileSystemStorage",
        "OPTIONS": {"location": str(private)}}}
    seed_configuration()  # a transactional test starts from an emptied database
    lat, lon = WARD_POINTS["26929"]
    report, _ = create_report(category="rac-thai", lat=lat, lon=lon, photos=[jpeg()],
                              description="Rác thải đổ trộm ở đầu hẻm Nguyễn Xí nhiều ngày.")
    brief = private / "briefs" / "2026" / "brief-1.pdf"
    brief.parent.mkdir(parents=True)
    brief.write_bytes(b"%PDF-1.4 a meeting brief")
    return report


def restore_env(tmp_path: Path, database_url: str) -> dict[str, str]:
    target = tmp_path / "target"
    return {
        **os.environ, "DATABASE_URL": database_url, "SMARTDISTRICT_VAR_DIR": str(target / "var"),
        "MEDIA_ROOT": str(target / "media"), "PRIVATE_ROOT": str(target / "private"),
        "HUEY_IMMEDIATE": "true",
    }


def run_restore(backup: Path, env: dict[str, str]) -> subprocess.CompletedProcess:
    return subprocess.run(  # noqa: S603 (the project's own command)
        [SMARTDISTRICT, "restore", "--from", str(backup)], env=env, capture_output=True,
        text=True, timeout=600,
    )


@pytest.fixture
def scratch_database_url():
    """A fresh target: on SQLite another file, on PostgreSQL a database created and dropped."""
    if connection.vendor == "sqlite":
        yield None  # the test picks a file under tmp_path
        return
    settings_dict = connection.settings_dict
    name = f"{settings_dict['NAME']}_restore"
    with connection.cursor() as cursor:
        cursor.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        cursor.execute(f'CREATE DATABASE "{name}"')
    user = settings_dict["USER"] or "postgres"
    password = f":{settings_dict['PASSWORD']}" if settings_dict["PASSWORD"] else ""
    yield (f"postgres://{user}{password}@{settings_dict['HOST'] or '127.0.0.1'}:"
           f"{settings_dict['PORT'] or 5432}/{name}")
    with connection.cursor() as cursor:
        cursor.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def test_backup_then_restore_into_a_fresh_database(instance, tmp_path, scratch_database_url):
    backup = tmp_path / "backup"
    out = io.StringIO()
    call_command("backup", to=backup, stdout=out)
    manifest = json.loads((backup / "manifest.json").read_text())
    expected_format = "sqlite" if connection.vendor == "sqlite" else "pg_dump"
    assert manifest["database"]["format"] == expected_format
    assert manifest["tables"]["feedback_report"] == 1
    assert manifest["tables"]["feedback_photo"] == 1
    photo = instance.photos.get()
    media = manifest["files"]["storage-default"]
    assert set(media) == {photo.image.name, photo.thumbnail.name}
    assert list(manifest["files"]["storage-private"]) == ["briefs/2026/brief-1.pdf"]

    database_url = scratch_database_url or f"sqlite:///{tmp_path / 'restored.sqlite3'}"
    env = restore_env(tmp_path, database_url)
    done = run_restore(backup, env)
    assert done.returncode == 0, done.stderr + done.stdout
    assert done.stdout.strip()  # the summary: tables, rows, files, "match"

    restored_photo = tmp_path / "target" / "media" / photo.image.name
    assert restored_photo.read_bytes() == Path(photo.image.path).read_bytes()
    assert (tmp_path / "target" / "private" / "briefs" / "2026" / "brief-1.pdf").read_bytes() == (
        b"%PDF-1.4 a meeting brief")
    query = "SELECT code, description FROM feedback_report"
    if scratch_database_url:
        import psycopg

        with psycopg.connect(scratch_database_url) as pg:
            rows = pg.execute(query).fetchall()
    else:
        with sqlite3.connect(tmp_path / "restored.sqlite3") as lite:
            rows = lite.execute(query).fetchall()
    assert rows == [(instance.code, instance.description)]

    again = run_restore(backup, env)  # the target is no longer empty: refused, untouched
    assert again.returncode != 0
    assert "accounts_user" in again.stderr  # the first of the tables found there


def test_a_damaged_backup_is_refused_before_anything_is_written(instance, tmp_path):
    backup = tmp_path / "backup"
    call_command("backup", to=backup, stdout=io.StringIO())
    brief = backup / "files" / "storage-private" / "briefs" / "2026" / "brief-1.pdf"
    brief.write_bytes(b"%PDF-1.4 tampered")
    with pytest.raises(CommandError, match=r"brief-1\.pdf"):
        call_command("restore", source=backup, stdout=io.StringIO())


def test_backup_refuses_a_folder_that_holds_something(instance, tmp_path):
    (tmp_path / "old").mkdir()
    (tmp_path / "old" / "manifest.json").write_text("{}")
    with pytest.raises(CommandError, match="old"):
        call_command("backup", to=tmp_path / "old", stdout=io.StringIO())


def test_restore_refuses_a_database_that_is_not_empty(instance, tmp_path):
    backup = tmp_path / "backup"
    call_command("backup", to=backup, stdout=io.StringIO())
    with pytest.raises(CommandError, match="accounts_user"):
        call_command("restore", source=backup, stdout=io.StringIO())


@pytest.mark.slow
def test_the_dumpdata_format_restores_after_a_migrate(instance, tmp_path, scratch_database_url):
    """The fallback when pg_dump is not installed: dumpdata, then migrate and loaddata."""
    backup = tmp_path / "backup"
    call_command("backup", to=backup, format="dumpdata", stdout=io.StringIO())
    assert (backup / "database.json.gz").is_file()
    database_url = scratch_database_url or f"sqlite:///{tmp_path / 'restored.sqlite3'}"
    done = run_restore(backup, restore_env(tmp_path, database_url))
    assert done.returncode == 0, done.stderr + done.stdout
    photo = instance.photos.get()
    assert (tmp_path / "target" / "media" / photo.image.name).read_bytes() == Path(
        photo.image.path).read_bytes()
