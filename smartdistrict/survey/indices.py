"""The indices, as pure functions of counts (docs/survey.md gives the formula and sources).

For each element: the index is the share of answers that are "satisfied" or "very
satisfied" (4 or 5 on the five-level scale) among the answers that scored the element,
in per cent. The overall index is the unweighted mean of the five element indices that
have answers (the element "comments and complaints" is often left unanswered). The
general question is reported beside it, not mixed into it.

Small samples: each index carries its 95 % Wilson interval and a ``few`` flag below
``few_answers`` answers (SURVEY_FEW_ANSWERS), so a page can say the figure is not
reliable rather than rank a unit on three answers.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import cached_property

from smartdistrict.survey.questionnaire import ELEMENTS, ITEMS

Z95 = 1.959963984540054


@dataclass(frozen=True)
class Counts:
    """Counts of one item: answers with a score, satisfied answers, sum of scores."""

    n: int = 0
    satisfied: int = 0
    total: int = 0

    def __add__(self, other: Counts) -> Counts:
        return Counts(self.n + other.n, self.satisfied + other.satisfied,
                      self.total + other.total)


@dataclass(frozen=True)
class ItemIndex:
    n: int
    satisfied: int
    total: int
    few: bool

    @property
    def value(self) -> float | None:
        """Per cent satisfied."""
        return 100.0 * self.satisfied / self.n if self.n else None

    @property
    def mean(self) -> float | None:
        """Mean score, 1–5."""
        return self.total / self.n if self.n else None

    @cached_property
    def interval(self) -> tuple[float, float] | tuple[None, None]:
        """95 % Wilson interval, per cent (computed when shown, not for every line)."""
        if not self.n:
            return None, None
        low, high = wilson(self.satisfied, self.n)
        return 100.0 * low, 100.0 * high

    @property
    def low(self) -> float | None:
        return self.interval[0]

    @property
    def high(self) -> float | None:
        return self.interval[1]


@dataclass(frozen=True)
class Indices:
    responses: int
    items: dict[str, ItemIndex]  # the five elements and "general"
    overall: float | None  # mean of the element indices that have answers
    elements_answered: int
    few: bool  # fewer responses than the threshold

    def value(self, item: str) -> float | None:
        return self.overall if item == "overall" else self.items[item].value


def wilson(successes: int, n: int, z: float = Z95) -> tuple[float, float]:
    """The Wilson score interval of a proportion, as fractions."""
    if n <= 0:
        raise ValueError("no observations")
    p = successes / n
    denominator = 1 + z * z / n
    centre = (p + z * z / (2 * n)) / denominator
    half = z * math.sqrt(p * (1 - p) / n + z * z / (4 * n * n)) / denominator
    # Rounding must not put the bound on the wrong side of the share (k = 0 or k = n).
    return max(0.0, min(p, centre - half)), min(1.0, max(p, centre + half))


def item_index(counts: Counts, few_answers: int) -> ItemIndex:
    return ItemIndex(counts.n, counts.satisfied, counts.total, counts.n < few_answers)


def indices(counts: Mapping[str, Counts], responses: int, few_answers: int) -> Indices:
    """Indices from the counts of each item (missing items count as no answers)."""
    items = {item: item_index(counts.get(item, Counts()), few_answers) for item in ITEMS}
    values = [items[e].value for e in ELEMENTS if items[e].value is not None]
    overall = sum(values) / len(values) if values else None
    return Indices(responses=responses, items=items, overall=overall,
                   elements_answered=len(values), few=responses < few_answers)


def counts_of_scores(scores: Iterable[int | None]) -> Counts:
    """Counts of one item from raw scores (None = not answered)."""
    given = [s for s in scores if s is not None]
    return Counts(len(given), sum(1 for s in given if s >= 4), sum(given))
