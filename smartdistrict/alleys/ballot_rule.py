"""The households' decision rule, as a pure function (docs/alleys.md, "The legal rule").

Law 10/2022/QH15 (Art. 15(1)–(2)) lets residents decide directly whether to build public
works they pay for wholly or partly and how much each contributes; the decision needs
the approval share of Art. 21(1), counted on ALL the households (Decree 59/2023/NĐ-CP
Art. 4(1)(b): a meeting too thinly attended to reach it goes to a household ballot), as
Ordinance 34/2007 did (more than 50% of all households). The share is the setting
ALLEYS_APPROVAL_PERCENT (default 50): passed when yes × 100 > percent × households.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction


@dataclass(frozen=True)
class Tally:
    eligible: int  # households listed when the ballot opened
    yes: int
    no: int
    abstain: int
    threshold_percent: Decimal

    def __post_init__(self) -> None:
        if min(self.eligible, self.yes, self.no, self.abstain) < 0:
            raise ValueError("negative count")
        if self.voted > self.eligible:
            raise ValueError("more votes than households")
        if not 0 <= self.threshold_percent < 100:
            raise ValueError("threshold must be at least 0 and below 100")

    @property
    def voted(self) -> int:
        return self.yes + self.no + self.abstain

    @property
    def not_voted(self) -> int:
        return self.eligible - self.voted

    @property
    def needed(self) -> int:
        """The fewest votes in favour that pass: the smallest whole number of households
        strictly above the threshold share of all of them."""
        return math.floor(Fraction(self.threshold_percent) * self.eligible / 100) + 1

    @property
    def passed(self) -> bool:
        return self.eligible > 0 and self.yes >= self.needed

    @property
    def yes_percent(self) -> float:
        return round(100 * self.yes / self.eligible, 1) if self.eligible else 0.0

    @property
    def turnout_percent(self) -> float:
        return round(100 * self.voted / self.eligible, 1) if self.eligible else 0.0
