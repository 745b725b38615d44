"""The parts of the city-scale benchmark, as one size's worker runs them
(benchmarks/scale_worker.py, driven by benchmarks/scale.py).

Each part is measured in rounds, and the sizes take turns round by round, so that a figure
at 100,000 reports and the same figure at 1,000,000 meet the same load on the machine: on
this shared 2-core machine a figure moves by tens of per cent from one minute to the next,
which made the growth of two single figures taken minutes apart say more about the
machine than about the code. A part keeps its samples; ``finish`` gives its figures, each
with the value of every round, from which the driver takes the growth as the median of the
rounds' ratios.
"""

from __future__ import annotations

import datetime as dt
import os
import statistics
import time
from contextlib import ExitStack
from dataclasses import asdict, dataclass, field

from django.conf import settings
from django.db.models import F
from django.test import Client
from django.utils import timezone

from benchmarks import open311, report_intake
from benchmarks.console import queue_statements, raw_ms
from benchmarks.dashboard import DISTRICT, _last_days, scan_headline
from benchmarks.server import gunicorn
from smartdistrict.accounts.models import Role, User
from smartdistrict.dashboard.facts import daily
from smartdistrict.dashboard.facts.refresh import facts_refresh
from smartdistrict.dashboard.selectors.figures import figures
from smartdistrict.feedback.models import Report
from smartdistrict.open311.models import Open311Submission
from smartdistrict.open311.services import api_key_create

RUNS = int(os.environ.get("BENCH_RUNS", "20"))  # rounds of the quick reads
GETS = int(os.environ.get("BENCH_GETS", "100"))
POSTS = int(os.environ.get("BENCH_OPEN311_POSTS", "1000"))
WRITE_ROUNDS = int(os.environ.get("BENCH_WRITE_ROUNDS", "4"))  # rounds of intake and POST
CHANGES = 1_000


@dataclass
class Result:
    """One figure at one size, as the driver turns it into a scale_report.Measure."""

    value: float
    text: str
    baseline: str = ""
    rate: bool = False
    ok: bool = True
    rounds: list[float] = field(default_factory=list)  # the value of each round, in order

    def as_dict(self) -> dict:
        return asdict(self)


def _p50(values: list[float]) -> float:
    return statistics.median(values)


class Part:
    """A figure measured in rounds on the database of this worker."""

    rounds = RUNS

    def __init__(self, size: int) -> None:
        self.size = size  # the reports stored when the part starts (for distinct inputs)
        self.stack = ExitStack()

    def start(self) -> None:
        """Warm up: the first requests load caches that every later one finds."""

    def round(self, number: int) -> None:
        raise NotImplementedError

    def finish(self) -> dict[str, Result]:
        raise NotImplementedError

    def close(self) -> None:
        self.stack.close()


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


class Console(Part):
    """Every console queue view: a page through Django, then the same statements on a raw
    cursor (the database's share)."""

    def start(self) -> None:
        self.views = []
        for label, user in _accounts():
            client = Client()
            client.force_login(user)
            for overdue in (False, True):
                path = "/console/?overdue=on" if overdue else "/console/"
                for _ in range(2):
                    assert client.get(path).status_code == 200
                name = f"console: {label}, {'overdue only' if overdue else 'open queue'}"
                self.views.append((name, queue_statements(user, overdue), client, path))
        self.times = {name: [] for name, *_ in self.views}
        self.floors = {name: [] for name, *_ in self.views}

    def round(self, number: int) -> None:
        for name, statements, client, path in self.views:
            started = time.perf_counter()
            assert client.get(path).status_code == 200
            self.times[name].append((time.perf_counter() - started) * 1000)
            self.floors[name].append(raw_ms(statements))

    def finish(self) -> dict[str, Result]:
        return {name: Result(_p50(self.times[name]), f"p50 {_p50(self.times[name]):.0f} ms",
                             f"its SQL on a raw cursor p50 {_p50(self.floors[name]):.1f} ms",
                             rounds=self.times[name])
                for name in self.times}


# --- the dashboard --------------------------------------------------------------------------
class Headline(Part):
    """The headline figures of the whole jurisdiction for 30 and 365 days; the baseline
    scans feedback_report for the same figures (portable SQL, medians in Python)."""

    PERIODS = (30, 365)

    def start(self) -> None:
        self.periods = {days: _last_days(days) for days in self.PERIODS}
        self.times = {days: [] for days in self.PERIODS}
        for period in self.periods.values():
            figures(DISTRICT, period)

    def round(self, number: int) -> None:
        for days, period in self.periods.items():
            started = time.perf_counter()
            figures(DISTRICT, period)
            self.times[days].append((time.perf_counter() - started) * 1000)

    def finish(self) -> dict[str, Result]:
        found = {}
        for days, period in self.periods.items():
            scans = []
            for _ in range(3):
                started = time.perf_counter()
                scan_headline(period)
                scans.append((time.perf_counter() - started) * 1000)
            p50 = _p50(self.times[days])
            found[f"headline figures, {days} days"] = Result(
                p50, f"p50 {p50:.0f} ms", f"scan of feedback_report p50 {_p50(scans):,.0f} ms",
                rounds=self.times[days])
        return found


def _refresh_ms() -> tuple[float, object]:
    started = time.perf_counter()
    result = facts_refresh()
    return (time.perf_counter() - started) * 1000, result


class Refreshes(Part):
    """The incremental refresh after 1,000 changes spread over the history (each round other
    reports, evenly spread by id) and after 1,000 recent ones; the baseline re-aggregates
    every day's sums from the facts, as the refresh did before it worked by delta."""

    rounds = 3

    def start(self) -> None:
        settings.DASHBOARD_REFRESH_OVERLAP_SECONDS = 0
        facts_refresh()  # the watermark past what earlier parts wrote
        self.resolved = list(Report.objects.filter(resolved_at__isnull=False)
                             .order_by("id").values_list("id", flat=True))
        self.recent = list(Report.objects.order_by("-id").values_list("id", flat=True)
                           [:CHANGES])
        self.spread, self.latest = [], []

    def round(self, number: int) -> None:
        step = max(1, len(self.resolved) // CHANGES)
        spread = self.resolved[number % step::step][:CHANGES]
        Report.objects.filter(id__in=spread).update(
            resolved_at=F("resolved_at") + dt.timedelta(hours=1), updated_at=timezone.now())
        self.spread.append(_refresh_ms())
        minutes = 20 + (int(time.time()) + number) % 40  # differs from the round before
        Report.objects.filter(id__in=self.recent).update(
            first_response_at=F("created_at") + dt.timedelta(minutes=minutes),
            updated_at=timezone.now())
        self.latest.append(_refresh_ms())

    def finish(self) -> dict[str, Result]:
        started = time.perf_counter()
        daily.rebuild_days(None)
        base = f"re-aggregating every day's sums {(time.perf_counter() - started) * 1000:,.0f} ms"
        found = {}
        for name, runs in (("refresh after 1,000 changes spread", self.spread),
                           ("refresh after 1,000 recent changes", self.latest)):
            times = [ms for ms, _result in runs]
            last = runs[-1][1]
            p50 = _p50(times)
            found[name] = Result(
                p50, f"p50 {p50:,.0f} ms of {len(times)} rounds ({last.changed:,} facts, "
                     f"{last.days:,} days in the last)", base, rounds=times)
        return found


# --- intake and Open311 ---------------------------------------------------------------------
class Intake(Part):
    """report_create, one thread, rounds of 400 (best of the rounds), each followed by the
    floor: a bare ORM insert of the same rows."""

    rounds = WRITE_ROUNDS

    def start(self) -> None:
        from smartdistrict.feedback.services.intake import report_create
        from smartdistrict.feedback.suggestions import current_suggester

        current_suggester()
        report_create(data=report_intake._inputs(self.size + 99)[0])
        self.rates, self.floors = [], []

    def round(self, number: int) -> None:
        self.rates.append(report_intake._service_rate(report_intake._inputs(self.size + number)))
        self.floors.append(report_intake._orm_rate(
            report_intake._inputs(self.size + 50 + number)))

    def finish(self) -> dict[str, Result]:
        best = max(self.rates)
        return {"report_create": Result(
            best, f"{best:,.0f}/s (rounds " + ", ".join(f"{r:,.0f}" for r in self.rates) + ")",
            f"bare ORM insert {max(self.floors):,.0f}/s", rate=True, rounds=self.rates)}


class Open311Get(Part):
    """``GET requests.json`` from gunicorn (1 worker), each request followed by the baseline:
    the same rows by raw SQL, encoded with orjson."""

    rounds = 10

    def start(self) -> None:
        self.port = self.stack.enter_context(gunicorn(workers=1))
        self.baseline = open311._baseline()
        for _ in range(3):
            open311._get(self.port, "/open311/v2/requests.json")
            self.baseline()
        self.times, self.bases, self.per_round = [], [], []

    def round(self, number: int) -> None:
        these = []
        for _ in range(max(1, GETS // self.rounds)):
            status, _size, elapsed = open311._get(self.port, "/open311/v2/requests.json")
            assert status == 200
            these.append(elapsed)
            self.bases.append(self.baseline())
        self.times.extend(these)
        self.per_round.append(_p50(these))

    def finish(self) -> dict[str, Result]:
        ours, base = _p50(self.times), _p50(self.bases)
        return {"open311_get": Result(
            ours, f"p50 {ours:.1f} ms ({ours / base:.2f}× baseline)",
            f"raw SQL + orjson p50 {base:.1f} ms", ok=ours / base <= 1.5,
            rounds=self.per_round)}


class Open311Post(Part):
    """POST from 8 client threads to gunicorn with 2 workers, after a warm-up round; every
    report sent is looked for afterwards by its numbered description."""

    rounds = WRITE_ROUNDS

    def start(self) -> None:
        self.key, self.raw_key = api_key_create(name=f"scale bench {self.size}")
        self.port = self.stack.enter_context(gunicorn(workers=2, HUEY_IMMEDIATE="false"))
        open311._post_round(self.port, self.raw_key, range(open311.WARMUP))
        self.sent, self.ok, self.rates = 0, 0, []

    def round(self, number: int) -> None:
        per_round = max(1, POSTS // self.rounds)
        first = open311.WARMUP + number * per_round
        statuses, elapsed = open311._post_round(self.port, self.raw_key,
                                                range(first, first + per_round))
        self.sent += len(statuses)
        self.ok += sum(1 for s in statuses if s == 200)
        self.rates.append(len(statuses) / elapsed)

    def finish(self) -> dict[str, Result]:
        descriptions = list(Open311Submission.objects.filter(api_key=self.key)
                            .values_list("report__description", flat=True))
        expected = open311.WARMUP + self.sent
        lost = expected - len(set(descriptions))
        duplicated = len(descriptions) - len(set(descriptions))
        rate = _p50(self.rates)
        return {"open311_post": Result(
            rate, f"{rate:,.0f}/s (median of rounds " + ", ".join(
                f"{r:,.0f}" for r in self.rates) + f"); {self.ok:,} of {self.sent:,} answered "
            f"200; {lost} lost, {duplicated} duplicated", rate=True,
            ok=lost == 0 and duplicated == 0 and self.ok == self.sent, rounds=self.rates)}


PARTS: dict[str, type[Part]] = {
    "console": Console, "headline": Headline, "open311_get": Open311Get, "intake": Intake,
    "open311_post": Open311Post, "refreshes": Refreshes,
}
