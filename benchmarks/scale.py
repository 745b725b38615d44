"""``make bench`` on PostgreSQL at city scale (issue 18, acceptance 1–2).

One run measures, at each size of BENCH_SCALES (default 100,000 and 1,000,000 reports),
every figure with its same-run baseline, then the growth of each from the first size to
the others. The database grows from one size to the next (seeded by COPY, then VACUUM
ANALYZE as autovacuum would); each size's figures are measured on it as it stands:

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

Run: ``BENCH_DATABASE_URL=postgres://postgres@127.0.0.1:5432/pgscale_bench make bench``
(docs/BENCHMARKS.md, section "PostgreSQL at city scale", is rewritten, as each part is
measured; the rest of the file is kept; then benchmarks/million.py measures the rest at
the largest size, on the database as this left it). BENCH_SCALES=20000,50000 for a quick
run. Some parts again, by hand, on the database a run left (printed, nothing written):
``DATABASE_URL=postgres://…/pgscale_bench python -m benchmarks.scale headline refreshes``.
"""

from __future__ import annotations

import datetime as dt
import os
import statistics
import sys
import time

if __name__ == "__main__":  # run by hand: set Django up before the project's imports
    import django

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "smartdistrict.settings")
    django.setup()

from django.conf import settings
from django.db import connection
from django.db.models import F
from django.test import Client
from django.utils import timezone

from benchmarks import open311, report_intake
from benchmarks.console import queue_statements, raw_ms
from benchmarks.dashboard import DISTRICT, _last_days, scan_headline
from benchmarks.scale_report import Measure, Scale, render, write_section
from benchmarks.server import gunicorn
from smartdistrict.accounts.models import Role, User
from smartdistrict.dashboard.facts import daily
from smartdistrict.dashboard.facts.refresh import facts_refresh
from smartdistrict.dashboard.models import RefreshState, ReportFact
from smartdistrict.dashboard.selectors.figures import figures
from smartdistrict.demo.reports import seed_reports
from smartdistrict.feedback.models import Report
from smartdistrict.open311.models import Open311Submission
from smartdistrict.open311.services import api_key_create

SCALES = [int(s) for s in os.environ.get("BENCH_SCALES", "100000,1000000").split(",") if s]
RUNS = int(os.environ.get("BENCH_RUNS", "20"))
GETS = int(os.environ.get("BENCH_GETS", "100"))
POSTS = int(os.environ.get("BENCH_OPEN311_POSTS", "1000"))
CHANGES = 1_000


def log(message: str) -> None:
    print(f"[{dt.datetime.now(dt.UTC):%H:%M:%S}] {message}", file=sys.stderr, flush=True)


def load_average() -> str:
    one, five, _ = os.getloadavg()
    return f"{one:.1f}/{five:.1f}"


def _p50(values: list[float]) -> float:
    return statistics.median(values)


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


# --- intake ---------------------------------------------------------------------------------
def intake(scale: Scale) -> None:
    from smartdistrict.feedback.services.intake import report_create
    from smartdistrict.feedback.suggestions import current_suggester

    current_suggester()
    report_create(data=report_intake._inputs(scale.size + 99)[0])
    rounds = [report_intake._service_rate(report_intake._inputs(scale.size + r))
              for r in range(3)]
    baseline = max(report_intake._orm_rate(report_intake._inputs(scale.size + 10 + r))
                   for r in range(3))
    best = max(rounds)
    scale.measures["report_create"] = Measure(
        best, f"{best:,.0f}/s (rounds " + ", ".join(f"{r:,.0f}" for r in rounds) + ")",
        f"bare ORM insert {baseline:,.0f}/s", rate=True)


def open311_post(scale: Scale) -> None:
    key, raw_key = api_key_create(name=f"scale bench {scale.size}")
    with gunicorn(workers=2, HUEY_IMMEDIATE="false") as port:
        open311._post_round(port, raw_key, range(open311.WARMUP))
        statuses, elapsed = open311._post_round(
            port, raw_key, range(open311.WARMUP, open311.WARMUP + POSTS))
    sent, ok = len(statuses), sum(1 for s in statuses if s == 200)
    descriptions = list(Open311Submission.objects.filter(api_key=key)
                        .values_list("report__description", flat=True))
    expected = open311.WARMUP + sent
    lost = expected - len(set(descriptions))
    duplicated = len(descriptions) - len(set(descriptions))
    rate = sent / elapsed
    scale.measures["open311_post"] = Measure(
        rate, f"{rate:,.0f}/s; {ok:,} of {sent:,} answered 200; {lost} lost, "
              f"{duplicated} duplicated", "", rate=True)


def open311_get(scale: Scale) -> None:
    baseline = open311._baseline()
    timings, baselines = [], []
    with gunicorn(workers=1) as port:
        for _ in range(3):
            open311._get(port, "/open311/v2/requests.json")
            baseline()
        for _ in range(GETS):
            status, _size, elapsed = open311._get(port, "/open311/v2/requests.json")
            assert status == 200
            timings.append(elapsed)
            baselines.append(baseline())
    ours, base = _p50(timings), _p50(baselines)
    scale.measures["open311_get"] = Measure(
        ours, f"p50 {ours:.1f} ms ({ours / base:.2f}× baseline)",
        f"raw SQL + orjson p50 {base:.1f} ms", ok=ours / base <= 1.5)


# --- the console ----------------------------------------------------------------------------
def _accounts() -> list[tuple[str, User]]:
    found = [("administrator", User.objects.get(username="admin"))]
    operator = User.objects.filter(role=Role.HOTLINE_OPERATOR, is_active=True).order_by(
        "username").first()
    if operator:
        found.append(("hotline operator", operator))
    found.append(("ward officer", User.objects.get(username="canbo.binhquoi")))
    found.append(("department staff", User.objects.get(username="kthtdt.thanhmytay")))
    return found


def console(scale: Scale) -> None:
    views = []
    for label, user in _accounts():
        client = Client()
        client.force_login(user)
        for overdue in (False, True):
            path = "/console/?overdue=on" if overdue else "/console/"
            for _ in range(2):
                assert client.get(path).status_code == 200
            views.append((label, queue_statements(user, overdue), overdue, client, path))
    times: dict[int, list[float]] = {i: [] for i in range(len(views))}
    floors: dict[int, list[float]] = {i: [] for i in range(len(views))}
    for _ in range(RUNS):  # the views take turns, so all meet the same load
        for i, (_label, statements, _overdue, client, path) in enumerate(views):
            started = time.perf_counter()
            assert client.get(path).status_code == 200
            times[i].append((time.perf_counter() - started) * 1000)
            floors[i].append(raw_ms(statements))
    for i, (label, _sql, overdue, _client, _path) in enumerate(views):
        ours, floor = _p50(times[i]), _p50(floors[i])
        name = f"console: {label}, {'overdue only' if overdue else 'open queue'}"
        scale.measures[name] = Measure(ours, f"p50 {ours:.0f} ms",
                                       f"its SQL on a raw cursor p50 {floor:.1f} ms")


# --- the dashboard --------------------------------------------------------------------------
def headline(scale: Scale) -> None:
    for days in (30, 365):
        period = _last_days(days)
        figures(DISTRICT, period)
        ours = []
        for _ in range(RUNS):
            started = time.perf_counter()
            figures(DISTRICT, period)
            ours.append((time.perf_counter() - started) * 1000)
        scans = []
        for _ in range(3):
            started = time.perf_counter()
            scan_headline(period)
            scans.append((time.perf_counter() - started) * 1000)
        p50 = _p50(ours)
        scale.measures[f"headline figures, {days} days"] = Measure(
            p50, f"p50 {p50:.0f} ms", f"scan of feedback_report p50 {_p50(scans):,.0f} ms")


def _refresh_ms() -> tuple[float, object]:
    started = time.perf_counter()
    result = facts_refresh()
    return (time.perf_counter() - started) * 1000, result


def refreshes(scale: Scale) -> None:
    settings.DASHBOARD_REFRESH_OVERLAP_SECONDS = 0
    facts_refresh()  # the watermark past the measurements above
    resolved = Report.objects.filter(resolved_at__isnull=False)
    step = max(1, resolved.count() // CHANGES)
    spread = list(resolved.order_by("id").values_list("id", flat=True)[::step][:CHANGES])
    Report.objects.filter(id__in=spread).update(
        resolved_at=F("resolved_at") + dt.timedelta(hours=1), updated_at=timezone.now())
    spread_ms, spread_result = _refresh_ms()
    recent = list(Report.objects.order_by("-id").values_list("id", flat=True)[:CHANGES])
    minutes = 20 + int(time.time()) % 40  # differs from any earlier run on this database
    Report.objects.filter(id__in=recent).update(
        first_response_at=F("created_at") + dt.timedelta(minutes=minutes),
        updated_at=timezone.now())
    recent_ms, recent_result = _refresh_ms()
    started = time.perf_counter()
    daily.rebuild_days(None)  # the baseline: every day's sums re-aggregated from the facts
    rebuild_ms = (time.perf_counter() - started) * 1000
    base = f"re-aggregating every day's sums {rebuild_ms:,.0f} ms"
    scale.measures["refresh after 1,000 changes spread"] = Measure(
        spread_ms, f"{spread_ms:,.0f} ms ({spread_result.changed:,} facts, "
                   f"{spread_result.days:,} days)", base)
    scale.measures["refresh after 1,000 recent changes"] = Measure(
        recent_ms, f"{recent_ms:,.0f} ms ({recent_result.changed:,} facts, "
                   f"{recent_result.days:,} days)", base)


def main() -> None:
    started = dt.datetime.now(dt.UTC)
    scales, loads = [], []
    for size in SCALES:
        scale = Scale(size)
        load_start = load_average()
        log(f"growing to {size:,} reports (load {load_start})")
        grow_to(size, scale)
        for part in (console, headline, open311_get, intake, open311_post, refreshes):
            log(f"{size:,}: {part.__name__} (load {load_average()})")
            part(scale)  # what is measured is written at once: it survives a crash
            write_section(render([*scales, scale], started,
                                 [*loads, f"{size:,}: {load_start} → {load_average()}"]))
        loads.append(f"{size:,}: {load_start} → {load_average()}")
        scales.append(scale)
        write_section(render(scales, started, loads))
        log(f"{size:,} done")
    print(render(scales, started, loads))


PARTS = {part.__name__: part for part in (console, headline, open311_get, intake,
                                           open311_post, refreshes)}

if __name__ == "__main__":  # by hand: some parts on the database as it stands, printed
    chosen = sys.argv[1:] or list(PARTS)
    here = Scale(Report.objects.count())
    load = load_average()
    for name in chosen:
        log(f"{here.size:,}: {name} (load {load_average()})")
        PARTS[name](here)
    print(render([here], dt.datetime.now(dt.UTC), [f"{here.size:,}: {load} → {load_average()}"]))
