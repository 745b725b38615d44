"""``make bench``: measure the platform and rewrite docs/BENCHMARKS.md.

The engine comes from BENCH_DATABASE_URL (the Makefile passes it as DATABASE_URL):
SQLite (default, var/bench.sqlite3, deleted first): the whole suite below; PostgreSQL (a
scratch database whose name contains "bench", dropped and recreated): the city-scale
run of benchmarks/scale.py at BENCH_SCALES (default 100000,1000000), then, on the database
it grew to the largest size, benchmarks/million.py (the whole city, public reports, the
survey); each rewrites only its own section of docs/BENCHMARKS.md.

Each figure is measured in this run, on this machine, with its baseline (where a ratio
is the goal) measured in the same run. Nothing here is asserted by a test.
"""

from __future__ import annotations

import datetime as dt
import os
import platform
import sys
import time
from pathlib import Path

import django

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "smartdistrict.settings")
_db = os.environ.get("DATABASE_URL", "")
if _db.startswith("sqlite:///") and "bench" in _db:  # start every run from an empty database
    for suffix in ("", "-wal", "-shm"):
        Path(_db.removeprefix("sqlite://") + suffix).unlink(missing_ok=True)
POSTGRES = _db.startswith(("postgres://", "postgresql://"))
if POSTGRES:  # a scratch database, recreated: only one whose name says it is for benchmarks
    from benchmarks.postgres import recreate

    recreate(_db)
django.setup()

from django.core.management import call_command  # noqa: E402

from benchmarks import (  # noqa: E402
    addresses,
    alleys,
    city,
    console,
    dashboard,
    environment_ingest,
    http_lookup,
    load,
    open311,
    point_lookup,
    postgres,
    public_reports,
    report_intake,
    survey,
    targets,
    wqi,
)
from benchmarks.report import Figure, write_report  # noqa: E402

OUTPUT = Path(__file__).resolve().parent.parent / "docs" / "BENCHMARKS.md"


def machine() -> str:
    with open("/proc/meminfo", encoding="ascii") as handle:
        total_kb = int(handle.readline().split()[1])
    import numpy
    import shapely

    return (
        f"{os.cpu_count()} cores, {total_kb / 1024 / 1024:.1f} GiB RAM, "
        f"{platform.machine()}, Python {platform.python_version()}, "
        f"Shapely {shapely.__version__} (GEOS {shapely.geos_version_string}), "
        f"NumPy {numpy.__version__}, database {os.environ.get('DATABASE_URL', 'default')}"
    )


def main() -> None:
    call_command("migrate", verbosity=0, interactive=False)
    call_command("collectstatic", verbosity=0, interactive=False)  # pages as in production
    call_command("seed_demo", "--reports", "0", stdout=open(os.devnull, "w"))  # noqa: SIM115
    if POSTGRES:  # PostgreSQL: the city-scale run (issue 18), then the rest at its largest size
        from benchmarks import million, scale

        started = time.perf_counter()
        scale.main()
        measured = million.main(largest=max(scale.SCALES))
        scale.log(f"make bench on PostgreSQL: {(time.perf_counter() - started) / 60:.1f} min")
        if not measured:
            sys.exit(1)
        return
    figures: list[Figure] = []
    for module in (point_lookup, http_lookup, addresses, report_intake, open311, console,
                   dashboard, city, wqi, environment_ingest, targets, survey, alleys,
                   public_reports):
        print(f"running {module.__name__} …", file=sys.stderr, flush=True)
        figures.extend(module.run())
    print("running benchmarks.postgres …", file=sys.stderr, flush=True)
    figures.extend(postgres.run())  # ingestion into PostgreSQL, in a child process
    print("running benchmarks.load …", file=sys.stderr, flush=True)
    # 50 clients on PostgreSQL while a worker is killed and connections cut: its own section
    load_section = load.section(load.run(), when=dt.datetime.now(dt.UTC))
    write_report(OUTPUT, figures, machine=machine(), when=dt.datetime.now(dt.UTC),
                 sections=(load_section,))
    print(OUTPUT.read_text())


if __name__ == "__main__":
    main()
