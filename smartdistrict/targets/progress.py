"""Progress, status and forecast of an indicator: pure functions over plain numbers.

Nothing here touches the database or the language: callers pass numbers and get numbers
and reason codes back (``explain.py`` turns codes into sentences). docs/targets.md states
each rule in words; tests/test_progress.py checks them by hand-computed examples.

Time is measured in years on an axis where the end of year Y is Y (``periods.axis_of``):
the baseline is the value at the end of the baseline year, a measurement sits at its
period's end.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from enum import StrEnum

HIGHER = "higher"
LOWER = "lower"
LEVEL = "level"
EACH_PERIOD = "each_period"

# Status rule: progress may trail the expected share of the way by this many percentage
# points and still be on track; trailing by more than OFF_TRACK_GAP_PP is off track, and
# anything in between is at risk. Boundaries belong to the better status.
ON_TRACK_TOLERANCE_PP = 5.0
OFF_TRACK_GAP_PP = 20.0
# The forecast chooses between its two methods only with at least this many points: two
# points are fitted exactly by both, and the straight line is then the simpler answer.
MIN_POINTS_TO_CHOOSE = 3

_EPSILON = 1e-9


class Note(StrEnum):
    """Why a progress figure is what it is (explained in explain.py)."""

    NONE = ""
    NO_DATA = "no_data"
    REACHED = "reached"  # exactly at the target
    EXCEEDED = "exceeded"  # beyond the target in the better direction (shown as 100 %)
    REGRESSED = "regressed"  # worse than the baseline (shown as 0 %)
    FLAT_MET = "flat_met"  # target equals baseline, and it is held
    FLAT_MISSED = "flat_missed"  # target equals baseline, and it is not held
    MET = "met"  # each-period target met (ratio not defined: zero or negative target)
    MISSED = "missed"  # each-period target missed (ratio not defined)


class Status(StrEnum):
    ON_TRACK = "on_track"
    AT_RISK = "at_risk"
    OFF_TRACK = "off_track"
    NO_DATA = "no_data"


class Method(StrEnum):
    LINEAR = "linear"
    COMPOUND = "compound"


class Choice(StrEnum):
    """Why the forecast uses the method it uses."""

    NOT_ENOUGH_DATA = "not_enough_data"  # fewer than two points: no forecast
    ONLY_LINEAR = "only_linear"  # compound growth needs positive first and last values
    TWO_POINTS = "two_points"  # both fit exactly: the straight line
    BETTER_FIT = "better_fit"  # the smaller root-mean-square error over the points
    TARGET_YEAR_OVER = "target_year_over"  # nothing left to forecast: the year has ended


@dataclass(frozen=True)
class Progress:
    percent: float | None  # 0…100, what a progress bar shows; None without data
    raw_percent: float | None  # before clamping (e.g. 140 when the target is beaten)
    note: Note = Note.NONE


def is_better_or_equal(a: float, b: float, direction: str) -> bool:
    """Whether ``a`` is at least as good as ``b``."""
    return a >= b - _EPSILON if direction == HIGHER else a <= b + _EPSILON


def target_is_consistent(*, baseline: float, target: float, direction: str) -> bool:
    """A level target must lie on the better side of the baseline (or equal it)."""
    return is_better_or_equal(target, baseline, direction)


def _clamped(raw: float, *, exceeded: Note = Note.EXCEEDED) -> Progress:
    if raw > 100.0 + _EPSILON:
        return Progress(100.0, raw, exceeded)
    if abs(raw - 100.0) <= _EPSILON:
        return Progress(100.0, 100.0, Note.REACHED)
    if raw < -_EPSILON:
        return Progress(0.0, raw, Note.REGRESSED)
    return Progress(max(raw, 0.0), raw, Note.NONE)


def progress_percent(
    *,
    baseline: float,
    target: float,
    actual: float | None,
    direction: str,
    kind: str = LEVEL,
) -> Progress:
    """How far ``actual`` has come.

    Level targets: the share of the way from baseline to target,
    (actual − baseline) / (target − baseline) × 100, which respects the direction because
    a consistent target lies on the better side of the baseline. Beyond the target shows
    100 (note EXCEEDED), worse than the baseline 0 (REGRESSED). When target = baseline
    ("keep it at"), the way has no length: 100 if actual is at least as good, else 0.

    Each-period targets: the achievement ratio of the latest period, actual / target × 100
    when higher is better, target / actual × 100 when lower is better (both clamped as
    above). With a zero or negative target the ratio means nothing: 100 if met, else 0.
    """
    if actual is None or (isinstance(actual, float) and math.isnan(actual)):
        return Progress(None, None, Note.NO_DATA)
    if kind == EACH_PERIOD:
        return _achievement(target=target, actual=actual, direction=direction)
    if not target_is_consistent(baseline=baseline, target=target, direction=direction):
        raise ValueError("a level target must lie on the better side of its baseline")
    if abs(target - baseline) <= _EPSILON:
        if is_better_or_equal(actual, target, direction):
            return Progress(100.0, 100.0, Note.FLAT_MET)
        return Progress(0.0, 0.0, Note.FLAT_MISSED)
    return _clamped((actual - baseline) / (target - baseline) * 100.0)


def _achievement(*, target: float, actual: float, direction: str) -> Progress:
    met = is_better_or_equal(actual, target, direction)
    if target <= _EPSILON or (direction == LOWER and actual <= _EPSILON):
        # No meaningful ratio (target ≤ 0, or nothing left to reduce): met or not.
        return Progress(100.0, 100.0, Note.MET) if met else Progress(0.0, 0.0, Note.MISSED)
    raw = actual / target * 100.0 if direction == HIGHER else target / actual * 100.0
    return _clamped(raw)


def expected_percent(*, baseline_year: int, target_year: int, as_of: float) -> float:
    """The share of the way a linear path would have covered at ``as_of`` (0…100)."""
    share = (as_of - baseline_year) / (target_year - baseline_year)
    return min(max(share, 0.0), 1.0) * 100.0


def status_for(*, progress: Progress, expected: float) -> Status:
    """On track, at risk or off track, comparing progress with the expected share.

    Reaching the target is on track. Otherwise the gap (progress − expected, in points):
    gap ≥ −ON_TRACK_TOLERANCE_PP → on track; gap ≥ −OFF_TRACK_GAP_PP → at risk; else off
    track. Each-period targets expect 100 % in every period.
    """
    if progress.percent is None:
        return Status.NO_DATA
    if progress.percent >= 100.0:
        return Status.ON_TRACK
    gap = round(progress.percent - expected, 6)
    if gap >= -ON_TRACK_TOLERANCE_PP:
        return Status.ON_TRACK
    if gap >= -OFF_TRACK_GAP_PP:
        return Status.AT_RISK
    return Status.OFF_TRACK


# --- forecast ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Fit:
    """One method's trend through the points, or why it does not apply."""

    method: Method
    applicable: bool
    origin: float = 0.0  # linear: mean time of the points; compound: time of the first
    intercept: float = 0.0  # the value at ``origin``
    slope: float = 0.0  # linear: change per year
    rate: float = 0.0  # compound: growth per year (0.05 = 5 %)
    rmse: float | None = None  # root-mean-square error over the points

    def at(self, t: float) -> float:
        if self.method == Method.LINEAR:
            return self.intercept + self.slope * (t - self.origin)
        return self.intercept * (1.0 + self.rate) ** (t - self.origin)


@dataclass(frozen=True)
class Forecast:
    target_year: int
    linear: Fit
    compound: Fit
    chosen: Method | None
    choice: Choice
    points: tuple[tuple[float, float], ...] = field(default=())
    floor: float | None = None  # forecasts below it are shown at it (see ``forecast``)

    def fit(self, method: Method | None = None) -> Fit | None:
        method = method or self.chosen
        if method is None:
            return None
        return self.linear if method == Method.LINEAR else self.compound

    def value(self, method: Method | None = None) -> float | None:
        """The forecast value at the end of the target year (of ``method``, default the
        chosen one); None when that method does not apply."""
        fit = self.fit(method)
        if fit is None or not fit.applicable:
            return None
        value = fit.at(self.target_year)
        return max(value, self.floor) if self.floor is not None else value


def _rmse(fit: Fit, points: Sequence[tuple[float, float]]) -> float:
    return math.sqrt(sum((fit.at(t) - v) ** 2 for t, v in points) / len(points))


def linear_fit(points: Sequence[tuple[float, float]]) -> Fit:
    """Ordinary least squares v = a + b·t over all points (needs two distinct times)."""
    if len({t for t, _v in points}) < 2:
        return Fit(Method.LINEAR, applicable=False)
    n = len(points)
    mean_t = sum(t for t, _v in points) / n
    mean_v = sum(v for _t, v in points) / n
    sxx = sum((t - mean_t) ** 2 for t, _v in points)
    sxy = sum((t - mean_t) * (v - mean_v) for t, v in points)
    slope = sxy / sxx
    fit = Fit(Method.LINEAR, applicable=True, origin=mean_t, intercept=mean_v, slope=slope)
    return replace(fit, rmse=_rmse(fit, points))


def compound_fit(points: Sequence[tuple[float, float]]) -> Fit:
    """Compound annual growth between the first and the last point:
    CAGR = (last / first) ^ (1 / years) − 1. Needs both values positive."""
    ordered = sorted(points)
    if len(ordered) < 2:
        return Fit(Method.COMPOUND, applicable=False)
    (t0, v0), (t1, v1) = ordered[0], ordered[-1]
    if t1 - t0 <= _EPSILON or v0 <= 0 or v1 <= 0:
        return Fit(Method.COMPOUND, applicable=False)
    rate = (v1 / v0) ** (1.0 / (t1 - t0)) - 1.0
    fit = Fit(Method.COMPOUND, applicable=True, intercept=v0, rate=rate, origin=t0)
    return replace(fit, rmse=_rmse(fit, ordered))


def forecast(points: Sequence[tuple[float, float]], *, target_year: int) -> Forecast:
    """Both trends to the end of ``target_year`` and the one chosen by the rule:

    fewer than two points → no forecast; compound growth not applicable → linear; fewer
    than MIN_POINTS_TO_CHOOSE points → linear; otherwise the method with the smaller
    root-mean-square error over the points, linear on a tie (the simpler model).

    When no point is negative the quantity is taken not to go below zero (a share of poor
    households, a count): a falling straight line is then stopped at zero.
    """
    points = tuple(sorted(points))
    floor = 0.0 if points and all(v >= 0 for _t, v in points) else None
    linear, compound = linear_fit(points), compound_fit(points)
    if not linear.applicable:
        chosen, choice = None, Choice.NOT_ENOUGH_DATA
    elif not compound.applicable:
        chosen, choice = Method.LINEAR, Choice.ONLY_LINEAR
    elif len(points) < MIN_POINTS_TO_CHOOSE:
        chosen, choice = Method.LINEAR, Choice.TWO_POINTS
    else:
        better = compound.rmse < linear.rmse - _EPSILON  # type: ignore[operator]
        chosen, choice = (Method.COMPOUND if better else Method.LINEAR), Choice.BETTER_FIT
    return Forecast(target_year, linear, compound, chosen, choice, points, floor)


# --- the whole assessment -----------------------------------------------------------------


@dataclass(frozen=True)
class Assessment:
    progress: Progress
    expected: float | None  # the share a linear path would have covered (level targets)
    status: Status
    as_of: float | None  # time of the latest actual
    latest: float | None  # the latest actual
    forecast: Forecast
    forecast_meets_target: bool | None
    target_year_over: bool = False  # judged on the whole way, with no forecast
    held_back_by_forecast: bool = False  # on track so far, but the forecast falls short

    @property
    def gap(self) -> float | None:
        if self.progress.percent is None or self.expected is None:
            return None
        return self.progress.percent - self.expected


def assess(
    *,
    baseline_value: float,
    baseline_year: int,
    target_value: float,
    target_year: int,
    direction: str,
    kind: str,
    actuals: Sequence[tuple[float, float]],
    now: float | None = None,
) -> Assessment:
    """Progress, status and forecast from the actuals (time on the axis, value), judged at
    ``now`` (on the same axis; None: as if the target year were still ahead).

    The forecast runs through the baseline and the actuals (a measurement at the baseline
    year replaces the baseline). Status compares the latest actual's progress with the
    expected share at that actual's time, so an old figure is judged for its own date.

    One status, never contradicted by the forecast beside it:
    - once the target year is over (``now`` past its end) there is nothing to forecast
      (a "forecast for 2025" read in 2026 is stale): the whole way is expected of the
      latest actual, and the forecast is Choice.TARGET_YEAR_OVER;
    - on track so far but with a forecast that misses the target is at risk
      (``held_back_by_forecast`` says why).
    """
    series = dict(sorted(actuals))
    latest_time = max(series) if series else None
    latest = series[latest_time] if latest_time is not None else None
    progress = progress_percent(
        baseline=baseline_value, target=target_value, actual=latest, direction=direction,
        kind=kind,
    )
    over = now is not None and now > target_year + _EPSILON
    if kind == EACH_PERIOD or (over and latest_time is not None):
        expected = 100.0
    elif latest_time is None:
        expected = None
    else:
        expected = expected_percent(
            baseline_year=baseline_year, target_year=target_year, as_of=latest_time
        )
    status = status_for(progress=progress, expected=expected or 0.0)
    trend_points = {float(baseline_year): baseline_value, **series}
    outlook = forecast(list(trend_points.items()), target_year=target_year)
    if over and outlook.chosen is not None:
        outlook = replace(outlook, chosen=None, choice=Choice.TARGET_YEAR_OVER)
    value = outlook.value()
    meets = None if value is None else is_better_or_equal(value, target_value, direction)
    held_back = (status == Status.ON_TRACK and meets is False
                 and (progress.percent or 0.0) < 100.0)
    if held_back:
        status = Status.AT_RISK
    return Assessment(progress, expected, status, latest_time, latest, outlook, meets,
                      target_year_over=over, held_back_by_forecast=held_back)
