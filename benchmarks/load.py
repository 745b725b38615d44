"""make bench, load part: 50 residents' clients against a real server while it breaks.

Fifty concurrent clients send reports for a bounded time over the three doors residents
use: Open311 (`POST /open311/v2/requests.json`, one API key), the REST API
(`POST /api/v1/reports`) and the portal's form (`POST /report/`, with its CSRF token), each
from its own address (X-Forwarded-For behind one trusted proxy) but one in ten sharing an
office's, so the intake rate limits act as in production (counted in Redis). Meanwhile the
run SIGKILLs a gunicorn worker (about a third of the way, three times 4 s apart) and cuts
every database connection with pg_terminate_backend (at two thirds, three times). A client
that gets no answer or a 5xx sends the same report again with the same idempotency key, as
a well-behaved app does; a 429 is counted and the client waits.

Afterwards the reports are counted in the database by the marker each description carries:

- acknowledged: answered 2xx (Open311, REST) or sent to the "report sent" page (portal);
- stored: distinct reports of this run found in the database;
- lost: acknowledged but not stored (goal 0);
- duplicated: a marker stored more than once (goal 0);
- answered 429: refused by a rate limit (nothing stored: checked too).

It needs PostgreSQL (BENCH_LOAD_URL, default postgres://postgres@127.0.0.1:5432/
smartdistrict_load: dropped and created for the run, dropped after) and Redis (BENCH_REDIS_URL,
default redis://127.0.0.1:6379/12, for the rate limits' counters and the job queue). Without
them the section says what was missing.

`python -m benchmarks.load --write [--seconds N]` runs this part alone and puts its section in
docs/BENCHMARKS.md (replacing the previous one); `make bench` runs it through benchmarks/run.py,
which writes the same section after the table.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import secrets
import signal
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

from benchmarks.load_clients import (
    ATTEMPTS,
    CLIENTS,
    DOORS,
    GRACE,
    WORKER_TIMEOUT,
    WORKERS,
    Client,
    Outcome,
)
from benchmarks.server import gunicorn

ROOT = Path(__file__).resolve().parent.parent
OUTPUT = ROOT / "docs" / "BENCHMARKS.md"
HEADING = "## Load test: 50 clients while a worker is killed and connections are cut"
DEFAULT_URL = "postgres://postgres@127.0.0.1:5432/smartdistrict_load"
DEFAULT_REDIS = "redis://127.0.0.1:6379/12"

SETUP = """
import json, os
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "smartdistrict.settings")
import django
django.setup()
from django.core.management import call_command
call_command("migrate", verbosity=0, interactive=False)
call_command("collectstatic", verbosity=0, interactive=False)  # the portal's pages need it
from smartdistrict.demo.data import seed_configuration
seed_configuration()
from smartdistrict.open311.services import api_key_create
from benchmarks.places import points
import numpy as np
_record, raw = api_key_create(name="load test")
lats, lons = points(np.random.default_rng(13), 5000)
print(json.dumps({"key": raw, "points": [[float(a), float(b)] for a, b in zip(lats, lons)]}))
"""

COUNT = """
import json, os, re, sys
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "smartdistrict.settings")
import django
django.setup()
from smartdistrict.feedback.models import Report
run = sys.argv[1]
found = {}
for text in Report.objects.filter(description__contains="[" + run + "-").values_list(
        "description", flat=True).iterator():
    marker = re.search(r"\\[(" + re.escape(run) + r"-[^\\]]+)\\]", text).group(1)
    found[marker] = found.get(marker, 0) + 1
from huey.contrib.djhuey import HUEY
HUEY.flush()  # the run's queued notifications: nobody consumes them
print(json.dumps(found))
"""


@dataclass
class Run:
    seconds: float = 0.0
    outcomes: list[Outcome] = field(default_factory=list)
    stored: dict[str, int] = field(default_factory=dict)
    events: list[str] = field(default_factory=list)
    problem: str = ""

    def figures(self) -> dict[str, object]:
        acked = {o.marker for o in self.outcomes if o.result == "ack"}
        refused = {o.marker for o in self.outcomes if o.result in ("429", "refused")}
        counts = Counter(o.result for o in self.outcomes)
        return {
            "sent": len(self.outcomes),
            "acknowledged": len(acked),
            "stored": len(self.stored),
            "lost": len(acked - set(self.stored)),
            "duplicated": sum(1 for n in self.stored.values() if n > 1),
            "answered 429": counts["429"],
            "refused otherwise": counts["refused"],
            "unanswered": counts["unanswered"],
            "stored although refused": len(refused & set(self.stored)),
            "stored without an answer": len(set(self.stored) - acked - refused),
            "resends": sum(o.attempts - 1 for o in self.outcomes),
            "5xx answers": sum(o.server_errors for o in self.outcomes),
            "dropped connections": sum(o.dropped for o in self.outcomes),
        }


# --- the trouble ------------------------------------------------------------------------


def _children(pid: int) -> list[int]:
    try:
        text = Path(f"/proc/{pid}/task/{pid}/children").read_text()
    except OSError:
        return []
    return [int(p) for p in text.split()]


def _terminate_connections(url: str) -> int:
    import psycopg

    name = urlsplit(url).path.lstrip("/")
    with psycopg.connect(url, autocommit=True) as conn:
        rows = conn.execute(
            "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
            "WHERE datname = %s AND pid <> pg_backend_pid()", [name]).fetchall()
    return sum(1 for (done,) in rows if done)


def _trouble(master: int, url: str, started: float, seconds: float, events: list[str]) -> None:
    """A worker killed about a third of the way (three times, 4 s apart); every database
    connection cut at two thirds, three times a second apart (to catch transactions in
    flight, not only idle connections)."""
    time.sleep(seconds / 3 - 6)
    for _ in range(3):  # three tries, so that one is likely to land in a request
        workers = _children(master)
        if workers:
            os.kill(workers[0], signal.SIGKILL)
            events.append(f"SIGKILL to worker {workers[0]} at "
                          f"{time.monotonic() - started:.0f} s")
        time.sleep(4)
    time.sleep(seconds / 3 - 6)
    at = time.monotonic() - started
    cut = 0
    for _ in range(3):
        cut += _terminate_connections(url)
        time.sleep(1)
    events.append(f"pg_terminate_backend cut {cut} connections from {at:.0f} s")


def _warm_up(port: int, api_key: str, points: list, run_id: str) -> None:
    """Each worker's first requests load the geography, the routing and the suggester:
    a few reports per door first, from their own address, not counted."""
    sink: list[Outcome] = []
    lock = threading.Lock()
    warmers = [Client(CLIENTS + n, port, api_key, points, f"{run_id}w", time.monotonic(), sink,
                      lock)
               for n in range(len(DOORS) * WORKERS)]
    threads = [threading.Thread(target=w.one, args=(1,)) for w in warmers]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()


# --- the run ----------------------------------------------------------------------------


def _admin(url: str, sql: str) -> None:
    import psycopg

    with psycopg.connect(urlsplit(url)._replace(path="/postgres").geturl(),
                         autocommit=True) as conn:
        conn.execute(sql)


def _child(code: str, env: dict, *args: str) -> str:
    done = subprocess.run([sys.executable, "-c", code, *args], cwd=ROOT, env=env, check=True,
                          capture_output=True, text=True)
    return done.stdout.strip().splitlines()[-1]


def run(seconds: float | None = None) -> Run:
    seconds = seconds or float(os.environ.get("BENCH_LOAD_SECONDS", "120"))
    url = os.environ.get("BENCH_LOAD_URL", DEFAULT_URL)
    redis_url = os.environ.get("BENCH_REDIS_URL", DEFAULT_REDIS)
    name = urlsplit(url).path.lstrip("/")
    result = Run()
    try:
        _admin(url, f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        _admin(url, f'CREATE DATABASE "{name}"')
    except Exception as error:  # no PostgreSQL here: say so instead of figures
        result.problem = f"not measured ({type(error).__name__}: {error})".replace("\n", " ")
        return result
    run_id = secrets.token_hex(3)
    env = {
        **os.environ, "DATABASE_URL": url, "CACHE_URL": redis_url,
        "HUEY_REDIS_URL": redis_url, "HUEY_NAME": f"load-{run_id}",
        "TRUSTED_PROXY_COUNT": "1", "DATABASE_CONN_MAX_AGE": "60", "LOG_LEVEL": "ERROR",
    }
    try:
        setup = json.loads(_child(SETUP, env))
        with tempfile.TemporaryDirectory() as scratch:
            pid_file = Path(scratch) / "gunicorn.pid"
            server_env = {k: v for k, v in env.items() if k != "LOG_LEVEL"}
            with gunicorn(WORKERS, extra_args=("--pid", str(pid_file), "--graceful-timeout", "5",
                                                   "--timeout", str(WORKER_TIMEOUT)),
                          RATE_LIMITS_ENABLED="true", **server_env) as port:
                master = int(pid_file.read_text().strip())
                _warm_up(port, setup["key"], setup["points"], run_id)
                lock = threading.Lock()
                started = time.monotonic()
                clients = [Client(n, port, setup["key"], setup["points"], run_id,
                                  started + seconds, result.outcomes, lock)
                           for n in range(CLIENTS)]
                threads = [threading.Thread(target=c.loop) for c in clients]
                trouble = threading.Thread(target=_trouble,
                                           args=(master, url, started, seconds, result.events))
                for thread in [*threads, trouble]:
                    thread.start()
                for thread in [*threads, trouble]:
                    thread.join()
                result.seconds = time.monotonic() - started
        result.stored = json.loads(_child(COUNT, env, run_id))
    finally:
        _admin(url, f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    return result


def section(result: Run, *, when: dt.datetime | None = None, note: str = "") -> str:
    """The Markdown section of BENCHMARKS.md for this run (``note``: how it was run, when
    not by ``make bench``)."""
    lines = [HEADING, ""]
    if result.problem:
        return "\n".join([*lines, f"Load test {result.problem}.", ""])
    figures = result.figures()
    stamp = f" on {when:%Y-%m-%d %H:%M} UTC" if when else ""
    lines += [
        f"Measured{stamp} by benchmarks/load.py: {CLIENTS} client threads (a third each on "
        f"Open311, the REST API and the portal's form, each from its own address but one in "
        f"ten sharing one office address) for "
        f"{result.seconds:.0f} s against gunicorn ({WORKERS} sync workers, timeout "
        f"{WORKER_TIMEOUT} s) on PostgreSQL, "
        "intake rate limits on (defaults, counted in Redis). "
        + "; ".join(result.events) + ". A client resends a report that got no answer or a "
        "5xx with the same idempotency key (at most "
        f"{ATTEMPTS} tries, none later than {GRACE:.0f} s after the end); after a 429 it waits "
        "for Retry-After (at most 5 s).",
        "",
        "| figure | value | goal |",
        "|---|---|---|",
    ]
    goals = {"lost": "0", "duplicated": "0", "stored although refused": "0"}
    for name, value in figures.items():
        lines.append(f"| {name} | {value:,} | {goals.get(name, '')} |")
    by_door = Counter((o.door, o.result) for o in result.outcomes)
    lines += ["", "| door | acknowledged | 429 | refused otherwise | unanswered |",
              "|---|---|---|---|---|"]
    for door in DOORS:
        lines.append(f"| {door} | {by_door[door, 'ack']:,} | {by_door[door, '429']:,} | "
                     f"{by_door[door, 'refused']:,} | {by_door[door, 'unanswered']:,} |")
    lines.append("")
    if note:
        lines += [note, ""]
    return "\n".join(lines)


def write_section(path: Path, text: str) -> None:
    """Put ``text`` in place of the file's load section (or after everything)."""
    current = path.read_text(encoding="utf-8") if path.exists() else "# Benchmarks\n"
    start = current.find(HEADING)
    if start == -1:
        updated = current.rstrip("\n") + "\n\n" + text
    else:
        end = current.find("\n## ", start + len(HEADING))
        updated = current[:start] + text + (current[end + 1:] if end != -1 else "")
    path.write_text(updated.rstrip("\n") + "\n", encoding="utf-8")


if __name__ == "__main__":
    seconds = None
    if "--seconds" in sys.argv:
        seconds = float(sys.argv[sys.argv.index("--seconds") + 1])
    outcome = run(seconds)
    text = section(outcome, when=dt.datetime.now(dt.UTC), note=(
        f"This section was written by `python -m benchmarks.load --write --seconds "
        f"{outcome.seconds:.0f}` (BENCH_LOAD_WORKER_TIMEOUT="
        f"{WORKER_TIMEOUT}), not by the `make bench` run that wrote the table above."))
    print(text)
    if "--write" in sys.argv:
        write_section(OUTPUT, text)
