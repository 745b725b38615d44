"""The demo reports of one batch, built from the seeding's Plan alone. Every batch draws
from its own random streams and nothing here touches the database, so that forked worker
processes (on PostgreSQL) can build the next batches' COPY rows while the parent process
writes the ones before them in order (demo.reports); on SQLite the parent builds each
batch itself. The functions the workers run stay at module level, where the pool finds
them."""

from __future__ import annotations

import datetime as dt
import itertools
import multiprocessing
import random
from collections import deque
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass

import numpy as np

from smartdistrict.demo.copy import copy_values
from smartdistrict.demo.drafting import Drafts, one_report
from smartdistrict.demo.profile import Profile
from smartdistrict.feedback.models import Category, Channel, Event, Report

CHANNEL_WEIGHTS = {
    Channel.WEB: 35, Channel.OPEN311: 25, Channel.HOTLINE: 25, Channel.RADIO: 5,
    Channel.EMAIL: 5, Channel.STAFF: 5,
}


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


@contextmanager
def planned(plan: Plan) -> Iterator[None]:
    """``plan`` is the seeding in progress inside the block: the batches built there
    (and by the workers forked there) read it."""
    global _PLAN
    _PLAN = plan
    try:
        yield
    finally:
        _PLAN = None


def built_rows(jobs: list[Job]) -> Iterator[tuple[list, list]]:
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
    batch_reports, timelines = batch_drafts(job)
    for report, report_id in zip(batch_reports, job.ids, strict=True):
        report.id = report_id
    events = []
    for report, timeline in zip(batch_reports, timelines, strict=True):
        for event in timeline:
            event.report_id = report.id
            events.append(event)
    return copy_values(Report, batch_reports), copy_values(Event, events, with_ids=False)


def batch_drafts(job: Job) -> tuple[list, list[list]]:
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
        report, timeline = one_report(
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
