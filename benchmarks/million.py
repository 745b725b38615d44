"""``make bench`` on PostgreSQL, after benchmarks/scale.py: the whole city (issue 12,
acceptance 6), the public reports (issue 14) and the survey (issue 17) at the run's
largest size.

Measured on the database scale.py grew (a million reports by default): nothing is seeded
again, since seeding a million reports alone takes minutes. Each part reads the database as
it stands and depends on no other part's leftovers, so they may run in any order; the one
that writes reports (``report_create`` city-wide, about 1,800) runs after the reads so that
they all see the same count, and the survey, which loads its answers and removes them after,
runs last. Each figure is written into the section "million" of docs/BENCHMARKS.md as soon
as it is measured (a crash keeps what was measured); a part that fails is written as not
measured and the run goes on, then fails at the end.

By hand, on the database a run left (printed and written):
``DATABASE_URL=postgres://…/pgscale_bench python -m benchmarks.million``.
"""

from __future__ import annotations

import datetime as dt
import os
import sys
import time
import traceback
from collections.abc import Callable
from pathlib import Path

if __name__ == "__main__":  # run by hand: set Django up before the project's imports
    import django

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "smartdistrict.settings")
    django.setup()

from django.db import connection

from benchmarks import city, http_lookup, public_reports, survey
from benchmarks.report import Figure, replace_section
from benchmarks.scale import load_average, log
from benchmarks.scale_report import engine
from smartdistrict.feedback.models import Report

OUTPUT = Path(__file__).resolve().parent.parent / "docs" / "BENCHMARKS.md"

# (issue, what, the part): each returns its figures, measured on the database as it stands;
# a part is given the reports stored and the survey's answers.
PARTS: list[tuple[str, str, Callable[[int, int], list[Figure]]]] = [
    ("12", "batch point → unit", lambda stored, answers: [city.batch_lookup()]),
    ("12", "single point lookup over HTTP", lambda stored, answers: http_lookup.run()),
    ("12", "console queues", lambda stored, answers: [city.queues()]),
    ("12", "dashboard: city figures and ranking", lambda stored, answers: city.dashboard()),
    ("14", "public reports", lambda stored, answers: public_reports.run(reports=stored)),
    ("12", "report_create city-wide", lambda stored, answers: [city.intake()]),
    ("17", "survey", lambda stored, answers: survey.run(answers=answers)),
]


def _database_mb() -> str:
    if connection.vendor != "postgresql":
        return ""
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_database_size(current_database())")
        return f", database {cursor.fetchone()[0] / 2**20:,.0f} MB"


def _holds(figure: Figure) -> str:
    return {True: "✓", False: "✗"}.get(figure.holds, "")


def render(rows: list[tuple[str, Figure]], *, size: int, started: dt.datetime, load: str,
           where: str = "") -> str:
    """The section: one row per figure with its goal, same-run baseline, how, and ✓/✗."""
    lines = [
        "<!-- million:start -->",
        f"## PostgreSQL at {size:,} reports: the whole city (issue 12), public reports "
        "(issue 14), the survey (issue 17)",
        "",
        f"Written by the same `make bench` run as the section \"PostgreSQL at city scale\" "
        f"below (benchmarks/million.py, after benchmarks/scale.py), started "
        f"{started:%Y-%m-%d %H:%M} UTC, on {engine()}, {os.cpu_count()} cores (load average "
        f"1/5 min {load}), on the "
        f"database that run grew to {size:,} reports{where}: nothing seeded again. The reads "
        "come first; `report_create` city-wide then adds its reports; the survey loads its "
        "answers last and removes them.",
        "",
        "| issue | figure | value | goal | baseline (same run) | how | holds |",
        "|---|---|---|---|---|---|---|",
    ]
    for issue, f in rows:
        lines.append(f"| {issue} | {f.name} | {f.value} | {f.goal} | {f.baseline} | {f.how} | "
                     f"{_holds(f)} |")
    lines += ["", "<!-- million:end -->"]
    return "\n".join(lines)


def main(largest: int = 0, path: Path = OUTPUT) -> bool:
    """Every part on the database as it stands. The survey's answers: BENCH_SURVEY_ANSWERS,
    else ``largest`` (the run's largest size), else as many as the reports stored. True
    when every part measured."""
    size = Report.objects.count()
    answers = int(os.environ.get("BENCH_SURVEY_ANSWERS", largest or size))
    started, load_start = dt.datetime.now(dt.UTC), load_average()
    where = _database_mb()
    rows: list[tuple[str, Figure]] = []
    failed = []
    for issue, what, part in PARTS:
        log(f"million: {what} (load {load_average()})")
        begun = time.perf_counter()
        try:
            figures = part(size, answers)
        except Exception as error:  # written as not measured; the other parts still run
            traceback.print_exc()
            failed.append(what)
            figures = [Figure(name=what, value=f"not measured ({type(error).__name__}: "
                                               f"{error})".replace("\n", " "), holds=False)]
        rows.extend((issue, f) for f in figures)
        for f in figures:
            log(f"  {f.name}: {f.value} {_holds(f)}")
        log(f"  ({time.perf_counter() - begun:.0f} s)")
        replace_section(path, "million", render(
            rows, size=size, started=started, load=f"{load_start} → {load_average()}",
            where=where))
    if failed:
        print(f"million: not measured: {', '.join(failed)}", file=sys.stderr, flush=True)
    return not failed


if __name__ == "__main__":
    sys.exit(0 if main() else 1)
