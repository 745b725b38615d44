"""Reads of the alley register: alleys within a scope, each alley's condition history
from the residents' reports near its line, and the ranking of candidate alleys.

Reports are read through feedback's selector ``reports_near_lines``: a report counts for
an alley when its point lies within ALLEYS_REPORT_DISTANCE_M of the line, is in one of
ALLEYS_CONDITION_CATEGORIES and was received in the last ALLEYS_CONDITION_MONTHS.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter, defaultdict
from dataclasses import dataclass, field

from django.conf import settings
from django.db.models import QuerySet
from django.utils import timezone

from smartdistrict.accounts.models import User
from smartdistrict.accounts.selectors import Scope, scope_for
from smartdistrict.alleys.geometry import line_coordinates
from smartdistrict.alleys.models import Alley, Proposal, State
from smartdistrict.core.errors import NotFound
from smartdistrict.feedback.near_lines import LineReport, reports_near_lines


def alleys_in(scope: Scope) -> QuerySet[Alley]:
    return scope.filter(Alley.objects.select_related("unit"), unit_field="unit")


def alleys_visible_to(user: User) -> QuerySet[Alley]:
    return alleys_in(scope_for(user))


def alley_for(user: User, code: str) -> Alley:
    alley = alleys_visible_to(user).filter(code=code).first()
    if alley is None:
        raise NotFound()
    return alley


def condition_since(now: dt.datetime | None = None) -> dt.datetime:
    """The start of the window of reports counted (ALLEYS_CONDITION_MONTHS back)."""
    now = now or timezone.now()
    return now - dt.timedelta(days=round(settings.ALLEYS_CONDITION_MONTHS * 30.4375))


@dataclass
class Condition:
    """What residents reported near one alley in the window."""

    alley: Alley
    reports: list[LineReport] = field(default_factory=list)

    @property
    def count(self) -> int:
        return len(self.reports)

    @property
    def open_count(self) -> int:
        return sum(1 for r in self.reports if r.is_open)

    @property
    def per_100m(self) -> float:
        length = self.alley.length_m
        return round(100 * self.count / length, 2) if length else 0.0

    @property
    def per_household(self) -> float | None:
        households = self.alley.households
        return round(self.count / households, 2) if households else None

    @property
    def by_category(self) -> list[tuple[str, int]]:
        return sorted(Counter(r.category_code for r in self.reports).items())

    @property
    def by_half_year(self) -> list[tuple[str, int]]:
        """Counts per half year (“2025-H2”), oldest first, in local time."""
        counts: Counter[str] = Counter()
        for r in self.reports:
            local = timezone.localtime(r.created_at)
            counts[f"{local.year}-H{1 if local.month <= 6 else 2}"] += 1
        return sorted(counts.items())


def conditions(alleys: list[Alley], *, now: dt.datetime | None = None) -> list[Condition]:
    """The condition history of each alley, in the same order (one read of reports)."""
    found = reports_near_lines(
        [line_coordinates(a.geometry) for a in alleys],
        distance_m=settings.ALLEYS_REPORT_DISTANCE_M,
        category_codes=settings.ALLEYS_CONDITION_CATEGORIES, since=condition_since(now),
    )
    by_line: dict[int, list[LineReport]] = defaultdict(list)
    for report in found:
        by_line[report.line].append(report)
    return [Condition(alley, sorted(by_line[i], key=lambda r: r.created_at, reverse=True))
            for i, alley in enumerate(alleys)]


@dataclass
class Candidate:
    rank: int
    condition: Condition
    proposal: Proposal | None  # the alley's latest proposal, if any

    @property
    def alley(self) -> Alley:
        return self.condition.alley


ACTIVE_STATES = frozenset({State.DRAFT, State.CONSULTATION, State.APPROVED, State.WORKS})


def candidates(scope: Scope, *, unit_id: int | None = None,
               now: dt.datetime | None = None) -> list[Candidate]:
    """Alleys in ``scope`` (optionally one ward) ranked by residents' reports per 100 m,
    then per household, then by name: the ones residents complain about most first.
    Three queries (alleys, categories, reports) plus one for their latest proposals."""
    alleys = alleys_in(scope)
    if unit_id is not None:
        alleys = alleys.filter(unit_id=unit_id)
    alleys = list(alleys.order_by("code"))
    found = conditions(alleys, now=now)
    latest: dict[int, Proposal] = {}
    for proposal in Proposal.objects.filter(alley__in=alleys).order_by("alley_id", "-created_at",
                                                                        "-id"):
        latest.setdefault(proposal.alley_id, proposal)
    found.sort(key=lambda c: (-c.per_100m, -(c.per_household or 0), c.alley.name,
                              c.alley.code))
    return [Candidate(rank, c, latest.get(c.alley.id)) for rank, c in enumerate(found, start=1)]
