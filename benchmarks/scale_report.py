"""The city-scale section of docs/BENCHMARKS.md (benchmarks/scale.py): the figures of each
size, their goals, same-run baselines and growth, rendered as one Markdown table."""

from __future__ import annotations

import datetime as dt
import os
import statistics
from dataclasses import dataclass, field
from pathlib import Path

from django.db import connection

from benchmarks.report import replace_section

OUTPUT = Path(__file__).resolve().parent.parent / "docs" / "BENCHMARKS.md"
START, END = "<!-- scale:start -->", "<!-- scale:end -->"


@dataclass
class Measure:
    """One figure at one size: ``value`` in its unit (ms, or per second when ``rate``)."""

    value: float
    text: str
    baseline: str = ""
    rate: bool = False
    ok: bool = True  # a second condition of the goal (e.g. the ratio to the baseline)
    rounds: list[float] = field(default_factory=list)  # each round's value, sizes in turns


@dataclass
class Scale:
    size: int
    measures: dict[str, Measure] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)


GOALS = {
    "report_create": ("≥ 300/s; ≥ 0.8× the smallest size's", 300.0),
    "open311_post": ("≥ 150/s, 0 lost", 150.0),
    "open311_get": ("p50 ≤ 60 ms and ≤ 1.5× baseline", 60.0),
    "headline figures, 30 days": ("≤ 100 ms", 100.0),
    "headline figures, 365 days": ("≤ 100 ms", 100.0),
    "refresh after 1,000 changes spread": ("≤ 1 s", 1000.0),
    "refresh after 1,000 recent changes": ("≤ 0.3 s", 300.0),
}
CONSOLE_GOAL = ("p50 ≤ 150 ms", 150.0)


def _holds(name: str, measure: Measure) -> bool:
    _text, limit = GOALS.get(name, CONSOLE_GOAL)
    within = measure.value >= limit if measure.rate else measure.value <= limit
    return within and measure.ok


GROWTH_LIMIT = 1.3  # issue 18: a time grows at most 1.3×, a rate keeps at least 0.8×
RATE_FLOOR = 0.8


def growth_holds(growth: float, *, rate: bool) -> bool:
    """Whether the larger size's figure over the smaller's meets the growth goal."""
    return growth >= RATE_FLOOR if rate else growth <= GROWTH_LIMIT


def growth(larger: Measure, smaller: Measure) -> float | None:
    """The larger size's figure over the smaller's: the median of the rounds' ratios when
    both were measured in the same rounds (each pair ran within seconds of each other, so
    a change of load on the machine touches both), else the ratio of the two figures."""
    if larger.rounds and len(larger.rounds) == len(smaller.rounds):
        pairs = [a / b for a, b in zip(larger.rounds, smaller.rounds, strict=True) if b]
        if pairs:
            return statistics.median(pairs)
    return larger.value / smaller.value if smaller.value else None


def engine() -> str:
    if connection.vendor == "postgresql":
        return f"PostgreSQL {connection.pg_version // 10000}"
    return connection.vendor


def render(scales: list[Scale], started: dt.datetime, loads: list[str]) -> str:
    first = scales[0]
    sizes = " | ".join(f"{s.size:,} reports" for s in scales)
    heads = "".join(f" growth {first.size:,} → {s.size:,} |" for s in scales[1:])
    lines = [
        START,
        "## PostgreSQL at city scale (issue 18)",
        "",
        f"Written by `BENCH_DATABASE_URL=… BENCH_SCALES="
        f"{','.join(str(s.size) for s in scales)} make bench` (benchmarks/scale.py), "
        f"started {started:%Y-%m-%d %H:%M} UTC, on {engine()}, {os.cpu_count()} cores. "
        "Each size is its own database (the smaller ones copies kept as the database grew), "
        "served by its own worker process; the sizes take turns round by round (in "
        "alternating order), so that both meet the same load on this shared machine "
        f"(load average 1/5 min over the measurements: {'; '.join(loads)}).",
        "",
        "Growth: the median, over the rounds, of the larger size's figure over the smaller's "
        "in the same round; for a time the goal is ≤ 1.3×, for a rate (marked /s) ≥ 0.8×. A "
        "goal holds (✓) when the largest size meets it and its growth meets the growth goal "
        "(a growth that misses it is marked ✗ beside the ratio).",
        "",
        f"| figure | goal | {sizes} |{heads} holds |",
        "|---|---|" + "---|" * len(scales) + "---|" * (len(scales) - 1) + "---|",
    ]
    for name in first.measures:
        goal = GOALS.get(name, CONSOLE_GOAL)[0]
        cells = []
        for scale in scales:
            m = scale.measures.get(name)
            cells.append(f"{m.text}; baseline: {m.baseline}" if m and m.baseline else
                         (m.text if m else "not measured"))
        ratios, grew_ok = [], True
        for scale in scales[1:]:
            m, m0 = scale.measures.get(name), first.measures[name]
            grew = growth(m, m0) if m else None
            within = grew is None or growth_holds(grew, rate=m0.rate)
            grew_ok = grew_ok and within
            ratios.append("" if grew is None else f"{grew:.2f}×" + ("" if within else " ✗"))
        last = scales[-1].measures.get(name)
        ok = "✓" if last and _holds(name, last) and grew_ok else "✗"
        lines.append(f"| {name} | {goal} | " + " | ".join(cells) + " | "
                     + "".join(f"{r} | " for r in ratios) + f"{ok} |")
    lines.append("")
    for scale in scales:
        if scale.notes:  # a run by hand on databases as they stand has none
            lines.append(f"- {scale.size:,} reports: " + "; ".join(scale.notes) + ".")
    lines.extend(["", END])
    return "\n".join(lines)


def write_section(text: str, path: Path = OUTPUT) -> None:
    """Replace the section between the markers (or append it), keeping the rest."""
    replace_section(path, "scale", text)
