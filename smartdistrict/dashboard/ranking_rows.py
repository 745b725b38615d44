"""The ranking per 1,000 residents (selectors.ranking) as the page and the brief show it:
numbers in the viewer's format, "hạng 12/168", links to each unit's dashboard."""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import urlencode

from django.urls import reverse

from smartdistrict.dashboard.presenters import number, percent
from smartdistrict.dashboard.selectors.ranking import Ranking, UnitRank

RATE_DECIMALS = 2  # a month brings about one report per 1,000 residents


@dataclass(frozen=True)
class RankRow:
    rank: str
    code: str
    name: str
    population: str
    received: str
    per_1000: str
    on_time: str
    on_time_rank: str
    link: str
    selected: bool


@dataclass(frozen=True)
class RankSummary:
    """One unit's place: "hạng 12/168" and the medians it compares with."""

    name: str
    rank: str
    per_1000: str
    median_per_1000: str
    on_time_rank: str
    on_time: str
    median_on_time: str


def _of(rank: int | None, out_of: int) -> str:
    return "—" if rank is None else f"{rank}/{out_of}"


def _name(unit, language: str) -> str:
    return (unit.name_en or unit.name) if language == "en" else unit.name


def rows(found: Ranking, *, language: str = "vi", selected: str = "",
         query: dict | None = None) -> list[RankRow]:
    """Every unit, ranked first; each links to the dashboard of that unit for the period."""
    base = reverse("dashboard:home")
    shown = []
    for row in found.rows:
        link = f"{base}?" + urlencode({**(query or {}), "unit": row.unit.code,
                                       "start": found.period.start.isoformat(),
                                       "end": found.period.end.isoformat()})
        shown.append(RankRow(
            rank=str(row.rank) if row.rank else "—", code=row.unit.code,
            name=_name(row.unit, language), population=number(row.population),
            received=number(row.received), per_1000=number(row.per_1000, RATE_DECIMALS),
            on_time=percent(row.on_time_rate),
            on_time_rank=_of(row.on_time_rank, found.on_time_ranked),
            link=link, selected=row.unit.code == selected,
        ))
    return shown


def summary(found: Ranking, unit: UnitRank, *, language: str = "vi") -> RankSummary:
    return RankSummary(
        name=_name(unit.unit, language), rank=_of(unit.rank, found.ranked),
        per_1000=number(unit.per_1000, RATE_DECIMALS),
        median_per_1000=number(found.median_per_1000, RATE_DECIMALS),
        on_time_rank=_of(unit.on_time_rank, found.on_time_ranked),
        on_time=percent(unit.on_time_rate), median_on_time=percent(found.median_on_time),
    )


def context(found: Ranking, *, unit_code: str = "", unit_id: int | None = None,
            language: str = "vi", query: dict | None = None) -> dict:
    """What the dashboard's ranking section needs: the whole table for the city page,
    one unit's summary for a unit's page."""
    medians = {"median_per_1000": number(found.median_per_1000, RATE_DECIMALS),
               "median_on_time": percent(found.median_on_time)}
    if unit_id is None:
        return {"ranking": found, "rank_rows": rows(found, language=language, query=query),
                **medians}
    mine = found.of(unit_id)
    return {"ranking": found, **medians,
            "rank_summary": summary(found, mine, language=language) if mine else None}
