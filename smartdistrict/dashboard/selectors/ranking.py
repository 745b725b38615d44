"""Units ranked per 1,000 residents: how each ward, commune and special zone compares
with the others of the city over a period.

Every unit valid at the end of the period with a population (the jurisdiction pack's
``population`` column) is ranked twice:

- by **reports received per 1,000 residents** in the period, most first (rank 1 = the
  highest rate). A high rate is not a fault in itself: it reads as "residents here report
  more", and the median says what is usual;
- by the **share resolved on time** among the reports resolved in the period, best first
  (units that resolved nothing are not ranked on it).

Ties share a rank (1, 2, 2, 4). The figures are the dashboard's own (selectors.figures:
the same facts, a former ward counted under the unit that took it over), for the whole
jurisdiction whatever the viewer's scope: only per-unit totals are shown, never a
report. The city page passes the per-unit sums it already read, so the ranking costs no
query there; a ward's page reads the city's sums once.
"""

from __future__ import annotations

import statistics
from collections import defaultdict
from dataclasses import dataclass, field

from smartdistrict.accounts.selectors import Scope
from smartdistrict.dashboard.selectors.figures import Breakdown
from smartdistrict.dashboard.selectors.grouped import period_sums
from smartdistrict.dashboard.selectors.scope import Period, Selection, ward_at
from smartdistrict.dashboard.selectors.sums import Sums
from smartdistrict.geography.index import UnitRecord, get_index

PER = 1000  # residents


@dataclass(frozen=True)
class UnitRank:
    unit: UnitRecord
    population: int | None
    received: int
    resolved: int
    resolved_on_time: int
    per_1000: float | None  # reports received per 1,000 residents in the period
    on_time_rate: float | None
    rank: int | None = None  # by per_1000, 1 = most
    on_time_rank: int | None = None  # by on_time_rate, 1 = best


@dataclass
class Ranking:
    period: Period
    rows: list[UnitRank]  # by rank, then the units that could not be ranked
    ranked: int  # units ranked by reports per 1,000 residents (the N of "rank r/N")
    on_time_ranked: int
    median_per_1000: float | None
    median_on_time: float | None
    _by_id: dict[int, UnitRank] = field(default_factory=dict, repr=False)

    def of(self, unit_id: int) -> UnitRank | None:
        return self._by_id.get(unit_id)


def city_sums(period: Period) -> dict[int, Sums]:
    """The period's sums per unit valid at its end, over the whole jurisdiction."""
    sums: dict[int, Sums] = defaultdict(Sums)
    found = period_sums(Selection(scope=Scope(everything=True)), period, ("ward_id",))
    for ward_id, own in found.by["ward_id"].items():
        record = ward_at(ward_id, period.end)
        sums[record.id if record else ward_id].add(own)
    return sums


def sums_of(breakdowns: list[Breakdown]) -> dict[int, Sums]:
    """The per-unit sums of a city-wide ``Figures.by_ward`` (keys are unit ids)."""
    return {row.key: row.sums for row in breakdowns}


def _ranks(values: list[tuple[int, float]]) -> dict[int, int]:
    """Competition ranks of (unit id, value), highest value first."""
    ordered = sorted(values, key=lambda item: -item[1])
    ranks: dict[int, int] = {}
    for position, (unit_id, value) in enumerate(ordered):
        previous = ordered[position - 1] if position else None
        same = previous is not None and previous[1] == value
        ranks[unit_id] = ranks[previous[0]] if same else position + 1
    return ranks


def ranking(period: Period, sums: dict[int, Sums] | None = None) -> Ranking:
    """The ranking of the units valid at the end of ``period``. ``sums`` are the period's
    per-unit sums over the whole jurisdiction when the caller has them (the city page's
    ``sums_of(figures.by_ward)``); otherwise they are read (city_sums)."""
    if sums is None:
        sums = city_sums(period)
    index = get_index()
    rows: list[UnitRank] = []
    for unit in index.wards_on(period.end):
        own = sums.get(unit.id) or Sums()
        population = index.population.get(unit.id)
        rows.append(UnitRank(
            unit=unit, population=population, received=own.received, resolved=own.resolved,
            resolved_on_time=own.resolved_on_time,
            per_1000=own.received * PER / population if population else None,
            on_time_rate=own.on_time_rate,
        ))
    rates = [(r.unit.id, r.per_1000) for r in rows if r.per_1000 is not None]
    on_time = [(r.unit.id, r.on_time_rate) for r in rows if r.on_time_rate is not None]
    rate_ranks, on_time_ranks = _ranks(rates), _ranks(on_time)
    rows = [
        UnitRank(**{**r.__dict__, "rank": rate_ranks.get(r.unit.id),
                    "on_time_rank": on_time_ranks.get(r.unit.id)})
        for r in rows
    ]
    rows.sort(key=lambda r: (r.rank is None, r.rank or 0, r.unit.name, r.unit.code))
    return Ranking(
        period=period, rows=rows, ranked=len(rates), on_time_ranked=len(on_time),
        median_per_1000=statistics.median(v for _, v in rates) if rates else None,
        median_on_time=statistics.median(v for _, v in on_time) if on_time else None,
        _by_id={r.unit.id: r for r in rows},
    )


def may_see_rank(scope: Scope, unit: UnitRecord | None) -> bool:
    """Whole-jurisdiction viewers see the table; a ward's own officers see its rank."""
    if scope.everything:
        return True
    return unit is not None and unit.id in scope.unit_ids
