"""Issue 12, acceptance 6: the platform at the scale of a whole city (168 units).

- batch point → unit over the city's polygons, against raw Shapely ``contains_xy`` over
  the same prepared polygons, the two interleaved round by round so both meet the same
  machine load (goal ≥ 1,000,000 points/s and ≥ 0.5× the baseline);
- ``report_create`` at points anywhere in the city against points in the demo profile's
  focus units (the five wards of the former Bình Thạnh), interleaved (goal ≥ 0.9×);
- the staff console's queue for the city hotline operator and for one ward officer
  (goal p50 ≤ 150 ms);
- the dashboard's city headline figures with the ranking of the units per 1,000
  residents for the last 30 days, as the city page computes them (goal ≤ 100 ms), and a
  ward's page (its figures and its rank among the city's units).

Points are drawn where residents live: each unit gets a share of the points in proportion
to its population (the pack's data), uniformly inside its official boundary.

``make bench`` runs ``run()`` on its database (a million reports). By hand, at any scale,
on SQLite or PostgreSQL (the database is prepared first: configuration, demo accounts,
BENCH_CITY_REPORTS reports, the dashboard's facts):

    DATABASE_URL=sqlite:///$PWD/var/city-bench.sqlite3 BENCH_CITY_REPORTS=20000 \\
        BENCH_CITY_POINTS=200000 .venv/bin/python -m benchmarks.city
"""

from __future__ import annotations

import os
import random
import statistics
import sys
import time
from collections.abc import Callable

if __name__ == "__main__":  # run by hand: set Django up before the project's imports
    import django

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "smartdistrict.settings")
    django.setup()

import numpy as np
import shapely
from django.db import connection
from django.test import Client
from django.utils import timezone

from benchmarks.console import queue_statements, raw_ms
from benchmarks.dashboard import scan_headline
from benchmarks.report import Figure
from smartdistrict.accounts.models import Role, User
from smartdistrict.accounts.selectors import Scope
from smartdistrict.dashboard.forms import default_period
from smartdistrict.dashboard.selectors.figures import figures
from smartdistrict.dashboard.selectors.ranking import ranking, sums_of
from smartdistrict.dashboard.selectors.scope import Selection, selection_in_scope
from smartdistrict.demo.draws import points_in
from smartdistrict.demo.profile import demo_profile
from smartdistrict.feedback.models import Category, Report
from smartdistrict.feedback.report_input import Contact, Place, ReportInput
from smartdistrict.feedback.services.intake import report_create
from smartdistrict.feedback.suggest.demo_texts import demo_description
from smartdistrict.feedback.suggestions import current_suggester
from smartdistrict.geography.index import get_index
from smartdistrict.geography.selectors import lookup_points

POINTS = int(os.environ.get("BENCH_CITY_POINTS", "1000000"))
LOOKUP_ROUNDS = 5
CREATE = int(os.environ.get("BENCH_CITY_CREATE", "300"))  # reports per round and place
CREATE_ROUNDS = 3
PAGE_RUNS = 30
SCAN_RUNS = 3  # the baseline of the dashboard: a scan of every report of the period


# --- helpers -----------------------------------------------------------------------------
def resident_points(rng: np.random.Generator, count: int,
                    unit_ids: list[int] | None = None) -> tuple[np.ndarray, np.ndarray]:
    """(lats, lons): ``count`` points over today's units (or ``unit_ids``), each unit's
    share by its population, uniform inside its boundary."""
    index = get_index()
    units = [r.id for r in index.wards_on(timezone.localdate())
             if r.id in index.boundaries and (unit_ids is None or r.id in unit_ids)]
    weights = np.array([index.population.get(u, 0) or 1 for u in units], dtype=float)
    drawn = rng.choice(len(units), count, p=weights / weights.sum())
    lats, lons = np.empty(count), np.empty(count)
    for position in np.unique(drawn):
        slots = np.flatnonzero(drawn == position)
        lat, lon = points_in(index.boundaries[units[position]], rng, len(slots),
                              np.empty((0, 3)), 0.0)
        lats[slots], lons[slots] = lat, lon
    order = rng.permutation(count)  # not grouped by unit, as reports arrive
    return lats[order], lons[order]


def interleaved(functions: dict[str, Callable[[], object]], rounds: int) -> dict[str, list[float]]:
    """Seconds per call of each function, the functions taking turns round after round."""
    times: dict[str, list[float]] = {name: [] for name in functions}
    for _ in range(rounds):
        for name, function in functions.items():
            started = time.perf_counter()
            function()
            times[name].append(time.perf_counter() - started)
    return times


def _p(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(len(ordered) * share))]


# --- batch point → unit ------------------------------------------------------------------
def contains_baseline(geometries, lons: np.ndarray, lats: np.ndarray) -> np.ndarray:
    """The plainest correct use of Shapely: every prepared polygon against every point."""
    result = np.full(len(lons), -1)
    for position, geometry in enumerate(geometries):
        result[shapely.contains_xy(geometry, lons, lats)] = position
    return result


def batch_lookup() -> Figure:
    index = get_index()
    today = timezone.localdate()
    period = index.period(today)
    geometries = period.geometries  # prepared by the index: the baseline is entitled to it
    lats, lons = resident_points(np.random.default_rng(2026), POINTS)
    lookup_points(lats[:10], lons[:10], today)  # warm
    ours = lookup_points(lats, lons, today)
    regions = contains_baseline(geometries, lons, lats)
    expected = np.array([period.regions[r].candidates[0] if r >= 0 and len(
        period.regions[r].candidates) == 1 else -1 for r in regions])
    agree = float(np.mean(ours == expected))
    times = interleaved({
        "ours": lambda: lookup_points(lats, lons, today),
        "baseline": lambda: contains_baseline(geometries, lons, lats),
    }, LOOKUP_ROUNDS)
    rate = POINTS / min(times["ours"])
    base = POINTS / min(times["baseline"])
    ratios = [b / o for o, b in zip(times["ours"], times["baseline"], strict=True)]
    return Figure(
        name=f"batch point → unit, the city's {len(geometries)} units (interleaved)",
        value=f"{rate:,.0f} points/s ({rate / base:.2f}× baseline, best of {LOOKUP_ROUNDS}; "
              f"per-round ratio median {statistics.median(ratios):.2f}×; same unit as the "
              f"baseline for {agree:.4%} of points)",
        goal="≥ 1,000,000 points/s and ≥ 0.5× baseline",
        baseline=f"{base:,.0f} points/s (`contains_xy` of every prepared polygon on every "
                 "point)",
        how=f"`lookup_points` on {POINTS:,} points where residents live (units by "
            "population, uniform inside each official boundary); rounds of ours and the "
            "baseline alternate",
        holds=rate >= 1_000_000 and rate / base >= 0.5,
    )


# --- report_create: city-wide against the five focus wards ------------------------------
def _intake_rows(rng: random.Random, lats, lons) -> list[ReportInput]:
    codes = [c for c in Category.objects.filter(active=True).values_list("code", flat=True)
             if not Category.objects.get(code=c).attributes.filter(required=True).exists()]
    rows = []
    for lat, lon in zip(lats, lons, strict=True):
        code = rng.choice(codes)
        rows.append(ReportInput(category=code, description=demo_description(code, rng),
                                place=Place(lat=float(lat), lon=float(lon)),
                                contact=Contact(phone="0912345678")))
    return rows


def intake() -> Figure:
    index = get_index()
    focus = sorted(demo_profile(timezone.localdate()).focus)
    rng, pyrng = np.random.default_rng(12), random.Random(12)
    batches: dict[str, list[list[ReportInput]]] = {"city": [], "five": []}
    for _ in range(CREATE_ROUNDS + 1):
        batches["city"].append(_intake_rows(pyrng, *resident_points(rng, CREATE)))
        batches["five"].append(_intake_rows(pyrng, *resident_points(rng, CREATE, focus)))
    current_suggester()  # trained or loaded once per process: not part of a report's cost
    for place in ("city", "five"):  # warm each path once
        for row in batches[place].pop()[:20]:
            report_create(data=row)
    cursor = {"city": iter(batches["city"]), "five": iter(batches["five"])}

    def create(place: str) -> None:
        for row in next(cursor[place]):
            report_create(data=row)

    times = interleaved({"city": lambda: create("city"), "five": lambda: create("five")},
                        CREATE_ROUNDS)
    city, five = CREATE / min(times["city"]), CREATE / min(times["five"])
    names = ", ".join(index.units[u].name for u in focus)
    return Figure(
        name=f"report_create city-wide against the {len(focus)} focus wards "
             f"({Report.objects.count():,} stored)",
        value=f"{city:,.0f} reports/s city-wide; {city / five:.2f}× the focus wards' figure "
              "(rounds: " + ", ".join(f"{CREATE / t:,.0f}" for t in times["city"]) + ")",
        goal="≥ 0.9× the focus wards' figure",
        baseline=f"{five:,.0f} reports/s at points in {names} (rounds: "
                 + ", ".join(f"{CREATE / t:,.0f}" for t in times["five"]) + ")",
        how=f"best of {CREATE_ROUNDS} interleaved rounds of {CREATE} `report_create` calls "
            f"each, one thread, {connection.vendor}; points where residents live",
        holds=city / five >= 0.9,
    )


# --- the console's queues ------------------------------------------------------------------
def _officer() -> User:
    """A ward officer of one of the focus wards (the demo's accounts are pack data)."""
    focus = demo_profile(timezone.localdate()).focus
    officers = User.objects.filter(role=Role.WARD_OFFICER, is_active=True,
                                   units__in=focus).order_by("username")
    return officers.first() or User.objects.filter(role=Role.WARD_OFFICER).first()


def queues() -> Figure:
    operator = User.objects.filter(role=Role.HOTLINE_OPERATOR, is_active=True).order_by(
        "username").first()
    officer = _officer()
    clients = {}
    for user in (operator, officer):
        client = Client()
        client.force_login(user)
        for _ in range(3):
            assert client.get("/console/").status_code == 200
        clients[user.username] = client

    def page(username: str) -> None:
        assert clients[username].get("/console/").status_code == 200

    statements = {user.username: queue_statements(user) for user in (operator, officer)}
    functions: dict[str, Callable[[], object]] = {}
    for name in clients:
        functions[name] = lambda n=name: page(n)
        functions[f"{name} SQL"] = lambda n=name: raw_ms(statements[n])
    times = interleaved(functions, PAGE_RUNS)
    values = [f"{name}: p50 {statistics.median(times[name]) * 1000:.0f} ms "
              f"(p90 {_p(times[name], .9) * 1000:.0f})" for name in clients]
    floors = [f"{name}: its SQL on a raw cursor p50 "
              f"{statistics.median(times[f'{name} SQL']) * 1000:.1f} ms" for name in clients]
    return Figure(
        name=f"console queue of the city hotline operator and of a ward officer "
             f"({Report.objects.count():,} stored)",
        value="; ".join(values),
        goal="p50 ≤ 150 ms",
        baseline="; ".join(floors),
        how=f"GET /console/ (open reports by due time, 50 a page), {PAGE_RUNS} requests per "
            f"account, alternating with the page's SQL statements on a raw cursor, through "
            f"Django's test client (in process, no HTTP); "
            f"{operator.username} sees every unit, {officer.username} one ward's territory",
        holds=all(statistics.median(times[name]) * 1000 <= 150 for name in clients),
    )


# --- the dashboard: city figures and the ranking -----------------------------------------
def dashboard() -> list[Figure]:
    period = default_period()
    city = Selection(scope=Scope(everything=True))
    officer = _officer()
    ward = selection_in_scope(Scope(everything=True), officer.units.first().code)

    def city_page():
        found = figures(city, period)
        return ranking(period, sums_of(found.by_ward))

    def ward_page():
        figures(ward, period)
        return ranking(period)

    city_page(), ward_page()  # warm
    times = interleaved({"city": city_page, "ward": ward_page}, PAGE_RUNS)
    ranked = city_page()
    scans = interleaved({"scan": lambda: scan_headline(period)}, SCAN_RUNS)["scan"]
    return [Figure(
        name="dashboard: city headline figures and the units ranked per 1,000 residents, "
             "last 30 days",
        value=f"city page p50 {statistics.median(times['city']) * 1000:.1f} ms "
              f"(p90 {_p(times['city'], .9) * 1000:.1f}); a ward's page ({ward.unit.name}, "
              f"its rank among {ranked.ranked}) p50 "
              f"{statistics.median(times['ward']) * 1000:.1f} ms",
        goal="≤ 100 ms",
        baseline=f"the city's figures scanned from feedback_report (portable SQL, medians "
                 f"in Python) p50 {statistics.median(scans) * 1000:,.0f} ms",
        how=f"`figures()` for the whole city and `ranking()` from its by-ward sums, as the "
            f"city page does; a ward: its `figures()` and `ranking()` reading the city's "
            f"sums; {PAGE_RUNS} runs each, alternating; {Report.objects.count():,} reports",
        holds=statistics.median(times["city"]) * 1000 <= 100,
    )]


def run() -> list[Figure]:
    found = [batch_lookup(), queues(), *dashboard(), intake()]
    return found


def _prepare(reports: int) -> None:
    """A database of ``reports`` demo reports with the dashboard's facts (by-hand runs)."""
    from django.core.management import call_command

    from smartdistrict.dashboard.facts.refresh import facts_refresh
    from smartdistrict.demo.reports import seed_reports

    call_command("migrate", verbosity=0, interactive=False)
    call_command("collectstatic", verbosity=0, interactive=False)  # pages as in production
    call_command("seed_demo", "--reports", "0", stdout=open(os.devnull, "w"))  # noqa: SIM115
    stored = Report.objects.count()
    if stored < reports:
        started = time.perf_counter()
        seed_reports(reports - stored, seed=reports)
        print(f"seeded {reports - stored:,} reports in {time.perf_counter() - started:.0f} s",
              file=sys.stderr)
    facts_refresh(full=True)


if __name__ == "__main__":
    from benchmarks import http_lookup

    _prepare(int(os.environ.get("BENCH_CITY_REPORTS", "20000")))
    print(f"database: {connection.vendor}, {Report.objects.count():,} reports", flush=True)
    for part in (batch_lookup, queues, dashboard, intake, http_lookup.run):
        started = time.perf_counter()
        produced = part()
        for figure in produced if isinstance(produced, list) else [produced]:
            print(f"| {figure.name} | {figure.value} | {figure.goal} | {figure.baseline} | "
                  f"{figure.how} |", flush=True)
        print(f"({part.__module__}.{part.__name__}: {time.perf_counter() - started:.0f} s)",
              file=sys.stderr, flush=True)
