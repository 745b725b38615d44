"""The sums of a period and of the previous one, folded in SQL: the totals of each
period and the current period's sums per ward, department and category.

The page never shows the sums per (ward, department, category) together, so the
database folds the key rows into the four groupings it shows (a few hundred rows come
back, not one per key and day): issue 18, where tens of thousands of key rows were
folded in Python. Both periods are read in one statement as signed pieces
(periods.signed_pieces: whole months from MonthlyFact, days from DailyFact, a partial
month as its monthly row less the days left out when that reads fewer rows). The whole
jurisdiction reads the rollups per dimension instead (DailyRollup, MonthlyRollup: a few
hundred rows per day or month); a selection reads its rows once (a CTE), grouped four
ways.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field

from django.db import connection
from django.db.models import Q
from django.utils import timezone

from smartdistrict.dashboard.facts.daily import KEY, MEASURES
from smartdistrict.dashboard.facts.delta import COUNTS
from smartdistrict.dashboard.models import (
    ROLLUP_DIMENSIONS,
    DailyFact,
    DailyRollup,
    MonthlyFact,
    MonthlyRollup,
)
from smartdistrict.dashboard.selectors.periods import CURRENT, Piece, signed_pieces
from smartdistrict.dashboard.selectors.piecewise import signed_select
from smartdistrict.dashboard.selectors.scope import Period, Selection
from smartdistrict.dashboard.selectors.sums import Sums

BREAKDOWNS = KEY  # ward_id, department_id, category_id


@dataclass
class PeriodSums:
    current: Sums = field(default_factory=Sums)
    before: Sums = field(default_factory=Sums)
    # The current period's sums per ward as filed, per department, per category.
    by: dict[str, dict[int, Sums]] = field(
        default_factory=lambda: {name: defaultdict(Sums) for name in BREAKDOWNS})


def _nonzero(found: PeriodSums) -> PeriodSums:
    """Drop the breakdown rows a subtraction left empty: a key with no count in the
    period is not listed, as when its days are read one by one."""
    for rows in found.by.values():
        for key in [key for key, sums in rows.items()
                    if not any(getattr(sums, name) for name in COUNTS)]:
            del rows[key]
    return found


def _sums() -> str:
    """The sums as integers on both engines (PostgreSQL's SUM of a bigint is a numeric,
    which the driver turns into Decimals, slow to add up)."""
    return ", ".join(f"CAST(SUM({name}) AS BIGINT)" for name in MEASURES)


def _add(found: PeriodSums, part: int, name: str, key: int, values: tuple) -> None:
    """One row of sums (each (part, breakdown, key) comes once from a statement)."""
    if name:
        found.by[name][key] = Sums.of(values)
    elif part == CURRENT:
        found.current.add(Sums.of(values))
    else:
        found.before.add(Sums.of(values))


def period_sums(selection: Selection, period: Period,
                breakdowns: tuple[str, ...] = BREAKDOWNS, *,
                today: dt.date | None = None) -> PeriodSums:
    """The sums of ``period`` and of the previous period (one query)."""
    split = signed_pieces(period, today or timezone.localdate())
    if not selection.q():
        return _from_rollups(split, breakdowns)
    signed = signed_select({"day": DailyFact.objects.filter(selection.q()),
                            "month": MonthlyFact.objects.filter(selection.q())},
                           split, KEY, MEASURES)
    found = PeriodSums()
    if signed is None:
        return found
    sql, params = signed
    sums = _sums()
    parts = [f"SELECT part, '', 0, {sums} FROM f GROUP BY part"]  # noqa: S608
    parts += [
        f"SELECT part, '{name}', {name}, {sums} FROM f "  # noqa: S608
        f"WHERE part = {CURRENT} GROUP BY part, {name}"
        for name in breakdowns
    ]
    with connection.cursor() as cursor:
        cursor.execute(f"WITH f AS ({sql}) {' UNION ALL '.join(parts)}", params)
        for part, name, key, *values in cursor.fetchall():
            _add(found, part, name, key, values)
    return _nonzero(found)


def _from_rollups(split: list[Piece], breakdowns: tuple[str, ...]) -> PeriodSums:
    """The whole jurisdiction's sums from the rollups (a few hundred rows per day or
    month): the previous period's total, the current period's total and breakdowns."""
    dimensions = {ROLLUP_DIMENSIONS[name]: name for name in breakdowns}
    wanted = Q(dimension__in=[0, *dimensions]) if len(dimensions) < 3 else Q()
    signed = signed_select({"day": DailyRollup.objects.filter(wanted),
                            "month": MonthlyRollup.objects.filter(wanted)},
                           split, ("dimension", "key"), MEASURES)
    found = PeriodSums()
    if signed is None:
        return found
    sql, params = signed
    sums = _sums()
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT part, dimension, key, {sums} FROM ({sql}) r "  # noqa: S608
            f"WHERE part = {CURRENT} OR dimension = 0 GROUP BY part, dimension, key",
            params)
        for part, dimension, key, *values in cursor.fetchall():
            _add(found, part, dimensions[dimension] if dimension else "", key, values)
    return _nonzero(found)
