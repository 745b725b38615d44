"""Raw material for demo report texts, kept apart from the generator (demo_texts.py) as
data: common.csv (places, times, polite phrases; see common.py) and categories.csv.

categories.csv has one row per value: ``category, part, slot, text``. Part ``slot`` gives
one value of the category's own slot named in ``slot``; ``core`` a sentence of which one is
always used; ``detail`` a sentence sometimes appended. Rows are read in file order, which
is the order draws index into (the same seed gives the same texts). Sentences cover the
sub-kinds a ward office meets for each category, in the words residents use.
"""

from __future__ import annotations

import csv
from pathlib import Path

from smartdistrict.feedback.suggest.demo_data import common
from smartdistrict.feedback.suggest.demo_data.common import HERE

PARTS = ("core", "detail")


def read_categories(path: Path = HERE / "categories.csv") -> dict[str, dict[str, object]]:
    """Per category code: {"slots": {name: values}, "core": sentences, "detail": sentences}."""
    found: dict[str, dict] = {}
    with open(path, encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            spec = found.setdefault(row["category"], {"slots": {}, "core": [], "detail": []})
            if row["part"] == "slot":
                spec["slots"].setdefault(row["slot"], []).append(row["text"])
            elif row["part"] in PARTS:
                spec[row["part"]].append(row["text"])
            else:
                raise ValueError(f"{path}: unknown part {row['part']!r}")
    return {
        code: {"slots": {name: tuple(v) for name, v in spec["slots"].items()},
               "core": tuple(spec["core"]), "detail": tuple(spec["detail"])}
        for code, spec in found.items()
    }


CATEGORIES: dict[str, dict[str, object]] = read_categories()

__all__ = ["CATEGORIES", "common"]
