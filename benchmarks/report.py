"""The BENCHMARKS.md writer: one table row per figure, with its goal and command."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

COMMAND = "make bench"


@dataclass(frozen=True)
class Figure:
    name: str
    value: str
    goal: str = ""
    baseline: str = ""
    how: str = ""
    holds: bool | None = None  # whether the goal holds, where the module can tell


def write_report(path: Path, figures: list[Figure], *, machine: str, when: dt.datetime,
                 sections: tuple[str, ...] = ()) -> None:
    """The table of figures, then each of ``sections`` (Markdown with its own heading, e.g.
    the load test's, benchmarks/load.py)."""
    lines = [
        "# Benchmarks",
        "",
        f"Written by `{COMMAND}` (benchmarks/run.py) on {when:%Y-%m-%d %H:%M} UTC. "
        "Every figure below was measured in that one run; rerun the command to refresh it.",
        "",
        f"Machine: {machine}.",
        "",
        "| figure | value | goal | baseline (same run) | how |",
        "|---|---|---|---|---|",
    ]
    for figure in figures:
        lines.append(
            f"| {figure.name} | {figure.value} | {figure.goal} | {figure.baseline} | {figure.how} |"
        )
    lines.append("")
    for section in sections:
        lines += [section.rstrip("\n"), ""]
    text = path.read_text(encoding="utf-8") if path.exists() else ""
    for name in KEPT:  # other runs' sections: the million-report figures, the city scale
        kept = _section(text, name)
        if kept:
            lines.extend([kept, ""])
    path.write_text("\n".join(lines), encoding="utf-8")


# Sections written by hand or by another module between ``<!-- name:start -->`` and
# ``<!-- name:end -->``, kept in this order when ``make bench`` rewrites the file:
# "million" (benchmarks/million.py: the whole city, public reports and the survey at the
# largest size of the PostgreSQL run) and "scale" (benchmarks/scale.py), both written by
# ``make bench`` on PostgreSQL through ``replace_section``; "scale-10m" (ten million
# reports, measured by hand with benchmarks/scale.py: docs/BENCHMARKS.md says how).
KEPT = ("million", "scale", "scale-10m")


def _section(text: str, name: str) -> str:
    start, end = f"<!-- {name}:start -->", f"<!-- {name}:end -->"
    if start in text and end in text:
        return start + text.split(start, 1)[1].split(end, 1)[0] + end
    return ""


def replace_section(path: Path, name: str, text: str) -> None:
    """Put ``text`` (starting and ending with the markers of ``name``) in place of that
    section of the file, keeping the rest; appended when the file has none yet."""
    start, end = f"<!-- {name}:start -->", f"<!-- {name}:end -->"
    current = path.read_text(encoding="utf-8") if path.exists() else "# Benchmarks\n"
    if start in current and end in current:
        before, rest = current.split(start, 1)
        current = before + text + rest.split(end, 1)[1]
    else:
        current = current.rstrip("\n") + "\n\n" + text + "\n"
    path.write_text(current, encoding="utf-8")
