"""Realistic demo reports over the last 24 months, fast enough for a million.

Rows are built in memory with the same rules the services apply (routing rules,
working-time deadlines, the ward valid on the report's date) and written in batches:
going through report_create one by one would take hours for a million. Each report
gets a timeline consistent with its final state. This module is the seeding's entry and
its writing (bulk_create on SQLite, COPY on PostgreSQL) and keeps the yearly code
sequences; the pack's demo profile is demo.profile, the building of a batch (in forked
workers on PostgreSQL) demo.batches, one report and its timeline demo.drafting.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from contextlib import nullcontext
from dataclasses import dataclass

import numpy as np
from django.db import connection, transaction
from django.db.models import Max
from django.utils import timezone

from smartdistrict.core.selectors import working_calendar
from smartdistrict.demo.batches import Job, Plan, batch_drafts, built_rows, planned
from smartdistrict.demo.copy import (
    as_instance,
    bulk_load,
    bulk_load_wanted,
    copy_table,
    draft_maker,
    report_ids,
)
from smartdistrict.demo.drafting import Drafts
from smartdistrict.demo.draws import BATCH, places_and_times
from smartdistrict.demo.profile import demo_profile
from smartdistrict.feedback.models import Category, CodeSequence, Event, Report, RoutingRule
from smartdistrict.geography.index import get_index
from smartdistrict.organisations.models import Department, DepartmentKind


@dataclass(frozen=True)
class SeedSummary:
    reports: int
    events: int


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
    (demo.batches.WORKERS, on PostgreSQL, for more than two batches) while this process writes the
    ones before them by COPY, in order."""
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
    with planned(plan):
        if not postgres:
            for job in progress(jobs):
                batch_reports, timelines = batch_drafts(job)
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
                for report_rows, event_rows in progress(built_rows(jobs)):
                    with transaction.atomic():
                        copy_table(Report, report_rows)
                        copy_table(Event, event_rows, with_ids=False)
                    reports += len(report_rows)
                    events += len(event_rows)
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


def _attach(report: Report, timeline: list) -> list[Event]:
    """The timeline's drafts as events of the saved ``report`` (SQLite's bulk_create)."""
    return [Event(**{**vars(event), "report_id": report.pk}) for event in timeline]
