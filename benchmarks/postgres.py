"""make bench, PostgreSQL part: water-quality ingestion into PostgreSQL.

The main run measures on SQLite (the default embedded database). Ingestion is also measured
on PostgreSQL, the production database: in a child process whose DATABASE_URL points at a
scratch database (BENCH_POSTGRES_URL, default postgres://postgres@127.0.0.1:5432/
smartdistrict_bench, created if missing and dropped afterwards). Without a reachable server
the figure says so.

`python -m benchmarks.postgres --append` runs this part alone and appends its rows to
docs/BENCHMARKS.md with its own time stamp.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import subprocess
import sys
from pathlib import Path
from urllib.parse import urlsplit

from benchmarks.report import Figure

DEFAULT_URL = "postgres://postgres@127.0.0.1:5432/smartdistrict_bench"
ROOT = Path(__file__).resolve().parent.parent
CHILD = """
import json, os, sys
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "smartdistrict.settings")
import django
django.setup()
from django.core.management import call_command
call_command("migrate", verbosity=0, interactive=False)
from smartdistrict.demo.data import seed_configuration
seed_configuration()
from benchmarks import environment_ingest
print(json.dumps([f.__dict__ for f in environment_ingest.run()]))
"""


def _admin(url: str, sql: str) -> None:
    import psycopg

    parts = urlsplit(url)
    admin = parts._replace(path="/postgres").geturl()
    with psycopg.connect(admin, autocommit=True) as conn:
        conn.execute(sql)


def recreate(url: str) -> None:
    """Drop and create the scratch database of ``url`` (its name must contain "bench";
    never the shared "test" database)."""
    name = urlsplit(url).path.lstrip("/")
    if "bench" not in name or name == "test":
        raise SystemExit(f"refusing to recreate database {name!r}: its name must contain "
                         "'bench' (e.g. pgscale_bench)")
    _admin(url, f'DROP DATABASE IF EXISTS "{name}"')
    _admin(url, f'CREATE DATABASE "{name}"')


def run() -> list[Figure]:
    url = os.environ.get("BENCH_POSTGRES_URL", DEFAULT_URL)
    name = urlsplit(url).path.lstrip("/")
    try:
        _admin(url, f'DROP DATABASE IF EXISTS "{name}"')
        _admin(url, f'CREATE DATABASE "{name}"')
    except Exception as error:  # no server here: say so instead of a figure
        return [Figure(name="readings ingested into PostgreSQL",
                       value=f"not measured ({type(error).__name__}: {error})".replace("\n", " "))]
    try:
        env = {**os.environ, "DATABASE_URL": url}
        child = subprocess.run([sys.executable, "-c", CHILD], cwd=ROOT, env=env, check=True,
                               capture_output=True, text=True)
        rows = json.loads(child.stdout.strip().splitlines()[-1])
        return [Figure(**row) for row in rows]
    finally:
        _admin(url, f'DROP DATABASE IF EXISTS "{name}"')


def append(path: Path, figures: list[Figure]) -> None:
    """Add rows to an existing report, marked with when and how they were measured."""
    text = path.read_text(encoding="utf-8").rstrip("\n")
    rows = [f"| {f.name} | {f.value} | {f.goal} | {f.baseline} | {f.how} |" for f in figures]
    stamp = dt.datetime.now(dt.UTC).strftime("%Y-%m-%d %H:%M")
    note = (f"\nRows ending this table after the first run's were added by "
            f"`python -m benchmarks.postgres --append` on {stamp} UTC (PostgreSQL part).\n")
    path.write_text(text + "\n" + "\n".join(rows) + "\n" + note, encoding="utf-8")


if __name__ == "__main__":
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "smartdistrict.settings")
    import django

    django.setup()
    measured = run()
    if "--append" in sys.argv:
        append(ROOT / "docs" / "BENCHMARKS.md", measured)
    for figure in measured:
        print(figure)
