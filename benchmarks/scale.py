"""``make bench`` on PostgreSQL at city scale (issue 18, acceptance 1–2).

One run measures, at each size of BENCH_SCALES (default 100,000 and 1,000,000 reports),
every figure with its same-run baseline, and the growth of each from the first size to the
others. The database grows from one size to the next (seeded by COPY, then VACUUM ANALYZE as
autovacuum would, then the dashboard's facts rebuilt cold); before it grows further, each
smaller size is kept as a copy (CREATE DATABASE … TEMPLATE). Then one worker process per size
(benchmarks/scale_worker.py) measures the parts of benchmarks/scale_parts.py, and **the sizes
take turns round by round** (in alternating order), so that both meet the same load on this
shared machine; the growth of a figure is the median of its rounds' ratios:

- report_create/s (best of rounds) against a bare ORM insert;
- Open311 POST with 2 gunicorn workers (/s, answers, reports lost or duplicated);
- ``GET requests.json`` p50 against the same rows by raw SQL + orjson, interleaved;
- every console queue view (administrator, hotline operator, ward officer, department
  staff; all open and overdue only) p50, against the same SQL statements the view sends
  run on a raw cursor (the database's share);
- the dashboard's headline figures for 30 and 365 days against the same figures scanned
  from feedback_report (portable SQL, medians in Python);
- the incremental refresh after 1,000 changes spread over the history and after 1,000
  recent ones, against re-aggregating every day's sums from the facts (what the refresh
  did before it worked by delta).

The copies are dropped at the end; the database itself is left at the largest size, where
benchmarks/million.py measures the rest.

Run: ``BENCH_DATABASE_URL=postgres://postgres@127.0.0.1:5432/pgscale_bench make bench``
(docs/BENCHMARKS.md, section "PostgreSQL at city scale", is rewritten as each part is
measured; the rest of the file is kept). BENCH_SCALES=20000,50000 for a quick run. Some
parts again, by hand, in turns on databases a run or a developer left (printed, nothing
written): ``python -m benchmarks.scale pgscale_bench_100000,pgscale_bench headline``.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import subprocess
import sys
import time
from urllib.parse import urlsplit

if __name__ == "__main__":  # run by hand: set Django up before the project's imports
    import django

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "smartdistrict.settings")
    django.setup()

from django.db import connection

from benchmarks.postgres import _admin
from benchmarks.scale_parts import PARTS
from benchmarks.scale_report import Measure, Scale, render, write_section
from smartdistrict.dashboard.facts.refresh import facts_refresh
from smartdistrict.dashboard.models import RefreshState, ReportFact
from smartdistrict.demo.reports import seed_reports
from smartdistrict.feedback.models import Report

SCALES = [int(s) for s in os.environ.get("BENCH_SCALES", "100000,1000000").split(",") if s]


def log(message: str) -> None:
    print(f"[{dt.datetime.now(dt.UTC):%H:%M:%S}] {message}", file=sys.stderr, flush=True)


def load_average() -> str:
    one, five, _ = os.getloadavg()
    return f"{one:.1f}/{five:.1f}"


def _vacuum() -> None:
    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE")


# --- preparation ----------------------------------------------------------------------------
def grow_to(size: int, scale: Scale) -> None:
    stored = Report.objects.count()
    if stored < size:
        started = time.perf_counter()
        seed_reports(size - stored, seed=size)
        seconds = time.perf_counter() - started
        scale.notes.append(f"seeded {size - stored:,} reports by COPY in {seconds / 60:.1f} min "
                           f"({(size - stored) / seconds:,.0f}/s, with timelines)")
    started = time.perf_counter()
    _vacuum()
    scale.notes.append(f"VACUUM ANALYZE {time.perf_counter() - started:.0f} s")
    ReportFact.objects.all().delete()  # a cold rebuild at every size
    RefreshState.objects.all().delete()
    started = time.perf_counter()
    facts_refresh(full=True)
    seconds = time.perf_counter() - started
    scale.notes.append(f"full dashboard refresh {seconds:.0f} s ({size / seconds:,.0f} "
                       "reports/s)")
    _vacuum()



def _url(name: str) -> str:
    """The URL of database ``name`` on the server of the one Django is connected to."""
    return urlsplit(os.environ["DATABASE_URL"])._replace(path=f"/{name}").geturl()


def keep_copy(size: int) -> str:
    """Copy the database as it stands (this size) before it grows; returns the copy's name.
    CREATE DATABASE … TEMPLATE needs the template without connections: Django's is closed."""
    name = f"{connection.settings_dict['NAME']}_{size}"
    connection.close()
    _admin(_url(name), f'DROP DATABASE IF EXISTS "{name}"')
    _admin(_url(name), f'CREATE DATABASE "{name}" TEMPLATE "{connection.settings_dict["NAME"]}"')
    return name


def drop_copy(name: str) -> None:
    _admin(_url(name), f'DROP DATABASE IF EXISTS "{name}"')


# --- the workers, in turns --------------------------------------------------------------------
class Worker:
    """One size's process (benchmarks/scale_worker.py) on its own database."""

    def __init__(self, database: str) -> None:
        self.database = database
        self.process = subprocess.Popen(
            [sys.executable, "-m", "benchmarks.scale_worker"],
            env={**os.environ, "DATABASE_URL": _url(database)},
            stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True, encoding="utf-8")

    def ask(self, **command) -> dict:
        self.process.stdin.write(json.dumps(command) + "\n")
        self.process.stdin.flush()
        line = self.process.stdout.readline()
        if not line:
            raise RuntimeError(f"the worker on {self.database} stopped")
        answer = json.loads(line)
        if not answer["ok"]:
            raise RuntimeError(f"{command} on {self.database}:\n{answer['error']}")
        return answer

    def stop(self) -> None:
        self.process.stdin.close()
        self.process.wait(timeout=60)


def measure_in_turns(name: str, workers: list[Worker], scales: list[Scale]) -> None:
    """Start the part on every size, run its rounds with the sizes taking turns (the order
    alternates from round to round, so that no size always goes first), then collect each
    size's figures. A part that fails on a size is noted there and the run goes on."""
    live = list(zip(workers, scales, strict=True))

    def attempt(worker: Worker, scale: Scale, **command) -> dict | None:
        try:
            return worker.ask(**command)
        except RuntimeError as error:
            scale.notes.append(f"{name} not measured: {str(error).strip().splitlines()[-1]}")
            log(str(error))
            live.remove((worker, scale))
            return None

    for worker, scale in list(live):
        attempt(worker, scale, op="start", part=name)
    for number in range(PARTS[name].rounds):
        for worker, scale in (list(live) if number % 2 == 0 else live[::-1]):
            attempt(worker, scale, op="round", number=number)
    for worker, scale in list(live):
        answer = attempt(worker, scale, op="finish")
        for figure, result in (answer or {}).get("results", {}).items():
            scale.measures[figure] = Measure(**result)


def measure(databases: list[str], scales: list[Scale], parts: list[str],
            on_part=lambda: None) -> None:
    """Every part on every size, in turns; ``on_part`` after each (to write what is done)."""
    workers = [Worker(name) for name in databases]
    try:
        for scale, worker in zip(scales, workers, strict=True):
            scale.size = scale.size or worker.ask(op="count")["reports"]
        for name in parts:
            log(f"{name} on {', '.join(f'{s.size:,}' for s in scales)} in turns "
                f"(load {load_average()})")
            measure_in_turns(name, workers, scales)
            on_part()
    finally:
        for worker in workers:
            worker.stop()


def main() -> None:
    started = dt.datetime.now(dt.UTC)
    scales = [Scale(size) for size in SCALES]
    databases = []
    for i, scale in enumerate(scales):
        log(f"growing to {scale.size:,} reports (load {load_average()})")
        grow_to(scale.size, scale)
        is_largest = i == len(scales) - 1
        databases.append(connection.settings_dict["NAME"] if is_largest
                         else keep_copy(scale.size))
    connection.close()
    load_start = load_average()

    def write() -> None:  # what is measured is written at once: it survives a crash
        write_section(render(scales, started, [f"{load_start} → {load_average()}"]))

    try:
        measure(databases, scales, list(PARTS), on_part=write)
    finally:
        for name in databases[:-1]:
            drop_copy(name)
    print(render(scales, started, [f"{load_start} → {load_average()}"]))


if __name__ == "__main__":  # by hand: some parts, in turns, on databases as they stand
    names = sys.argv[1].split(",")
    here = [Scale(0) for _ in names]
    load = load_average()
    measure(names, here, sys.argv[2:] or list(PARTS))
    print(render(here, dt.datetime.now(dt.UTC), [f"{load} → {load_average()}"]))
