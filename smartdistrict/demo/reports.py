"""Realistic demo reports over the last 24 months, fast enough for a million.

Rows are built in memory with the same rules the services apply (routing rules,
working-time deadlines, the ward valid on the report's date) and written in batches:
going through report_create one by one would take hours for a million. Each report
gets a timeline consistent with its final state.
"""

from __future__ import annotations

import datetime as dt
import random
import tomllib
from collections.abc import Callable, Iterable
from dataclasses import dataclass

import h3
import numpy as np
from django.db import connection, transaction
from django.db.models import Max
from django.utils import timezone

from smartdistrict.core.selectors import working_calendar
from smartdistrict.demo.copy import as_instance, copy_rows, draft_maker
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
from smartdistrict.geography.selectors import lookup_points
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


def _wards_on_dates(lats, lons, dates: list[dt.date], rng: random.Random) -> list[int]:
    """The ward valid on each report's date; an ambiguous pre-2025 point picks a candidate."""
    index = get_index()
    result = [0] * len(dates)
    by_period: dict[int, list[int]] = {}
    for i, date in enumerate(dates):
        by_period.setdefault(id(index.period(date)), []).append(i)
    for positions in by_period.values():
        date = dates[positions[0]]
        period = index.period(date)
        ids = lookup_points(lats[positions], lons[positions], date)
        regions = period.locate_many(lons[positions], lats[positions])
        for slot, ward_id, region in zip(positions, ids, regions, strict=True):
            if ward_id >= 0:
                result[slot] = int(ward_id)
            else:
                result[slot] = rng.choice(period.regions[int(region)].candidates)
    return result


def seed_reports(
    count: int,
    *,
    seed: int = 2026,
    now: dt.datetime | None = None,
    progress: Callable[[Iterable], Iterable] = lambda items: items,
) -> SeedSummary:
    """Add ``count`` demo reports created over the 24 months before ``now``."""
    now = now or timezone.now()
    rng = np.random.default_rng(seed)
    pyrng = random.Random(seed)
    today = timezone.localdate(now)
    profile = demo_profile(today)
    categories = {c.code: c for c in Category.objects.all()}
    shares = profile.category_weights or dict.fromkeys(categories, 1.0)
    codes = [c for c in shares if c in categories]
    weights = np.array([shares[c] for c in codes], dtype=float)
    rules = {(r.category_id, r.unit_id): r.department_id for r in RoutingRule.objects.all()}
    committees = {
        unit_id: department_id
        for department_id, unit_id in Department.objects.filter(
            kind=DepartmentKind.WARD_COMMITTEE
        ).values_list("id", "units")
    }
    calendar = working_calendar()
    channels = list(CHANNEL_WEIGHTS)
    channel_p = np.array(list(CHANNEL_WEIGHTS.values()), dtype=float)
    channel_p /= channel_p.sum()
    sequences = _sequences()
    spans = np.array([
        (today - start).days - 1 if start else profile.years * 365.25 for start in profile.since
    ], dtype=float)
    drafts = Drafts(report=draft_maker(Report), event=draft_maker(Event))
    all_lats, all_lons, all_seconds = places_and_times(profile, rng, count, spans)
    reports = events = 0
    for start in progress(range(0, count, BATCH)):
        size = min(BATCH, count - start)
        lats = all_lats[start:start + size]
        lons = all_lons[start:start + size]
        seconds = all_seconds[start:start + size]
        created = [now - dt.timedelta(seconds=int(s)) for s in seconds]
        dates = [timezone.localdate(c) for c in created]
        wards = _wards_on_dates(lats, lons, dates, pyrng)
        picked = rng.choice(len(codes), size, p=weights / weights.sum())
        picked_channels = rng.choice(len(channels), size, p=channel_p)
        batch_reports, batch_events = [], []
        for i in range(size):
            category = categories[codes[picked[i]]]
            report, timeline = _one_report(
                category=category, created=created[i], lat=float(lats[i]), lon=float(lons[i]),
                ward_id=wards[i],
                department_id=rules.get((category.id, wards[i])) or committees[wards[i]],
                channel=channels[picked_channels[i]], now=now, rng=pyrng,
                calendar=calendar, sequences=sequences, profile=profile, drafts=drafts,
            )
            batch_reports.append(report)
            batch_events.append(timeline)
        with transaction.atomic():
            if connection.vendor == "postgresql":
                stored = copy_rows(batch_reports, batch_events)
            else:
                instances = [as_instance(Report, report) for report in batch_reports]
                Report.objects.bulk_create(instances, batch_size=1000)
                stored = [e for report, timeline in zip(instances, batch_events, strict=True)
                          for e in _attach(report, timeline)]
                Event.objects.bulk_create(stored, batch_size=2000)
        reports += size
        events += len(stored)
    _save_sequences(sequences)
    return SeedSummary(reports=reports, events=events)


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


def _one_report(*, category, created, lat, lon, ward_id, department_id, channel, now, rng,
                calendar, sequences, profile: Profile, drafts: Drafts) -> tuple:
    year = timezone.localtime(created).year
    sequences[year] = sequences.get(year, 0) + 1
    due = due_time(category, created, calendar)
    name, phone, email = _contact(rng, profile.residents)
    code = f"{_prefix()}-{year}-{sequences[year]:06d}"
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
