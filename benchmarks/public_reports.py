"""The public reports (/reports/): the list, the map data and the search, by HTTP.

Each is one indexed read limited to a page (the list: 25 reports after a keyset cursor;
the map: the newest 1,500 located reports), whatever the table holds; the search folds
the query and matches word starts in ``Report.search_text`` (a trigram index on
PostgreSQL). Measured: the first page of the list, the list filtered by a ward, the map
data, a search for a common phrase ("rác") and for a rare one, and the second page.

Scale: BENCH_PUBLIC_REPORTS reports stored (demo reports over the city, default
1,000,000; more are seeded when fewer are stored). ``python -m benchmarks.public_reports``
runs it alone (small scale: BENCH_PUBLIC_REPORTS=20000).
"""

from __future__ import annotations

import os
import re
import statistics
import time

from benchmarks.report import Figure

REPORTS = int(os.environ.get("BENCH_PUBLIC_REPORTS", "1000000"))
REPEAT = 20
WARD = "26911"  # phường Bình Quới


def _p50(client, path: str) -> tuple[float, str]:
    for _ in range(2):
        response = client.get(path)
        assert response.status_code == 200, (path, response.status_code)
    timings = []
    for _ in range(REPEAT):
        started = time.perf_counter()
        response = client.get(path)
        timings.append((time.perf_counter() - started) * 1000)
    return statistics.median(timings), response.content.decode()


def run(reports: int | None = None) -> list[Figure]:
    """The figures with ``reports`` stored (default BENCH_PUBLIC_REPORTS; more are seeded
    when fewer are stored)."""
    from django.db import connection
    from django.test import Client

    from smartdistrict.demo.reports import seed_reports
    from smartdistrict.feedback.models import Report

    stored = Report.objects.count()
    wanted = REPORTS if reports is None else reports
    if stored < wanted:
        seed_reports(wanted - stored, seed=1414)
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:  # fresh statistics, as autovacuum would
                cursor.execute("ANALYZE feedback_report")
    stored = Report.objects.count()
    client = Client()
    first, page = _p50(client, "/reports/")
    cursor = re.search(r'href="([^"]+)" id="reports-next"', page)
    second = _p50(client, "/reports/" + cursor.group(1).replace("&amp;", "&"))[0] if cursor \
        else float("nan")
    ward, _ = _p50(client, f"/reports/?unit={WARD}")
    map_all, _ = _p50(client, "/reports/map.json")
    map_ward, _ = _p50(client, f"/reports/map.json?unit={WARD}")
    common, _ = _p50(client, "/reports/?q=rác")
    rare, _ = _p50(client, "/reports/?q=cống+thoát+nước+bị+tắc")
    return [
        Figure(
            name=f"Public reports list (/reports/, 25 a page), {stored:,} stored",
            value=f"first page p50 {first:.0f} ms; second page (cursor) {second:.0f} ms; "
                  f"one ward {ward:.0f} ms",
            goal="p50 ≤ 150 ms at 1,000,000",
            how=f"median of {REPEAT} sequential requests through Django's test client "
                "(in-process: no HTTP); no count of the table",
            holds=max(first, second, ward) <= 150,
        ),
        Figure(
            name=f"Public reports map data (/reports/map.json, newest 1,500), {stored:,} stored",
            value=f"all p50 {map_all:.0f} ms; one ward {map_ward:.0f} ms",
            goal="p50 ≤ 150 ms at 1,000,000",
            how=f"median of {REPEAT} sequential requests; code, state, category, position",
            holds=max(map_all, map_ward) <= 150,
        ),
        Figure(
            name=f"Public reports search (diacritics ignored), {stored:,} stored",
            value=f"common word (rác) p50 {common:.0f} ms; rare phrase {rare:.0f} ms",
            goal="p50 ≤ 200 ms at 1,000,000",
            how=f"median of {REPEAT} sequential requests of /reports/?q=…; word starts in the "
                "folded text (trigram index on PostgreSQL)",
            holds=max(common, rare) <= 200,
        ),
    ]


if __name__ == "__main__":
    import django

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "smartdistrict.settings")
    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0, interactive=False)
    call_command("seed_demo", "--reports", "0", verbosity=0)
    for figure in run():
        print(f"{figure.name}: {figure.value}\n  how: {figure.how}")
