"""Shared raw material for demo report texts: Bình Thạnh places, times, polite phrases,
read from common.csv (columns list, text; one row per value, in draw order).

Templates use ``{slot}`` fields; a slot is one of COMMON_SLOTS or one that the
category defines (categories.csv). demo_texts.py checks every field at
import, so a misspelt slot fails loudly instead of producing "{stret}".
"""

from __future__ import annotations

import csv
import random
from pathlib import Path

HERE = Path(__file__).resolve().parent


def read_lists(path: Path) -> dict[str, tuple[str, ...]]:
    """The values of each list in ``path`` (CSV: list, text), in file order."""
    lists: dict[str, list[str]] = {}
    with open(path, encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            lists.setdefault(row["list"], []).append(row["text"])
    return {name: tuple(values) for name, values in lists.items()}


_LISTS = read_lists(HERE / "common.csv")
STREETS = _LISTS["street"]
LANDMARKS = _LISTS["landmark"]
WARDS = _LISTS["ward"]
TIMES = _LISTS["time"]
DURATIONS = _LISTS["dur"]
CANALS = _LISTS["canal"]
BRIDGES = _LISTS["bridge"]
PARKS = _LISTS["park"]
OPENINGS = _LISTS["opening"]
DURATION_SENTENCES = _LISTS["duration_sentence"]
CLOSINGS = _LISTS["closing"]


def _render_places(rng: random.Random, count: int) -> tuple[str, ...]:
    """Pre-render addresses once so that filling a template is only a list lookup."""
    forms = _LISTS["place_form"]
    places = []
    for _ in range(count):
        form = rng.choice(forms)
        places.append(
            form.format(
                n=rng.randint(1, 480),
                m=rng.randint(1, 60),
                s=rng.choice(STREETS),
                l=rng.choice(LANDMARKS),
                k=rng.randint(1, 9),
                w=rng.choice(WARDS),
            )
        )
    return tuple(places)


def _render_junctions(rng: random.Random, count: int) -> tuple[str, ...]:
    kinds = _LISTS["junction_kind"]
    junctions = list(_LISTS["junction"])  # the named ones, then made-up crossings
    while len(junctions) < count:
        first, second = rng.sample(STREETS, 2)
        junctions.append(f"{rng.choice(kinds)} {first} - {second}")
    return tuple(junctions)


_PLACE_RNG = random.Random(20240601)

COMMON_SLOTS: dict[str, tuple[str, ...]] = {
    "street": STREETS,
    "landmark": LANDMARKS,
    "ward": WARDS,
    "time": TIMES,
    "dur": DURATIONS,
    "place": _render_places(_PLACE_RNG, 600),
    "hem": tuple(str(n) for n in range(2, 400, 3)),
    "n": tuple(str(n) for n in range(1, 60)),
    "canal": CANALS,
    "bridge": BRIDGES,
    "park": PARKS,
    "junction": _render_junctions(_PLACE_RNG, 80),
}
