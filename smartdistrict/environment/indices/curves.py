"""Piecewise-linear sub-index curves, evaluated one value at a time or over a column.

Every VN_WQI sub-index (pH, DO %, the pass/fail pesticides, the BP1..BP5 tables) is one
`Curve`: breakpoints xs with their q, a q for values below the first breakpoint and one
for values above the last. The scalar and the vectorised evaluation are written side by
side with the same arithmetic so that they agree to the bit (a property test holds them
to it).
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from dataclasses import dataclass
from enum import StrEnum

import numpy as np


class OnBreakpoint(StrEnum):
    """Which q a value exactly on a *repeated* breakpoint after the first one takes.

    Decision 1460 repeats breakpoints (Coliform 10000, 10000; N-NO3 15, 15; ...) and public
    implementations differ by one band step for a value exactly on such a breakpoint.
    Values on the first breakpoint always take its q (<= BP1 is 100, the QCVN limit), and
    values on a breakpoint that is not repeated get the same q either way.
    """

    HIGHER_Q = "higher_q"
    """Default: the q of the first of the equal breakpoints (segments closed on the right,
    the same reading as "<= BP1 gives 100"): Coliform 10000 gives 25."""
    LOWER_Q = "lower_q"
    """The q of the last of the equal breakpoints: Coliform 10000 gives 10."""


@dataclass(frozen=True)
class Curve:
    xs: tuple[float, ...]
    qs: tuple[float, ...]
    below: float
    above: float

    def __post_init__(self) -> None:
        if len(self.xs) != len(self.qs) or not self.xs:
            raise ValueError("a curve needs as many q as breakpoints, at least one")
        if any(b < a for a, b in zip(self.xs, self.xs[1:], strict=False)):
            raise ValueError(f"breakpoints must not decrease: {self.xs}")

    def q(self, value: float, on_breakpoint: OnBreakpoint = OnBreakpoint.HIGHER_Q) -> float:
        """The sub-index of one value (finite, already validated)."""
        xs, qs = self.xs, self.qs
        if value <= xs[0]:
            return qs[0] if value == xs[0] else self.below
        if value > xs[-1]:
            return self.above
        if on_breakpoint is OnBreakpoint.HIGHER_Q:
            hi = bisect_left(xs, value)  # xs[hi - 1] < value <= xs[hi]
            lo = hi - 1
        else:
            lo = bisect_right(xs, value) - 1  # xs[lo] <= value < xs[lo + 1]
            if xs[lo] == value:
                return qs[lo]
            hi = lo + 1
        # Decision 1460: q = (q_i - q_{i+1}) * (BP_{i+1} - C) / (BP_{i+1} - BP_i) + q_{i+1}
        return (qs[lo] - qs[hi]) * (xs[hi] - value) / (xs[hi] - xs[lo]) + qs[hi]

    def q_array(
        self, values: np.ndarray, on_breakpoint: OnBreakpoint = OnBreakpoint.HIGHER_Q
    ) -> np.ndarray:
        """The sub-indices of a column (float64; NaN in gives NaN out)."""
        xs = np.asarray(self.xs, dtype=np.float64)
        qs = np.asarray(self.qs, dtype=np.float64)
        n = len(xs)
        if n == 1:
            q = np.full(values.shape, np.nan)
        else:
            if on_breakpoint is OnBreakpoint.HIGHER_Q:
                hi = np.clip(np.searchsorted(xs, values, side="left"), 1, n - 1)
                lo = hi - 1
            else:
                last = np.searchsorted(xs, values, side="right") - 1
                lo = np.clip(last, 0, n - 2)
                hi = lo + 1
            x_lo, x_hi, q_lo, q_hi = xs[lo], xs[hi], qs[lo], qs[hi]
            with np.errstate(divide="ignore", invalid="ignore"):
                q = (q_lo - q_hi) * (x_hi - values) / (x_hi - x_lo) + q_hi
            if on_breakpoint is OnBreakpoint.LOWER_Q:
                on = np.clip(last, 0, n - 1)
                q = np.where((last >= 0) & (xs[on] == values), qs[on], q)
        q = np.where(values > xs[-1], self.above, q)
        q = np.where(values < xs[0], self.below, q)
        return np.where(values == xs[0], qs[0], q)
