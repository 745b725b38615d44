"""Illustrative demo content: the catalogue of the five wards of the former Bình Thạnh
(data/demo/, marked illustrative) and a year of invented answers, each ward with its own
mix of scores so that the ranking and the trend have something to show.

Older answers are written in bulk and the tallies rebuilt from them; the last few go
through ``response_submit`` so that low scores open real feedback reports in the wards'
queues. Everything created here carries ``illustrative=True``. Idempotent: answers are
added only when no illustrative answer exists yet.
"""

from __future__ import annotations

import datetime as dt
import random
import secrets
from dataclasses import dataclass
from pathlib import Path

from django.db import transaction
from django.utils import timezone

from smartdistrict.survey.catalogue import catalogue_load
from smartdistrict.survey.models import (
    SCORE_FIELDS,
    Channel,
    CivilServant,
    Counter,
    Dossier,
    Response,
    UnitProcedure,
)
from smartdistrict.survey.questionnaire import ELEMENTS, statement_codes
from smartdistrict.survey.services.responses import response_submit
from smartdistrict.survey.services.tallies import tallies_rebuild

DATA = Path(__file__).resolve().parent / "data" / "demo"
# Weights of the scores 1..5 per ward: some shops serve better than others.
PROFILES = {
    "26911": (2, 3, 10, 45, 40), "26944": (3, 5, 12, 45, 35), "26929": (5, 8, 17, 42, 28),
    "26905": (4, 6, 15, 45, 30), "26956": (8, 10, 20, 38, 24),
}
COMMENTS = [
    "Phải chờ hơn một tiếng mới tới lượt.", "Cán bộ hướng dẫn nhiệt tình, cảm ơn.",
    "Nên có thêm ghế ngồi chờ.", "Hồ sơ trả đúng hẹn.", "Bảng niêm yết thủ tục khó đọc.",
    "Phải đi lại hai lần vì thiếu giấy tờ mà không được báo trước.",
]
LIVE_ANSWERS = 12  # the most recent answers go through the service (reports included)


@dataclass(frozen=True)
class Seeded:
    procedures: int
    dossiers: int
    answers: int
    reports: int


def _scores(rng: random.Random, weights: tuple[int, ...]) -> dict[str, int | None]:
    scores = {item: rng.choices((1, 2, 3, 4, 5), weights)[0] for item in SCORE_FIELDS}
    if rng.random() < 0.7:
        scores["feedback"] = None  # most residents made no comment or complaint
    return scores


def seed_survey(answers: int = 2500, *, seed: int = 2026, today: dt.date | None = None) -> Seeded:
    catalogue_load(DATA, commit=True)
    procedures = UnitProcedure.objects.filter(unit__code__in=PROFILES, active=True).count()
    if Response.objects.filter(illustrative=True).exists():
        return Seeded(procedures, 0, 0, 0)
    rng = random.Random(seed)
    now = timezone.now() if today is None else timezone.make_aware(
        dt.datetime.combine(today, dt.time(16, 0)))
    offered = {}
    for link in UnitProcedure.objects.filter(unit__code__in=PROFILES).select_related(
            "unit", "procedure"):
        offered.setdefault(link.unit.code, (link.unit, []))[1].append(link.procedure)
    counters = {}
    for counter in Counter.objects.filter(unit__code__in=PROFILES).select_related("unit"):
        counters.setdefault(counter.unit.code, []).append(counter)
    servants = {s.unit.code + s.counters.first().code: s for s in CivilServant.objects.filter(
        unit__code__in=PROFILES).select_related("unit").prefetch_related("counters")
        if s.counters.exists()}
    statements = sorted(statement_codes())
    dossiers, rows, live = [], [], []
    for n in range(answers):
        code = rng.choice(sorted(PROFILES))
        unit, choices = offered[code]
        counter = rng.choice(counters[code])
        # Office hours, on any day of the last eleven months.
        day = now - dt.timedelta(days=rng.randrange(0, 330))  # within the last 12 months
        when = timezone.localtime(day).replace(hour=rng.randrange(8, 17),
                                               minute=rng.randrange(60))
        if when >= now:
            when = now - dt.timedelta(minutes=5 + n)
        dossier = Dossier(code=f"MH-{code}-{n:05d}", token=secrets.token_urlsafe(12),
                          unit=unit, procedure=rng.choice(choices), counter=counter,
                          servant=servants.get(code + counter.code), returned_at=when,
                          illustrative=True)
        dossiers.append(dossier)
        scores = _scores(rng, PROFILES[code])
        improve = rng.sample(ELEMENTS, rng.randrange(0, 3))
        ticked = rng.sample(statements, rng.randrange(0, 5))
        comment = rng.choice(COMMENTS) if rng.random() < 0.2 else ""
        rows.append((dossier, scores, improve, ticked, comment, when))
    rows.sort(key=lambda r: r[5])
    live, bulk = rows[-LIVE_ANSWERS:], rows[:-LIVE_ANSWERS]
    with transaction.atomic():
        Dossier.objects.bulk_create(dossiers, batch_size=1000)
        saved = {d.code: d for d in Dossier.objects.filter(code__in=[d.code for d in dossiers])}
        Response.objects.bulk_create([
            Response(dossier=saved[d.code], unit_id=saved[d.code].unit_id,
                     procedure_id=saved[d.code].procedure_id,
                     counter_id=saved[d.code].counter_id, answered_at=when,
                     channel=rng.choice((Channel.QR, Channel.QR, Channel.TABLET)),
                     statements=ticked, improve=improve, comment=comment,
                     illustrative=True, **{SCORE_FIELDS[k]: v for k, v in scores.items()})
            for d, scores, improve, ticked, comment, when in bulk
        ], batch_size=1000)
        tallies_rebuild()
    reports = 0
    for dossier, scores, improve, ticked, comment, when in live:
        submitted = response_submit(
            token=saved[dossier.code].token, answers=scores, statements=ticked,
            improve=improve, comment=comment or rng.choice(COMMENTS), answered_at=when,
            follow_up=rng.random() < 0.2)
        reports += bool(submitted.report_code)
    return Seeded(procedures, len(dossiers), len(rows), reports)
