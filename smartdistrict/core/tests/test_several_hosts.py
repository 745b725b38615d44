"""Several hosts behave as one (issue 13, acceptance 3).

Two web hosts (gunicorn, each in its own working folder with its own var/ folder) and two
job consumers share one database, one Redis (queue and cache) and one storage folder. A
brief and an Excel export asked for on host A download from host B; the day's periodic
jobs, queued by both consumers' schedulers several times per slot (consumer_harness.py),
each ran once per slot.

The database is a scratch one this test creates (the jurisdiction is the small synthetic
pack): on PostgreSQL <name>_hosts, dropped at the end; on SQLite a file.
"""

from __future__ import annotations

import os
import re
import socket
import subprocess
import sys
import time
import uuid
from pathlib import Path
from urllib.parse import urlparse

import pytest
import requests

from smartdistrict.conftest import require_service
from smartdistrict.core.tests.consumer_harness import day_minutes, periodic_tasks

pytestmark = [pytest.mark.slow, pytest.mark.service]

BIN = Path(sys.executable).parent
REDIS = "redis://127.0.0.1:6379"
STEP = 3.0  # real seconds per minute of the consumers' clock


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture
def database_url(tmp_path):
    url = os.environ.get("DATABASE_URL", "")
    if not url.startswith("postgres"):
        yield f"sqlite:///{tmp_path / 'shared.sqlite3'}"
        return
    import psycopg

    parsed = urlparse(url)
    name = f"{parsed.path.lstrip('/')}_hosts"
    admin = parsed._replace(path="/postgres").geturl()
    with psycopg.connect(admin, autocommit=True) as pg:
        pg.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        pg.execute(f'CREATE DATABASE "{name}"')
    yield parsed._replace(path=f"/{name}").geturl()
    with psycopg.connect(admin, autocommit=True) as pg:
        pg.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def _run(env, *args: str, cwd: Path) -> str:
    done = subprocess.run([str(BIN / "smartdistrict"), *args], env=env, cwd=cwd,  # noqa: S603
                          capture_output=True, text=True, timeout=900)
    assert done.returncode == 0, done.stderr[-3000:]
    return done.stdout


def _wait(predicate, timeout: float, what: str):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = predicate()
        if value:
            return value
        time.sleep(0.5)
    pytest.fail(f"timed out waiting for {what}")


SESSION = (
    "from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY\n"
    "from django.contrib.sessions.backends.db import SessionStore\n"
    "from smartdistrict.accounts.models import User\n"
    "u = User.objects.get(username='admin')\n"
    "s = SessionStore()\n"
    "s[SESSION_KEY] = str(u.pk)\n"
    "s[BACKEND_SESSION_KEY] = 'smartdistrict.accounts.backends.ThrottledModelBackend'\n"
    "s[HASH_SESSION_KEY] = u.get_session_auth_hash()\n"
    "s.create()\n"
    "print(s.session_key)\n"
)
RUNS = (
    "from smartdistrict.core.models import PeriodicRun\n"
    "for run in PeriodicRun.objects.order_by('slot', 'task'):\n"
    "    print(run.task, run.slot.strftime('%H:%M'))\n"
)


def test_two_web_hosts_and_two_consumers_behave_as_one(tmp_path, database_url):
    require_service("Redis", "127.0.0.1", 6379)
    import redis

    shared = tmp_path / "shared"
    queue = f"harden-hosts-{uuid.uuid4().hex[:8]}"
    env = {
        **os.environ, "DATABASE_URL": database_url, "SMARTDISTRICT_PACK": "synthetic",
        "HUEY_REDIS_URL": f"{REDIS}/0", "HUEY_NAME": queue, "HUEY_IMMEDIATE": "false",
        "CACHE_URL": f"{REDIS}/14", "MEDIA_ROOT": str(shared / "media"),
        "PRIVATE_ROOT": str(shared / "private"), "STATIC_MANIFEST": "false",
        "RATE_LIMITS_ENABLED": "false", "PYTHONPATH": str(Path(__file__).parents[3]),
    }
    hosts = {}
    for name in ("a", "b", "c1", "c2"):
        folder = tmp_path / name
        folder.mkdir()
        hosts[name] = {**env, "SMARTDISTRICT_VAR_DIR": str(folder / "var")}
    _run(hosts["a"], "migrate", "--noinput", "-v0", cwd=tmp_path / "a")
    _run(hosts["a"], "seed_demo", "--reports", "0", cwd=tmp_path / "a")
    session = _run(hosts["a"], "shell", "-v0", "-c", SESSION, cwd=tmp_path / "a").split()[-1]

    sequence, _quiet = day_minutes()
    start_file = tmp_path / "clock-start"  # written once both consumers are up
    harness = {"HARNESS_T0_FILE": str(start_file), "HARNESS_STEP": str(STEP),
               "HARNESS_MINUTES": ",".join(m.isoformat() for m in sequence)}
    processes, logs = [], {}
    ports = {"a": _free_port(), "b": _free_port()}
    try:
        for name in ("a", "b"):
            logs[name] = (tmp_path / f"{name}.log").open("w")
            processes.append(subprocess.Popen(  # noqa: S603
                [str(BIN / "gunicorn"), "smartdistrict.wsgi", "--bind",
                 f"127.0.0.1:{ports[name]}", "--workers", "1", "--timeout", "60"],
                env=hosts[name], cwd=tmp_path / name, stdout=logs[name],
                stderr=subprocess.STDOUT))
        for name in ("c1", "c2"):
            logs[name] = (tmp_path / f"{name}.log").open("w")
            processes.append(subprocess.Popen(
                [sys.executable, "-m", "smartdistrict.core.tests.consumer_harness"],
                env={**hosts[name], **harness}, cwd=tmp_path / name, stdout=logs[name],
                stderr=subprocess.STDOUT))
        base = {name: f"http://127.0.0.1:{port}" for name, port in ports.items()}
        for name in base:
            _wait(lambda n=name: _get(f"{base[n]}/healthz"), 120, f"host {name}")

        client = requests.Session()
        client.cookies.set("sessionid", session)
        client.get(f"{base['a']}/dashboard/", timeout=60).raise_for_status()
        token = client.cookies["csrftoken"]
        asked = client.post(f"{base['a']}/dashboard/briefs/", allow_redirects=False,
                            data={"csrfmiddlewaretoken": token}, timeout=60)
        assert asked.status_code == 302, asked.text[:500]
        brief_page = base["b"] + asked.headers["Location"]
        html = _wait(lambda: _ready(client, brief_page, 'id="brief-pdf"'), 180, "the brief")
        pdf = re.search(r'href="([^"]+)" id="brief-pdf"', html).group(1)
        answer = client.get(base["b"] + pdf, timeout=60)
        assert answer.status_code == 200 and answer.content.startswith(b"%PDF")

        export = client.get(f"{base['a']}/dashboard/export.xlsx", allow_redirects=False,
                            timeout=60)
        assert export.status_code == 302 and export.headers["Location"].startswith("/downloads/")
        page = base["b"] + export.headers["Location"]
        html = _wait(lambda: _ready(client, page, 'data-status="done"'), 180, "the export")
        link = re.search(r'href="(/downloads/[^"]+)"', html).group(1)
        workbook = client.get(base["b"] + link, timeout=60)
        assert workbook.status_code == 200 and workbook.content.startswith(b"PK")

        expected = {}
        for task in periodic_tasks():
            expected[task.name] = sum(1 for m in sequence if task.validate_datetime(m))
        _wait(lambda: all("consumer started" in (tmp_path / f"{n}.log").read_text().lower()
                          for n in ("c1", "c2")), 120, "the consumers")
        t0 = time.time() + 2
        start_file.write_text(str(t0))
        end = t0 + STEP * len(sequence)
        time.sleep(max(0.0, end - time.time()) + 2)

        def executed() -> dict[str, int]:
            text = "".join((tmp_path / f"{n}.log").read_text() for n in ("c1", "c2"))
            return {name: len(re.findall(rf"{re.escape(name)}: [0-9a-f-]+ executed in", text))
                    for name in expected}

        _wait(lambda: executed() == expected or None, 240, "the periodic jobs")
        time.sleep(STEP)  # a late duplicate would show now
        assert executed() == expected
        consumers = "".join((tmp_path / f"{n}.log").read_text() for n in ("c1", "c2"))
        assert "already ran elsewhere: skipped" in consumers  # the copies did meet
        runs = _run(hosts["a"], "shell", "-v0", "-c", RUNS, cwd=tmp_path / "a")
        assert len(re.findall(r"^\S+ \d\d:\d\d$", runs, re.M)) == sum(expected.values())
    finally:
        for process in processes:
            process.terminate()
        for process in processes:
            try:
                process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                process.kill()
        for handle in logs.values():
            handle.close()
        store = redis.Redis.from_url(f"{REDIS}/0")
        for key in store.scan_iter(f"*{queue}*"):
            store.delete(key)


def _get(url: str) -> bool:
    try:
        return requests.get(url, timeout=5).status_code == 200
    except requests.RequestException:
        return False


def _ready(client, url: str, marker: str) -> str | None:
    html = client.get(url, timeout=30).text
    return html if marker in html else None
