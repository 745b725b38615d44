"""Money rules as pure functions: the split adds up, and the households' part is shared.

Amounts are whole đồng (int). A household's share is a multiple of 1,000 đồng, except the
few đồng a total not divisible by 1,000 leaves, which the first full share carries: the
shares always add up to the households' part exactly.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from fractions import Fraction

STEP_VND = 1_000


@dataclass(frozen=True)
class Split:
    estimate_vnd: int
    state_budget_vnd: int
    households_vnd: int
    sponsors_vnd: int

    @property
    def total_vnd(self) -> int:
        return self.state_budget_vnd + self.households_vnd + self.sponsors_vnd

    @property
    def adds_up(self) -> bool:
        return self.estimate_vnd > 0 and self.total_vnd == self.estimate_vnd

    @property
    def difference_vnd(self) -> int:
        """What the split lacks (> 0) or has too much (< 0) against the estimate."""
        return self.estimate_vnd - self.total_vnd

    def percent(self, part: int) -> float:
        return round(100 * part / self.estimate_vnd, 1) if self.estimate_vnd else 0.0

    @property
    def state_percent(self) -> float:
        return self.percent(self.state_budget_vnd)

    @property
    def households_percent(self) -> float:
        return self.percent(self.households_vnd)

    @property
    def sponsors_percent(self) -> float:
        return self.percent(self.sponsors_vnd)

    @property
    def resident_funded(self) -> bool:
        """Paid wholly by the households (and sponsors), no state budget."""
        return self.adds_up and self.state_budget_vnd == 0


def item_amount(quantity: Fraction | float | str, unit_price_vnd: int) -> int:
    """quantity × unit price, rounded half up to the đồng."""
    amount = Fraction(str(quantity)) * unit_price_vnd
    return int(amount + Fraction(1, 2)) if amount >= 0 else -int(-amount + Fraction(1, 2))


def share_out(total_vnd: int, weights: Sequence[Fraction]) -> list[int]:
    """``total_vnd`` shared in proportion to ``weights`` (1 a full share, 0 exempt), in
    steps of 1,000 đồng by largest remainder; the sum is always ``total_vnd``.

    Raises ValueError when there is something to share and every weight is zero."""
    if total_vnd < 0 or any(w < 0 for w in weights):
        raise ValueError("negative amount or weight")
    if not weights:
        if total_vnd:
            raise ValueError("nobody to share with")
        return []
    weight_sum = sum(weights, Fraction(0))
    if weight_sum == 0:
        if total_vnd:
            raise ValueError("every household is exempt")
        return [0] * len(weights)
    units, rest = divmod(total_vnd, STEP_VND)
    exact = [Fraction(units) * w / weight_sum for w in weights]
    shares = [int(e) for e in exact]  # floor: every value is ≥ 0
    left = units - sum(shares)
    by_remainder = sorted(range(len(weights)), key=lambda i: (-(exact[i] - shares[i]), i))
    for i in by_remainder[:left]:
        shares[i] += 1
    amounts = [s * STEP_VND for s in shares]
    if rest:
        first_full = max(range(len(weights)), key=lambda i: (weights[i], -i))
        amounts[first_full] += rest
    return amounts
