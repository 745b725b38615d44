"""Realistic demo reports over the last 24 months, fast enough for a million.

Rows are built in memory with the same rules the services apply (routing rules,
working-time deadlines, the ward valid on the report's date) and written in batches:
going through report_create one by one would take hours for a million. Each report
gets a timeline consistent with its final state.
"""

from __future__ import annotations

import datetime as dt
import itertools
import multiprocessing
import random
import tomllib
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from contextlib import nullcontext
from dataclasses import dataclass

import h3
import numpy as np
from django.db import connection, transaction
from django.db.models import Max
from django.utils import timezone

from smartdistrict.core.selectors import working_calendar
from smartdistrict.demo.copy import (
    as_instance,
    bulk_load,
    bulk_load_wanted,
    copy_table,
    copy_values,
    draft_maker,
    report_ids,
)
from smartdistrict.demo.draws import BATCH, places_and_times
from smartdistrict.feedback.deadlines import due_time
from smartdistrict.feedback.models import (
    Category,
    Channel,
    CodeSequence,
    Event,
    EventKind,
    Report,
    RoutingRule,
    Status,
)
from smartdistrict.feedback.search import search_text
from smartdistrict.feedback.selectors import H3_RESOLUTION
from smartdistrict.feedback.suggest.demo_texts import demo_description
from smartdistrict.geography.index import get_index
from smartdistrict.jurisdictions.reading import pack_path
from smartdistrict.organisations.models import Department, DepartmentKind

CHANNEL_WEIGHTS = {
    Channel.WEB: 35, Channel.OPEN311: 25, Channel.HOTLINE: 25, Channel.RADIO: 5,
    Channel.EMAIL: 5, Channel.STAFF: 5,
}


@dataclass(frozen=True)
class SeedSummary:
    reports: int
    events: int


@dataclass(frozen=True)
class Residents:
    """Who the demo reporters are (the pack's [residents] table): their names' parts, drawn
    independently, and the prefix of their illustrative mobile numbers."""

    family: tuple[str, ...] = ()
    middle: tuple[str, ...] = ()
    given: tuple[str, ...] = ()
    phone_prefix: str = "0"

    def name(self, rng: random.Random) -> str:
        if not self.family:
            return ""
        return f"{rng.choice(self.family)} {rng.choice(self.middle)} {rng.choice(self.given)}"


@dataclass(frozen=True)
class Profile:
    """Where and since when demo reports fall (the pack's demo/profile.toml)."""

    units: list[int]  # today's units that get reports
    weights: np.ndarray  # share of the reports of each unit
    since: list[dt.date | None]  # earliest date per unit (None: the whole span)
    focus: frozenset[int]
    hotspots: np.ndarray  # (lat, lon, spread) rows, for the focus units
    hotspot_share: float
    years: float
    category_weights: dict[str, float]  # by category code, in draw order ({}: all alike)
    category_texts: dict[str, str]  # whose demo texts a category borrows ({}: its own)
    residents: Residents


def demo_profile(today: dt.date) -> Profile:
    index = get_index()
    settings: dict = {}
    profile = index.profile
    if profile is not None:
        path = pack_path(profile.pack) / "demo" / "profile.toml"
        if path.is_file():
            with open(path, "rb") as handle:
                settings = tomllib.load(handle)
    current = [r for r in index.wards_on(today) if r.id in index.boundaries]
    focus = frozenset(index.by_code[c].id for c in settings.get("focus", ()) if c in index.by_code)
    years = float(settings.get("years", 2))
    others_since = settings.get("others_since")
    others_since = dt.date.fromisoformat(str(others_since)) if others_since else None
    rates = []
    since: list[dt.date | None] = []
    for record in current:
        population = index.population.get(record.id, 10_000)
        if not focus or record.id in focus:
            rate = float(settings.get("focus_reports_per_1000_a_year", 12))
            span, start = years, None
        else:
            rate = float(settings.get("other_reports_per_1000_a_year", 1))
            start = others_since
            span = min(years, (today - start).days / 365.25) if start else years
        rates.append(population / 1000 * rate * max(span, 0.01))
        since.append(start)
    weights = np.array(rates, dtype=float)
    hotspots = np.array(settings.get("hotspots", []), dtype=float).reshape(-1, 3)
    return Profile(
        units=[r.id for r in current], weights=weights / weights.sum(), since=since,
        focus=focus, hotspots=hotspots, hotspot_share=float(settings.get("hotspot_share", 0)),
        years=years,
        category_weights={
            code: float(weight) for code, weight in settings.get("category_weights", {}).items()
        },
        category_texts={code: str(texts) for code, texts in
                        settings.get("category_texts", {}).items()},
        residents=Residents(**{key: tuple(value) if isinstance(value, list) else str(value)
                               for key, value in settings.get("residents", {}).items()}),
    )


def default_count(today: dt.date) -> int:
    """Reports at the profile's rates: about 12 per 1,000 residents a year in the focus."""
    index = get_index()
    profile = demo_profile(today)
    focus_population = sum(index.population.get(u, 0) for u in profile.focus)
    if not focus_population:
        return 2000
    focus_share = sum(w for u, w in zip(profile.units, profile.weights, strict=True)
                      if u in profile.focus)
    return int(focus_population / 1000 * 12 * profile.years / max(focus_share, 1e-9))


def _wards_on_dates(index, lats, lons, dates: list[dt.date], rng: random.Random) -> list[int]:
    """The ward valid on each report's date (``index``: the geography's); a point that
    more than one ward of the time covers (pre-2025) picks one of them."""
    result = [0] * len(dates)
    by_period: dict[int, list[int]] = {}
    for i, date in enumerate(dates):
        by_period.setdefault(id(index.period(date)), []).append(i)
    for positions in by_period.values():
        period = index.period(dates[positions[0]])
        regions = period.locate_many(lons[positions], lats[positions])
        for slot, region in zip(positions, regions, strict=True):
            candidates = period.regions[int(region)].candidates
            result[slot] = int(candidates[0]) if len(candidates) == 1 else rng.choice(candidates)
    return result


@dataclass(frozen=True)
class Plan:
    """What every batch of a seeding reads: drawn or loaded once, before the batches (the
    forked workers inherit it: nothing in a batch touches the database)."""

    seed: int
    now: dt.datetime
    zone: dt.tzinfo
    prefix: str
    profile: Profile
    categories: dict[str, Category]
    codes: list[str]
    weights: np.ndarray
    rules: dict[tuple[int, int], int]
    committees: dict[int, int]
    calendar: object
    index: object  # the geography's (workers must not read the database for it)
    lats: np.ndarray
    lons: np.ndarray
    seconds: np.ndarray
    drafts: Drafts


@dataclass(frozen=True)
class Job:
    """One batch: its number (which seeds its random draws), its reports' positions in the
    plan, the last code number of each year before it, and its reports' ids (COPY)."""

    number: int
    start: int
    size: int
    sequences: dict[int, int]
    ids: list[int] | None


_PLAN: Plan | None = None  # the seeding in progress, for the workers
WORKERS = 2  # processes building batches while this one writes (the machine's cores)


def seed_reports(
    count: int,
    *,
    seed: int = 2026,
    now: dt.datetime | None = None,
    progress: Callable[[Iterable], Iterable] = lambda items: items,
) -> SeedSummary:
    """Add ``count`` demo reports created over the 24 months before ``now``.

    Places and times are drawn for the whole seeding first (oldest first); each batch of
    BATCH reports then draws the rest (category, channel, contact, text, what staff did)
    from its own random stream, so that batches can be built by worker processes
    (WORKERS, on PostgreSQL, for more than two batches) while this process writes the
    ones before them by COPY, in order."""
    global _PLAN
    now = now or timezone.now()
    rng = np.random.default_rng(seed)
    today = timezone.localdate(now)
    profile = demo_profile(today)
    categories = {c.code: c for c in Category.objects.all()}
    shares = profile.category_weights or dict.fromkeys(categories, 1.0)
    codes = [c for c in shares if c in categories]
    weights = np.array([shares[c] for c in codes], dtype=float)
    spans = np.array([
        (today - start).days - 1 if start else profile.years * 365.25 for start in profile.since
    ], dtype=float)
    lats, lons, seconds = places_and_times(profile, rng, count, spans)
    postgres = connection.vendor == "postgresql"
    plan = Plan(
        seed=seed, now=now, zone=timezone.get_current_timezone(), prefix=_prefix(),
        profile=profile, categories=categories, codes=codes, weights=weights / weights.sum(),
        rules={(r.category_id, r.unit_id): r.department_id for r in RoutingRule.objects.all()},
        committees={
            unit_id: department_id
            for department_id, unit_id in Department.objects.filter(
                kind=DepartmentKind.WARD_COMMITTEE
            ).values_list("id", "units")
        },
        calendar=working_calendar(), index=get_index(), lats=lats, lons=lons, seconds=seconds,
        drafts=Drafts(report=draft_maker(Report), event=draft_maker(Event)),
    )
    sequences = _sequences()
    ids = report_ids(count) if postgres else None
    jobs = []
    for number, start in enumerate(range(0, count, BATCH)):
        size = min(BATCH, count - start)
        jobs.append(Job(number=number, start=start, size=size, sequences=dict(sequences),
                        ids=ids[start:start + size] if ids is not None else None))
        for moment in (now - dt.timedelta(seconds=int(s)) for s in seconds[start:start + size]):
            year = moment.astimezone(plan.zone).year
            sequences[year] = sequences.get(year, 0) + 1
    reports = events = 0
    _PLAN = plan
    try:
        if not postgres:
            for job in progress(jobs):
                batch_reports, timelines = _batch(job)
                with transaction.atomic():
                    instances = [as_instance(Report, report) for report in batch_reports]
                    Report.objects.bulk_create(instances, batch_size=1000)
                    stored = [e for report, timeline in zip(instances, timelines, strict=True)
                              for e in _attach(report, timeline)]
                    Event.objects.bulk_create(stored, batch_size=2000)
                reports += len(instances)
                events += len(stored)
        else:
            wanted = bulk_load_wanted(count, Report.objects.count())
            with bulk_load() if wanted else nullcontext():
                for report_rows, event_rows in progress(_built(jobs)):
                    with transaction.atomic():
                        copy_table(Report, report_rows)
                        copy_table(Event, event_rows, with_ids=False)
                    reports += len(report_rows)
                    events += len(event_rows)
    finally:
        _PLAN = None
    _save_sequences(sequences)
    return SeedSummary(reports=reports, events=events)


def _built(jobs: list[Job]) -> Iterator[tuple[list, list]]:
    """The COPY rows of each job, in order: built here for a couple of batches, else by
    WORKERS forked processes, at most 2 × WORKERS batches ahead of the writing."""
    if len(jobs) <= 2:
        yield from map(_batch_rows, jobs)
        return
    with multiprocessing.get_context("fork").Pool(WORKERS, initializer=_offline) as pool:
        pending: deque = deque()
        queue = iter(jobs)
        for job in itertools.islice(queue, 2 * WORKERS):
            pending.append(pool.apply_async(_batch_rows, (job,)))
        while pending:
            done = pending.popleft().get()
            for job in itertools.islice(queue, 1):
                pending.append(pool.apply_async(_batch_rows, (job,)))
            yield done


def _offline() -> None:
    """A forked worker's start: any use of the database connection it inherited fails
    at once. A query sent on it would break the COPY the parent is streaming there
    (closing it would end the parent's session)."""
    from django.db import connections

    def refuse() -> None:
        raise RuntimeError("a seeding worker does not use the database")

    for each in connections.all(initialized_only=True):
        each.ensure_connection = refuse


def _batch_rows(job: Job) -> tuple[list, list]:
    """A job's reports (with their ids) and events (numbered by the table) as COPY rows."""
    batch_reports, timelines = _batch(job)
    for report, report_id in zip(batch_reports, job.ids, strict=True):
        report.id = report_id
    events = []
    for report, timeline in zip(batch_reports, timelines, strict=True):
        for event in timeline:
            event.report_id = report.id
            events.append(event)
    return copy_values(Report, batch_reports), copy_values(Event, events, with_ids=False)


def _batch(job: Job) -> tuple[list, list[list]]:
    """A job's reports (drafts) and their timelines, drawn from the job's own streams."""
    plan = _PLAN
    rng = np.random.default_rng([plan.seed, job.number])
    pyrng = random.Random(plan.seed * 1_000_003 + job.number)
    end = job.start + job.size
    lats, lons = plan.lats[job.start:end], plan.lons[job.start:end]
    created = [plan.now - dt.timedelta(seconds=int(s)) for s in plan.seconds[job.start:end]]
    local = [c.astimezone(plan.zone) for c in created]
    wards = _wards_on_dates(plan.index, lats, lons, [c.date() for c in local], pyrng)
    picked = rng.choice(len(plan.codes), job.size, p=plan.weights)
    channels = list(CHANNEL_WEIGHTS)
    channel_p = np.array(list(CHANNEL_WEIGHTS.values()), dtype=float)
    picked_channels = rng.choice(len(channels), job.size, p=channel_p / channel_p.sum())
    sequences = dict(job.sequences)
    batch_reports, timelines = [], []
    for i in range(job.size):
        category = plan.categories[plan.codes[picked[i]]]
        report, timeline = _one_report(
            category=category, created=created[i], year=local[i].year,
            lat=float(lats[i]), lon=float(lons[i]), ward_id=wards[i],
            department_id=plan.rules.get((category.id, wards[i])) or plan.committees[wards[i]],
            channel=channels[picked_channels[i]], now=plan.now, rng=pyrng,
            calendar=plan.calendar, sequences=sequences, profile=plan.profile,
            drafts=plan.drafts, prefix=plan.prefix,
        )
        batch_reports.append(report)
        timelines.append(timeline)
    return batch_reports, timelines


def _sequences() -> dict[int, int]:
    """Next number per year, continuing after what is already stored."""
    return {
        s.year: s.last for s in CodeSequence.objects.filter(prefix=_prefix())
    }


def _prefix() -> str:
    from smartdistrict.geography.selectors import report_code_prefix

    return report_code_prefix()


def _save_sequences(sequences: dict[int, int]) -> None:
    for year, last in sequences.items():
        stored = Report.objects.filter(code__startswith=f"{_prefix()}-{year}-").aggregate(
            m=Max("code")
        )["m"]
        last = max(last, int(stored.rsplit("-", 1)[1]) if stored else 0)
        CodeSequence.objects.update_or_create(
            prefix=_prefix(), year=year, defaults={"last": last}
        )


def _contact(rng: random.Random, residents: Residents) -> tuple[str, str, str]:
    if rng.random() < 0.25:
        return "", "", ""
    name = residents.name(rng)
    phone = residents.phone_prefix + "".join(str(rng.randrange(10)) for _ in range(8))
    email = f"cudan{rng.randrange(10**7)}@example.com" if rng.random() < 0.4 else ""
    return name, phone, email


@dataclass(frozen=True)
class Drafts:
    """Makers of unsaved rows (demo.copy.draft_maker): a report, an event."""

    report: Callable
    event: Callable


def _one_report(*, category, created, year, lat, lon, ward_id, department_id, channel, now,
                rng, calendar, sequences, profile: Profile, drafts: Drafts, prefix: str) -> tuple:
    sequences[year] = sequences.get(year, 0) + 1
    due = due_time(category, created, calendar)
    name, phone, email = _contact(rng, profile.residents)
    code = f"{prefix}-{year}-{sequences[year]:06d}"
    description = demo_description(profile.category_texts.get(category.code, category.code), rng)
    report = drafts.report(
        code=code, category_id=category.id, description=description, lat=lat, lon=lon,
        search_text=search_text(code=code, description=description, address=""),
        h3_cell=h3.latlng_to_cell(lat, lon, H3_RESOLUTION), ward_id=ward_id,
        department_id=department_id, channel=channel, reporter_name=name,
        reporter_phone=phone, reporter_email=email, priority=category.priority,
        due_at=due, created_at=created, status=Status.NEW,
    )
    timeline = [drafts.event(kind=EventKind.CREATED, actor_role="resident",
                             to_status=Status.NEW, created_at=created)]
    _progress(report, timeline, now=now, rng=rng, event=drafts.event)
    return report, timeline


def _progress(report, timeline: list, *, now, rng: random.Random, event: Callable) -> None:
    """Move the report along as staff would have by ``now``; about 8 % end late."""
    age_days = (now - report.created_at).total_seconds() / 86400
    if age_days < 0.2 or rng.random() < max(0.03, 0.6 - age_days / 20):
        if report.due_at < now:
            report.overdue_at = report.due_at
        return
    budget = (report.due_at - report.created_at).total_seconds()
    response = report.created_at + dt.timedelta(seconds=budget * rng.uniform(0.02, 0.2))
    report.first_response_at = min(response, now)
    report.status = Status.IN_PROGRESS
    timeline.append(event(kind=EventKind.TRANSITION, actor_role="ward_officer",
                          from_status=Status.NEW, to_status=Status.IN_PROGRESS,
                          created_at=report.first_response_at))
    roll = rng.random()
    if roll < 0.05:
        report.status = Status.REJECTED
        report.closed_at = report.first_response_at
        timeline.append(event(kind=EventKind.TRANSITION, actor_role="ward_officer",
                              from_status=Status.IN_PROGRESS, to_status=Status.REJECTED,
                              note="Không thuộc thẩm quyền của phường.",
                              created_at=report.closed_at))
        return
    late = rng.random() < 0.08
    fraction = rng.uniform(1.05, 2.5) if late else rng.uniform(0.2, 0.98)
    resolved = report.created_at + dt.timedelta(seconds=budget * fraction)
    if resolved > now:
        if report.due_at < now:
            report.overdue_at = report.due_at
        return
    report.status = Status.RESOLVED
    report.resolved_at = resolved
    timeline.append(event(kind=EventKind.TRANSITION, actor_role="ward_officer",
                          from_status=Status.IN_PROGRESS, to_status=Status.RESOLVED,
                          note="Đã kiểm tra và xử lý xong.", created_at=resolved))
    if (report.reporter_email or report.reporter_phone) and rng.random() < 0.55:
        rating = rng.choices([1, 2, 3, 4, 5], weights=[4, 6, 15, 35, 40])[0]
        rated_at = resolved + dt.timedelta(hours=rng.uniform(1, 72))
        if rated_at <= now:  # a resident rates after the fix, never in the future
            report.rating, report.rated_at = rating, rated_at
            timeline.append(event(kind=EventKind.RATED, actor_role="resident",
                                  note=f"{report.rating}/5", created_at=report.rated_at))
    if (now - resolved).days > 14:
        report.status = Status.CLOSED
        report.closed_at = resolved + dt.timedelta(days=7)
        timeline.append(event(kind=EventKind.TRANSITION, actor_role="system",
                              from_status=Status.RESOLVED, to_status=Status.CLOSED,
                              created_at=report.closed_at))


def _attach(report: Report, timeline: list) -> list[Event]:
    """The timeline's drafts as events of the saved ``report`` (SQLite's bulk_create)."""
    return [Event(**{**vars(event), "report_id": report.pk}) for event in timeline]
