"""The dashboard on the reports table as it stands (a million in `make bench`): the
headline figures from the aggregates against the same figures scanned from
feedback_report (SQL GROUP BY, and DuckDB), the hotspot test for one category, and the
Excel export of 100,000 rows with its memory.

Run by hand: DATABASE_URL=sqlite:////…/dash-bench.sqlite3 python -m benchmarks.dashboard
(after `smartdistrict seed_demo --reports N` into that file).
"""

from __future__ import annotations

import datetime as dt
import os
import statistics
import sys
import tempfile
import time
import tracemalloc
from zoneinfo import ZoneInfo

if __name__ == "__main__":  # run by hand: set Django up before the project's imports
    import django

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "smartdistrict.settings")
    django.setup()

from django.conf import settings
from django.db import connection
from django.db.models import F, Sum
from django.utils import timezone

from benchmarks.report import Figure
from smartdistrict.accounts.selectors import Scope
from smartdistrict.dashboard.export import write_reports
from smartdistrict.dashboard.facts.refresh import facts_refresh
from smartdistrict.dashboard.models import DailyFact, RefreshState, ReportFact
from smartdistrict.dashboard.selectors.figures import figures
from smartdistrict.dashboard.selectors.hotspots import hotspots
from smartdistrict.dashboard.selectors.overdue import overdue_now_count
from smartdistrict.dashboard.selectors.scope import Period, Selection, selection_in_scope
from smartdistrict.feedback.models import OPEN_STATES, Category, Report

RUNS = 30
BASELINE_RUNS = 5
EXPORT_ROWS = 100_000
TZ = ZoneInfo("Asia/Ho_Chi_Minh")
DISTRICT = Selection(scope=Scope(everything=True))


def _p50(function, runs: int) -> tuple[float, object]:
    result = function()  # warm
    timings = []
    for _ in range(runs):
        started = time.perf_counter()
        result = function()
        timings.append((time.perf_counter() - started) * 1000)
    return statistics.median(timings), result


def _bounds(period: Period) -> tuple[dt.datetime, dt.datetime]:
    return (dt.datetime.combine(period.start, dt.time.min, tzinfo=TZ),
            dt.datetime.combine(period.end + dt.timedelta(days=1), dt.time.min, tzinfo=TZ))


# --- the baseline: the same figures scanned from feedback_report --------------------------
def _seconds_between(later: str, earlier: str) -> str:
    """Whole seconds between two columns, in the engine's SQL (the baseline runs on
    SQLite and PostgreSQL alike)."""
    if connection.vendor == "postgresql":
        return f"FLOOR(EXTRACT(EPOCH FROM ({later} - {earlier})))::bigint"
    return (f"CAST(ROUND((julianday({later}) - julianday({earlier})) * 86400) AS INTEGER)")


def _scan_period(cursor, period: Period, wards: str) -> dict:
    low, high = _bounds(period)
    adapt = connection.ops.adapt_datetimefield_value  # UTC text on SQLite, as stored
    params = [adapt(low), adapt(high)]
    cursor.execute(f"SELECT channel, COUNT(*) FROM feedback_report WHERE created_at >= %s "
                   f"AND created_at < %s {wards} GROUP BY channel", params)
    channels = dict(cursor.fetchall())
    cursor.execute(f"SELECT COUNT(*), SUM(CASE WHEN resolved_at <= due_at THEN 1 ELSE 0 END) "
                   f"FROM feedback_report WHERE resolved_at >= %s AND resolved_at < %s {wards}",
                   params)
    resolved, on_time = cursor.fetchone()
    medians = {}
    for name, column in (("response", "first_response_at"), ("resolution", "resolved_at")):
        cursor.execute(
            f"SELECT {_seconds_between(column, 'created_at')} FROM feedback_report "
            f"WHERE {column} >= %s AND {column} < %s {wards}", params)
        values = [row[0] for row in cursor.fetchall()]
        medians[name] = statistics.median(values) if values else None
    cursor.execute(f"SELECT COUNT(*), SUM(rating), SUM(CASE WHEN rating >= 4 THEN 1 ELSE 0 "
                   f"END) FROM feedback_report WHERE rating IS NOT NULL AND rated_at >= %s "
                   f"AND rated_at < %s {wards}", params)
    ratings, rating_sum, good = cursor.fetchone()
    return {"received": sum(channels.values()), "channels": channels, "resolved": resolved,
            "on_time": on_time or 0, "ratings": ratings, "rating_sum": rating_sum or 0,
            "good": good or 0, **medians}


def scan_headline(period: Period, ward_ids: frozenset[int] | None = None) -> dict:
    wards = f"AND ward_id IN ({', '.join(str(int(i)) for i in ward_ids)})" if ward_ids else ""
    with connection.cursor() as cursor:
        found = {"current": _scan_period(cursor, period, wards),
                 "previous": _scan_period(cursor, period.previous(), wards)}
        states = ", ".join(f"'{s}'" for s in OPEN_STATES)
        cursor.execute(f"SELECT COUNT(*) FROM feedback_report WHERE status IN ({states}) "
                       f"AND due_at < %s {wards}",
                       [connection.ops.adapt_datetimefield_value(timezone.now())])
        found["overdue"] = cursor.fetchone()[0]
    return found


def _same(ours, scanned) -> bool:
    now = scanned["current"]
    return (ours.current.received == now["received"]
            and ours.current.resolved == now["resolved"]
            and ours.current.resolved_on_time == now["on_time"]
            and ours.current.ratings == now["ratings"]
            and abs((ours.median_resolution_s or 0) - (now["resolution"] or 0)) <= 1
            and ours.before.received == scanned["previous"]["received"])


# --- DuckDB ---------------------------------------------------------------------------------
def _duckdb_figures() -> list[Figure]:
    import duckdb

    path = settings.DATABASES["default"]["NAME"]
    con = duckdb.connect()
    try:
        con.sql("LOAD sqlite")
    except Exception as error:  # not bundled, and no internet to INSTALL it
        reason = str(error).splitlines()[0][:120]
        return [Figure(
            name="headline figures, DuckDB over the same SQLite file",
            value="not measurable here",
            how=f"duckdb {duckdb.__version__}: the sqlite extension is not bundled and "
                f"`INSTALL sqlite` needs the extension server ({reason}); PyPI's "
                "duckdb-ext-sqlite is built for DuckDB 1.4.4, not the declared 2.x",
        )]
    period = _last_days(30)
    low, high = _bounds(period)

    def query():
        return con.execute(
            "SELECT COUNT(*), median(epoch(resolved_at) - epoch(created_at)) FROM "
            "sqlite_scan(?, 'feedback_report') WHERE created_at >= ? AND created_at < ?",
            [path, low, high]).fetchall()

    p50, _ = _p50(query, BASELINE_RUNS)
    return [Figure(name="headline figures, DuckDB over the same SQLite file",
                   value=f"p50 {p50:.0f} ms", how="duckdb sqlite_scan")]


def _duckdb_copy() -> Figure:
    """DuckDB over an in-memory copy of the report columns (the copy timed apart)."""
    import duckdb

    started = time.perf_counter()
    with connection.cursor() as cursor:
        cursor.execute("SELECT ward_id, channel, created_at, first_response_at, resolved_at, "
                       "due_at, rating, rated_at FROM feedback_report")
        rows = cursor.fetchall()
    import pandas

    frame = pandas.DataFrame(rows, columns=["ward_id", "channel", "created_at",
                                            "first_response_at", "resolved_at", "due_at",
                                            "rating", "rated_at"])
    con = duckdb.connect()
    con.register("frame", frame)
    con.execute("CREATE TABLE r AS SELECT * FROM frame")
    con.unregister("frame")
    del frame
    copied = time.perf_counter() - started
    period = _last_days(30)

    def query():
        found = []
        for part in (period, period.previous()):
            low, high = _bounds(part)
            found.append(con.execute(
                "SELECT count(*) FILTER (WHERE created_at >= $1 AND created_at < $2), "
                "count(*) FILTER (WHERE resolved_at >= $1 AND resolved_at < $2), "
                "count(*) FILTER (WHERE resolved_at >= $1 AND resolved_at < $2 "
                "  AND resolved_at <= due_at), "
                "median(epoch(resolved_at) - epoch(created_at)) FILTER (WHERE resolved_at >= $1 "
                "  AND resolved_at < $2), "
                "median(epoch(first_response_at) - epoch(created_at)) FILTER (WHERE "
                "  first_response_at >= $1 AND first_response_at < $2), "
                "avg(rating) FILTER (WHERE rated_at >= $1 AND rated_at < $2) FROM r",
                [low, high]).fetchall())
            found.append(con.execute(
                "SELECT channel, count(*) FROM r WHERE created_at >= $1 AND created_at < $2 "
                "GROUP BY channel", [low, high]).fetchall())
        return found

    p50, _ = _p50(query, BASELINE_RUNS)
    return Figure(
        name="headline figures, DuckDB over a copy of feedback_report (last 30 days)",
        value=f"p50 {p50:.0f} ms", baseline=f"copy of {len(rows):,} rows: {copied:.1f} s",
        how="the same figures by DuckDB FILTER aggregates and median() over an in-memory "
            "table loaded from the SQLite file by Python (the sqlite extension being "
            "unavailable offline)",
    )


def _last_days(days: int) -> Period:
    last = DailyFact.objects.order_by("-day").values_list("day", flat=True).first()
    last = min(last or timezone.localdate(), timezone.localdate())
    return Period(last - dt.timedelta(days=days - 1), last)


# --- the export ------------------------------------------------------------------------------
def _export_period(rows: int) -> Period:
    """The most recent period holding about ``rows`` reports (from the daily sums)."""
    total, last = 0, None
    for day, received in (DailyFact.objects.values_list("day").annotate(n=Sum("received"))
                          .order_by("-day")):
        last = last or day
        total += received
        if total >= rows:
            return Period(day, last)
    return Period(day, last)


def _export(period: Period, traced: bool) -> tuple[int, float, int]:
    with tempfile.TemporaryFile() as spool:
        if traced:
            tracemalloc.start()
        started = time.perf_counter()
        count = write_reports(spool, DISTRICT, period)
        elapsed = time.perf_counter() - started
        peak = tracemalloc.get_traced_memory()[1] if traced else 0
        if traced:
            tracemalloc.stop()
    return count, elapsed, peak


def run() -> list[Figure]:
    stored = Report.objects.count()
    figures_out: list[Figure] = []
    ReportFact.objects.all().delete()  # a cold rebuild, as on the first run
    RefreshState.objects.all().delete()
    started = time.perf_counter()
    result = facts_refresh(full=True)
    full_s = time.perf_counter() - started
    figures_out.append(Figure(
        name=f"dashboard full refresh, {stored:,} reports",
        value=f"{full_s:.1f} s ({stored / full_s:,.0f} reports/s)",
        how=f"`dashboard_refresh --full`: {result.days} days of sums from per-report facts",
    ))
    settings.DASHBOARD_REFRESH_OVERLAP_SECONDS = 0
    # 1,000 resolved reports spread over the history get their resolution an hour later
    # (an update straight in the table, stamped as a service would).
    resolved = Report.objects.filter(resolved_at__isnull=False)
    step = max(1, resolved.count() // 1000)
    ids = list(resolved.order_by("id").values_list("id", flat=True)[::step][:1000])
    Report.objects.filter(id__in=ids).update(resolved_at=F("resolved_at") + dt.timedelta(hours=1),
                                             updated_at=timezone.now())
    started = time.perf_counter()
    result = facts_refresh()
    figures_out.append(Figure(
        name=f"dashboard incremental refresh, {len(ids):,} reports changed",
        value=f"{(time.perf_counter() - started) * 1000:.0f} ms",
        how=f"{result.changed} facts rewritten, {result.days} days (and their months) rebuilt; "
            "what the periodic job does every DASHBOARD_REFRESH_MINUTES",
    ))

    for days in (30, 365):
        period = _last_days(days)
        ours, found = _p50(lambda p=period: figures(DISTRICT, p), RUNS)
        base, scanned = _p50(lambda p=period: scan_headline(p), BASELINE_RUNS)
        figures_out.append(Figure(
            name=f"headline figures from the aggregates, district, last {days} days",
            value=f"p50 {ours:.1f} ms ({base / ours:.0f}× faster than the scan; same values: "
                  f"{'yes' if _same(found, scanned) else 'NO'})",
            goal="≤ 100 ms on 1,000,000 reports" if days == 30 else "",
            baseline=f"p50 {base:.0f} ms: SQL over feedback_report (GROUP BY channel, "
                     "counts, medians of durations), both periods",
            how=f"`figures()`: {stored:,} reports; received, resolved, on time, overdue now, "
                "two medians, ratings, channels, breakdowns, each with the previous period",
        ))
    ward = selection_in_scope(Scope(everything=True), "26944")
    period = _last_days(30)
    ours, found = _p50(lambda: figures(ward, period), RUNS)
    base, scanned = _p50(lambda: scan_headline(period, ward.ward_ids), BASELINE_RUNS)
    figures_out.append(Figure(
        name="headline figures from the aggregates, ward Gia Định (and its 11 predecessors), "
             "last 30 days",
        value=f"p50 {ours:.1f} ms (same values: {'yes' if _same(found, scanned) else 'NO'})",
        goal="≤ 100 ms", baseline=f"p50 {base:.0f} ms (SQL scan)",
        how="`figures()` with the ward's territory through time",
    ))
    live, _ = _p50(lambda: overdue_now_count(DISTRICT), RUNS)
    live_ward, _ = _p50(lambda: overdue_now_count(ward), RUNS)
    figures_out.append(Figure(
        name="'overdue now' read live from feedback_report",
        value=f"p50 {live:.1f} ms district, {live_ward:.1f} ms one ward",
        how="`overdue_now()` count on the partial indexes of open reports "
            "(report_open_due, report_open_ward)",
    ))
    figures_out.extend(_duckdb_figures())
    figures_out.append(_duckdb_copy())

    theft = Category.objects.filter(code="trom-cap").first()
    for days in (30, 365):
        period = _last_days(days)
        p50, spots = _p50(lambda p=period: hotspots(DISTRICT, p, theft.id if theft else None),
                          5)
        figures_out.append(Figure(
            name=f"hotspots (Gi*) for theft, last {days} days",
            value=f"p50 {p50:.0f} ms ({len(spots.cells)} cells, {spots.hot} hot, "
                  f"{spots.total:,} reports)",
            goal="≤ 2 s",
            how="H3 res 9 counts from the facts' covering index, esda G_Local (star, binary "
                "weights), Benjamini–Hochberg at 0.05",
        ))

    small = _export_period(10_000)
    large = _export_period(EXPORT_ROWS)
    count, elapsed, _ = _export(large, traced=False)
    small_count, _, small_peak = _export(small, traced=True)
    large_count, _, large_peak = _export(large, traced=True)
    figures_out.append(Figure(
        name=f"Excel export of {count:,} report rows (streamed)",
        value=f"{elapsed:.1f} s ({count / elapsed:,.0f} rows/s); peak Python memory "
              f"{large_peak / 2**20:.1f} MiB for {large_count:,} rows vs "
              f"{small_peak / 2**20:.1f} MiB for {small_count:,}",
        goal="memory flat",
        how="openpyxl write-only workbook to a temporary file, rows read in chunks of "
            "2,000 by id; peak by tracemalloc (a separate run)",
    ))
    return figures_out


if __name__ == "__main__":
    for figure in run():
        print(f"| {figure.name} | {figure.value} | {figure.goal} | {figure.baseline} | "
              f"{figure.how} |", file=sys.stdout, flush=True)
