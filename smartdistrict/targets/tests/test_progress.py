"""Progress, status and forecast, checked against figures worked out by hand."""

import math

import pytest
from hypothesis import given
from hypothesis import strategies as st

from smartdistrict.targets.progress import (
    EACH_PERIOD,
    HIGHER,
    LOWER,
    Choice,
    Method,
    Note,
    Progress,
    Status,
    assess,
    expected_percent,
    forecast,
    progress_percent,
    status_for,
)


def level(actual, baseline=100.0, target=200.0, direction=HIGHER):
    return progress_percent(baseline=baseline, target=target, actual=actual, direction=direction)


# --- progress -----------------------------------------------------------------------------


def test_share_of_the_way_higher_is_better():
    assert level(150.0) == Progress(50.0, 50.0, Note.NONE)  # (150 − 100) / (200 − 100)
    assert level(125.0).percent == pytest.approx(25.0)


def test_share_of_the_way_lower_is_better():
    # Poor households 1.2 % → 0 %: at 0.9 % a quarter of the way is covered.
    result = level(0.9, baseline=1.2, target=0.0, direction=LOWER)
    assert result.percent == pytest.approx(25.0)
    assert level(0.0, baseline=1.2, target=0.0, direction=LOWER).note == Note.REACHED


def test_beyond_the_target_is_shown_as_100_and_explained():
    result = level(250.0)
    assert (result.percent, result.raw_percent, result.note) == (100.0, 150.0, Note.EXCEEDED)
    assert level(200.0).note == Note.REACHED


def test_worse_than_the_baseline_is_shown_as_0_and_explained():
    result = level(80.0)
    assert (result.percent, result.raw_percent, result.note) == (0.0, -20.0, Note.REGRESSED)
    lower = level(1.5, baseline=1.2, target=0.0, direction=LOWER)
    assert (lower.percent, lower.note) == (0.0, Note.REGRESSED)


def test_target_equal_to_baseline_means_keep_the_level():
    assert level(96.0, baseline=95.0, target=95.0) == Progress(100.0, 100.0, Note.FLAT_MET)
    assert level(95.0, baseline=95.0, target=95.0).note == Note.FLAT_MET
    assert level(94.0, baseline=95.0, target=95.0) == Progress(0.0, 0.0, Note.FLAT_MISSED)
    assert level(4.0, baseline=5.0, target=5.0, direction=LOWER).note == Note.FLAT_MET
    assert level(6.0, baseline=5.0, target=5.0, direction=LOWER).note == Note.FLAT_MISSED


def test_no_actual_means_no_progress():
    assert level(None) == Progress(None, None, Note.NO_DATA)
    assert level(math.nan).note == Note.NO_DATA


def test_a_level_target_on_the_worse_side_is_refused():
    with pytest.raises(ValueError):
        level(150.0, baseline=100.0, target=90.0, direction=HIGHER)


def each(actual, target, direction=HIGHER):
    return progress_percent(
        baseline=0.0, target=target, actual=actual, direction=direction, kind=EACH_PERIOD
    )


def test_each_period_targets_use_the_achievement_ratio():
    assert each(9.9, 11.0).percent == pytest.approx(90.0)  # growth 9.9 % of 11 %
    beaten = each(13.2, 11.0)
    assert (beaten.percent, beaten.raw_percent, beaten.note) == (
        100.0, pytest.approx(120.0), Note.EXCEEDED)
    assert each(10.0, 5.0, LOWER).percent == pytest.approx(50.0)  # 5 / 10
    assert each(4.0, 5.0, LOWER).note == Note.EXCEEDED  # 5 / 4 = 125 %


def test_each_period_without_a_meaningful_ratio_is_met_or_missed():
    assert each(0.5, 0.0) == Progress(100.0, 100.0, Note.MET)
    assert each(-1.0, 0.0) == Progress(0.0, 0.0, Note.MISSED)
    assert each(0.0, 2.0, LOWER).note == Note.MET
    assert each(-0.5, -1.0).note == Note.MET  # a negative target: no ratio


@given(
    baseline=st.floats(-1e6, 1e6),
    distance=st.floats(0.001, 1e6),
    actual=st.floats(-1e7, 1e7),
    direction=st.sampled_from([HIGHER, LOWER]),
)
def test_progress_stays_between_0_and_100_and_grows_with_better_values(
    baseline, distance, actual, direction
):
    target = baseline + distance if direction == HIGHER else baseline - distance
    result = level(actual, baseline=baseline, target=target, direction=direction)
    assert 0.0 <= result.percent <= 100.0
    better = actual + 1.0 if direction == HIGHER else actual - 1.0
    assert level(better, baseline=baseline, target=target, direction=direction).percent >= (
        result.percent
    )


# --- status --------------------------------------------------------------------------------


def test_expected_share_is_linear_in_time_and_clamped():
    assert expected_percent(baseline_year=2020, target_year=2025, as_of=2023.0) == 60.0
    assert expected_percent(baseline_year=2020, target_year=2025, as_of=2023.5) == 70.0
    assert expected_percent(baseline_year=2020, target_year=2025, as_of=2019.0) == 0.0
    assert expected_percent(baseline_year=2020, target_year=2025, as_of=2026.0) == 100.0


@pytest.mark.parametrize(
    ("percent", "status"),
    [
        (60.0, Status.ON_TRACK),
        (55.0, Status.ON_TRACK),  # exactly 5 points behind: still on track
        (54.99, Status.AT_RISK),
        (40.0, Status.AT_RISK),  # exactly 20 points behind: still at risk
        (39.99, Status.OFF_TRACK),
        (0.0, Status.OFF_TRACK),
    ],
)
def test_status_boundaries_against_an_expected_60_percent(percent, status):
    assert status_for(progress=Progress(percent, percent), expected=60.0) == status


def test_status_when_reached_or_without_data():
    assert status_for(progress=Progress(100.0, 130.0, Note.EXCEEDED), expected=100.0) == (
        Status.ON_TRACK
    )
    assert status_for(progress=Progress(None, None, Note.NO_DATA), expected=40.0) == (
        Status.NO_DATA
    )


# --- forecast ---------------------------------------------------------------------------------


def test_linear_series_is_forecast_by_the_straight_line():
    outlook = forecast([(2020, 100), (2021, 110), (2022, 120), (2023, 130)], target_year=2025)
    assert outlook.linear.slope == pytest.approx(10.0)
    assert outlook.linear.rmse == pytest.approx(0.0, abs=1e-9)
    assert outlook.value(Method.LINEAR) == pytest.approx(150.0)
    # CAGR from 100 to 130 over three years: 1.3^(1/3) − 1 = 9.139 %.
    assert outlook.compound.rate == pytest.approx(1.3 ** (1 / 3) - 1)
    assert outlook.value(Method.COMPOUND) == pytest.approx(130 * 1.3 ** (2 / 3))
    assert (outlook.chosen, outlook.choice) == (Method.LINEAR, Choice.BETTER_FIT)
    assert outlook.value() == pytest.approx(150.0)


def test_compounding_series_is_forecast_by_cagr():
    outlook = forecast([(2020, 100), (2021, 110), (2022, 121), (2023, 133.1)], target_year=2025)
    assert outlook.compound.rate == pytest.approx(0.10)
    assert outlook.value(Method.COMPOUND) == pytest.approx(161.051)  # 100 × 1.1^5
    # Least squares by hand: mean t 2021.5, mean v 116.025, Sxy 55.15, Sxx 5.
    assert outlook.linear.slope == pytest.approx(11.03)
    assert outlook.value(Method.LINEAR) == pytest.approx(116.025 + 11.03 * 3.5)
    assert (outlook.chosen, outlook.choice) == (Method.COMPOUND, Choice.BETTER_FIT)


def test_two_points_use_the_straight_line_and_show_both():
    outlook = forecast([(2020, 100), (2022, 121)], target_year=2025)
    assert (outlook.chosen, outlook.choice) == (Method.LINEAR, Choice.TWO_POINTS)
    assert outlook.value() == pytest.approx(152.5)  # 121 + 10.5 × 3
    assert outlook.value(Method.COMPOUND) == pytest.approx(161.051)


def test_compound_growth_needs_positive_end_values():
    outlook = forecast([(2020, 0), (2021, 120), (2022, 260)], target_year=2025)
    assert not outlook.compound.applicable
    assert (outlook.chosen, outlook.choice) == (Method.LINEAR, Choice.ONLY_LINEAR)
    assert outlook.value(Method.COMPOUND) is None


def test_one_point_gives_no_forecast():
    outlook = forecast([(2020, 100)], target_year=2025)
    assert (outlook.chosen, outlook.choice) == (None, Choice.NOT_ENOUGH_DATA)
    assert outlook.value() is None


def test_a_tie_goes_to_the_straight_line():
    outlook = forecast([(2020, 5), (2021, 5), (2022, 5)], target_year=2025)
    assert (outlook.chosen, outlook.choice) == (Method.LINEAR, Choice.BETTER_FIT)
    assert outlook.value() == pytest.approx(5.0)


def test_non_negative_quantities_are_not_forecast_below_zero():
    outlook = forecast([(2021, 0.95), (2022, 0.62), (2023, 0.28), (2024, 0.0)], target_year=2025)
    assert outlook.linear.at(2025) < 0
    assert outlook.value() == 0.0
    signed = forecast([(2020, -2), (2021, -1), (2022, 0)], target_year=2025)
    assert signed.value() == pytest.approx(3.0)


# --- the whole assessment -----------------------------------------------------------------------


def test_assessment_judges_the_latest_actual_at_its_own_date():
    result = assess(
        baseline_value=100, baseline_year=2020, target_value=200, target_year=2025,
        direction=HIGHER, kind="level", actuals=[(2021.0, 105), (2022.0, 120)],
    )
    assert (result.latest, result.as_of) == (120, 2022.0)
    assert result.progress.percent == pytest.approx(20.0)
    assert result.expected == pytest.approx(40.0)
    assert result.status == Status.AT_RISK  # exactly 20 points behind
    # Trend through the baseline and the actuals: (2020, 100), (2021, 105), (2022, 120).
    assert result.forecast.points == ((2020.0, 100), (2021.0, 105), (2022.0, 120))
    assert result.forecast.linear.slope == pytest.approx(10.0)
    assert result.forecast_meets_target is False


def test_a_measurement_of_the_baseline_year_replaces_the_baseline():
    result = assess(
        baseline_value=100, baseline_year=2020, target_value=200, target_year=2025,
        direction=HIGHER, kind="level", actuals=[(2020.0, 90), (2021.0, 100)],
    )
    assert result.forecast.points == ((2020.0, 90), (2021.0, 100))


def test_each_period_assessment_expects_the_target_every_period():
    result = assess(
        baseline_value=6.5, baseline_year=2020, target_value=11.0, target_year=2025,
        direction=HIGHER, kind=EACH_PERIOD, actuals=[(2022.0, 19.81), (2023.0, 10.2)],
    )
    assert result.expected == 100.0
    assert result.progress.percent == pytest.approx(10.2 / 11 * 100)  # 92.7 %
    assert result.status == Status.AT_RISK


def test_assessment_without_actuals():
    result = assess(
        baseline_value=100, baseline_year=2020, target_value=200, target_year=2025,
        direction=HIGHER, kind="level", actuals=[],
    )
    assert (result.status, result.expected, result.latest) == (Status.NO_DATA, None, None)
    assert result.forecast.choice == Choice.NOT_ENOUGH_DATA
    assert result.forecast_meets_target is None


def test_after_the_target_year_there_is_no_forecast_and_the_whole_way_is_expected():
    """Read in December 2026, a 2025 target has nothing left to forecast."""
    args = dict(baseline_value=100, baseline_year=2020, target_value=200, target_year=2025,
                direction=HIGHER, kind="level", actuals=[(2023.0, 170)])
    during = assess(**args, now=2024.5)
    assert during.status == Status.ON_TRACK and during.forecast.value() is not None
    after = assess(**args, now=2026.0)
    assert after.target_year_over and after.expected == 100.0
    assert after.forecast.chosen is None and after.forecast.value() is None
    assert after.forecast.choice == Choice.TARGET_YEAR_OVER
    assert after.status == Status.OFF_TRACK  # 70 % of the way, 30 points short
    assert assess(**args, now=2025.0).target_year_over is False  # December of the year


def test_on_track_with_a_forecast_that_misses_is_at_risk():
    """One rule: "on track" never stands beside a forecast that falls short."""
    result = assess(
        baseline_value=100, baseline_year=2020, target_value=200, target_year=2025,
        direction=HIGHER, kind="level",
        actuals=[(2020.0, 190), (2021.0, 180), (2022.0, 170), (2023.0, 160)], now=2024.0,
    )
    assert result.progress.percent == pytest.approx(60.0)  # 60 % where 60 % expected
    assert result.forecast_meets_target is False
    assert result.status == Status.AT_RISK and result.held_back_by_forecast
