"""Satisfaction indices for every unit over a year (1,000,000 answers in `make bench`):
read from the monthly tallies, against the same figures computed by SQL over the raw
answers, in the same run; both must agree.

Scale: BENCH_SURVEY_ANSWERS (default 1,000,000). Run by hand at a small scale:
DATABASE_URL=sqlite:////…/survey-bench.sqlite3 BENCH_SURVEY_ANSWERS=20000 \
    python -m benchmarks.survey   (after migrate and `smartdistrict pack_load hcmc --commit`)
"""

from __future__ import annotations

import datetime as dt
import os
import random
import secrets
import statistics
import sys
import time
from zoneinfo import ZoneInfo

if __name__ == "__main__":  # run by hand: set Django up before the project's imports
    import django

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "smartdistrict.settings")
    django.setup()

from django.db import connection, transaction

from benchmarks.report import Figure
from smartdistrict.accounts.selectors import Scope
from smartdistrict.geography.models import Level, Unit
from smartdistrict.survey import selectors
from smartdistrict.survey.models import (
    SCORE_FIELDS,
    Counter,
    Dossier,
    Procedure,
    Response,
    UnitProcedure,
)
from smartdistrict.survey.questionnaire import ELEMENTS
from smartdistrict.survey.selectors import Months
from smartdistrict.survey.services.tallies import tallies_rebuild

ANSWERS = int(os.environ.get("BENCH_SURVEY_ANSWERS", "1000000"))
YEAR = 2025
RUNS = 30
BASELINE_RUNS = 5
BATCH = 20_000
PREFIX = "BENCH-"
TZ = ZoneInfo("Asia/Ho_Chi_Minh")
EVERYTHING = Scope(everything=True)


def _catalogue() -> tuple[list[Unit], list[Procedure], dict[int, list[Counter]]]:
    units = list(Unit.objects.filter(level=Level.WARD).valid_on(dt.date(YEAR, 12, 31)))
    procedures = [Procedure.objects.update_or_create(code=f"{PREFIX}P{n}", defaults={
        "name": f"Thủ tục đo hiệu năng {n}", "field": "Đo hiệu năng", "time_limit_days": n,
    })[0] for n in range(5)]
    UnitProcedure.objects.bulk_create(
        [UnitProcedure(unit=u, procedure=p) for u in units for p in procedures],
        ignore_conflicts=True)
    Counter.objects.bulk_create(
        [Counter(unit=u, code=f"{PREFIX}Q{n}", name=f"Quầy {n}") for u in units for n in (1, 2)],
        ignore_conflicts=True)
    counters: dict[int, list[Counter]] = {}
    for counter in Counter.objects.filter(code__startswith=PREFIX):
        counters.setdefault(counter.unit_id, []).append(counter)
    return units, procedures, counters


def populate(count: int = ANSWERS, seed: int = 7) -> None:
    """``count`` answers over YEAR in every ward, in bulk; then the tallies from them."""
    units, procedures, counters = _catalogue()
    rng = random.Random(seed)
    start = dt.datetime(YEAR, 1, 1, tzinfo=TZ)
    seconds = int((dt.datetime(YEAR + 1, 1, 1, tzinfo=TZ) - start).total_seconds())
    weights = {u.id: rng.choice(((1, 2, 5, 40, 30), (4, 6, 10, 30, 20), (8, 10, 20, 30, 15)))
               for u in units}
    done = 0
    while done < count:
        size = min(BATCH, count - done)
        dossiers, answers = [], []
        for n in range(done, done + size):
            unit = units[n % len(units)]
            when = start + dt.timedelta(seconds=rng.randrange(seconds))
            dossier = Dossier(code=f"{PREFIX}{n:08d}", token=secrets.token_urlsafe(12),
                              unit=unit, procedure=procedures[n % 5],
                              counter=counters[unit.id][n % 2], returned_at=when)
            dossiers.append(dossier)
            scores = {k: rng.choices((1, 2, 3, 4, 5), weights[unit.id])[0] for k in SCORE_FIELDS}
            if n % 3:
                scores["feedback"] = None
            answers.append((dossier, when, scores))
        with transaction.atomic():
            Dossier.objects.bulk_create(dossiers, batch_size=5000)
            if dossiers[0].pk is None:
                ids = dict(Dossier.objects.filter(code__in=[d.code for d in dossiers])
                           .values_list("code", "id"))
                for dossier in dossiers:
                    dossier.pk = dossier.id = ids[dossier.code]
            Response.objects.bulk_create([
                Response(dossier_id=d.pk, unit_id=d.unit_id, procedure_id=d.procedure_id,
                         counter_id=d.counter_id, answered_at=when, channel="qr",
                         **{SCORE_FIELDS[k]: v for k, v in scores.items()})
                for d, when, scores in answers], batch_size=5000)
        done += size
        print(f"  {done:,} answers", file=sys.stderr, flush=True)


def raw_sql_by_unit(months: Months) -> dict[int, dict]:
    """The baseline: the same indices by one GROUP BY over survey_response."""
    low = dt.datetime.combine(months.start, dt.time.min, tzinfo=TZ)
    high = dt.datetime.combine(months.last_day + dt.timedelta(days=1), dt.time.min, tzinfo=TZ)
    adapt = connection.ops.adapt_datetimefield_value
    columns = []
    for field in SCORE_FIELDS.values():
        columns += [f"COUNT({field})", f"SUM(CASE WHEN {field} >= 4 THEN 1 ELSE 0 END)"]
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT unit_id, COUNT(*), {', '.join(columns)} FROM survey_response "
            "WHERE answered_at >= %s AND answered_at < %s GROUP BY unit_id",
            [adapt(low), adapt(high)])
        rows = cursor.fetchall()
    found = {}
    for row in rows:
        values, shares = list(row[2:]), {}
        for i, item in enumerate(SCORE_FIELDS):
            n, sat = values[2 * i], values[2 * i + 1] or 0
            shares[item] = 100 * sat / n if n else None
        present = [shares[e] for e in ELEMENTS if shares[e] is not None]
        found[row[0]] = {"responses": row[1], "overall": sum(present) / len(present)}
    return found


def _p50(function, runs: int) -> tuple[float, object]:
    result = function()
    timings = []
    for _ in range(runs):
        started = time.perf_counter()
        result = function()
        timings.append((time.perf_counter() - started) * 1000)
    return statistics.median(timings), result


def _clean() -> None:
    """Remove the bench's rows; the tallies are rebuilt from whatever answers remain."""
    Response.objects.filter(dossier__code__startswith=PREFIX).delete()
    Dossier.objects.filter(code__startswith=PREFIX).delete()
    UnitProcedure.objects.filter(procedure__code__startswith=PREFIX).delete()
    Counter.objects.filter(code__startswith=PREFIX).delete()
    Procedure.objects.filter(code__startswith=PREFIX).delete()
    tallies_rebuild()


def run(answers: int | None = None) -> list[Figure]:
    """The figures over ``answers`` answers (default BENCH_SURVEY_ANSWERS), removed after."""
    answers = ANSWERS if answers is None else answers
    started = time.perf_counter()
    populate(answers)
    loaded = time.perf_counter() - started
    started = time.perf_counter()
    tallies = tallies_rebuild()
    rebuild = time.perf_counter() - started
    months = Months.year(YEAR)
    try:
        ours_ms, lines = _p50(lambda: selectors.by_unit(EVERYTHING, months), RUNS)
        raw_ms, raw = _p50(lambda: raw_sql_by_unit(months), BASELINE_RUNS)
        same = len(lines) == len(raw) and all(
            line.indices.responses == raw[line.key]["responses"]
            and abs(line.indices.overall - raw[line.key]["overall"]) < 1e-9 for line in lines)
        trend_ms, _trend = _p50(lambda: selectors.by_month(EVERYTHING, months), RUNS)
    finally:
        _clean()
    return [Figure(
        name=f"Satisfaction indices of all {len(lines)} units for a year, "
             f"{answers:,} answers",
        value=f"p50 {ours_ms:.1f} ms from {tallies:,} monthly tallies (trend by month "
              f"{trend_ms:.1f} ms); {'same figures' if same else 'FIGURES DIFFER'} as the "
              "baseline",
        goal="≤ 200 ms, from aggregates",
        baseline=f"SQL GROUP BY over the raw answers: p50 {raw_ms:.0f} ms",
        how=f"`survey.selectors.by_unit` (five elements, general question, overall) for "
            f"{YEAR}; answers bulk-loaded in {loaded:.0f} s, tallies rebuilt in "
            f"{rebuild:.0f} s; {RUNS} runs ({BASELINE_RUNS} for the baseline)",
        holds=ours_ms <= 200 and same,
    )]


if __name__ == "__main__":
    for figure in run():
        print(figure)
