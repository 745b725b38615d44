"""Keeping the monthly tallies: one answer adds to three rows (unit, procedure, counter).

``tally_add`` runs inside the transaction that stores the answer, with F() increments,
so concurrent answers never lose a count; ``tallies_rebuild`` recomputes every row from
the stored answers (after a repair, or to prove the tallies right).
"""

from __future__ import annotations

import datetime as dt

from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone

from smartdistrict.survey.models import (
    COUNT_FIELDS,
    SCORE_FIELDS,
    MonthlyTally,
    Response,
    TallyScope,
)
from smartdistrict.survey.questionnaire import ELEMENTS, SATISFIED_FROM


def month_of(moment: dt.datetime) -> dt.date:
    return timezone.localtime(moment).date().replace(day=1)


def increments(response: Response) -> dict[str, int]:
    """What one answer adds to each count."""
    found = {"responses": 1, "comments": int(bool(response.comment)),
             "reports": int(bool(response.report_code))}
    for item, field in SCORE_FIELDS.items():
        score = getattr(response, field)
        if score is not None:
            found[f"{item}_n"] = 1
            found[f"{item}_sat"] = int(score >= SATISFIED_FROM)
            found[f"{item}_sum"] = score
    for element in ELEMENTS:
        if element in (response.improve or []):
            found[f"improve_{element}"] = 1
    return found


def cells(response: Response) -> list[tuple[str, int]]:
    keys = [(TallyScope.UNIT, 0), (TallyScope.PROCEDURE, response.procedure_id)]
    if response.counter_id:
        keys.append((TallyScope.COUNTER, response.counter_id))
    return keys


def _add(lookup: dict, added: dict[str, int]) -> None:
    changes = {name: F(name) + value for name, value in added.items() if value}
    if MonthlyTally.objects.filter(**lookup).update(**changes):
        return
    try:
        with transaction.atomic():
            MonthlyTally.objects.create(**lookup, **added)
    except IntegrityError:  # another answer created the row first
        MonthlyTally.objects.filter(**lookup).update(**changes)


def tally_add(response: Response, added: dict[str, int] | None = None) -> None:
    """Add ``added`` (default: the whole answer) to the answer's three rows."""
    added = increments(response) if added is None else added
    month = month_of(response.answered_at)
    for scope, key in cells(response):
        _add({"scope": scope, "unit_id": response.unit_id, "key": key, "month": month}, added)


@transaction.atomic
def tallies_rebuild() -> int:
    """Recompute every tally from the answers; returns the number of rows written."""
    MonthlyTally.objects.all().delete()
    rows: dict[tuple, dict[str, int]] = {}
    answers = Response.objects.only(
        "answered_at", "unit_id", "procedure_id", "counter_id", "comment", "report_code",
        "improve", *SCORE_FIELDS.values(),
    )
    for response in answers.iterator(chunk_size=5000):
        month = month_of(response.answered_at)
        added = increments(response)
        for scope, key in cells(response):
            row = rows.setdefault((scope, response.unit_id, key, month), dict.fromkeys(
                COUNT_FIELDS, 0))
            for name, value in added.items():
                row[name] += value
    MonthlyTally.objects.bulk_create(
        [MonthlyTally(scope=s, unit_id=u, key=k, month=m, **counts)
         for (s, u, k, m), counts in rows.items()],
        batch_size=2000,
    )
    return len(rows)
