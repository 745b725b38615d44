"""Rule evaluation as pure functions: QCVN class thresholds, VN_WQI bands, silence."""

from __future__ import annotations

import datetime as dt

import pytest

from smartdistrict.environment.alerts.rules import (
    CLEAR,
    FIRING,
    UNKNOWN,
    LatestValue,
    qcvn_verdict,
    silence_verdict,
    threshold_limit,
    wqi_band_of_level,
    wqi_bands,
    wqi_verdict,
)

T = dt.datetime(2026, 11, 20, 1, 0, tzinfo=dt.UTC)


def value(parameter, number, quality="ok", at=T):
    return LatestValue(parameter, number, at, "", quality)


@pytest.mark.parametrize(
    ("parameter", "number", "threshold", "state", "klass"),
    [
        ("DO", 6.2, "B", CLEAR, "A"),
        ("DO", 5.0, "B", CLEAR, "B"),  # on the class B bound (≥ 5.0): B, not worse
        ("DO", 4.99, "B", FIRING, "C"),
        ("DO", 4.0, "C", CLEAR, "C"),
        ("DO", 3.9, "C", FIRING, "D"),
        ("DO", 1.0, "C", FIRING, "D"),  # beyond the printed D bound: still D
        ("pH", 6.3, "A", FIRING, "B"),  # below A's 6.5 on the acid side
        ("pH", 8.6, "C", FIRING, "D"),  # above 8.5 on the alkaline side
        ("pH", 7.0, "A", CLEAR, "A"),
        ("BOD5", 6.0, "B", CLEAR, "B"),
        ("BOD5", 6.01, "B", FIRING, "C"),
        ("Coliform", 7500, "C", CLEAR, "C"),
        ("Coliform", 7501, "C", FIRING, "D"),
    ],
)
def test_qcvn_threshold_fires_only_on_a_worse_class(parameter, number, threshold, state, klass):
    verdict = qcvn_verdict(parameter=parameter, threshold=threshold,
                           latest=value(parameter, number))
    assert verdict.state == state
    assert verdict.details["class"] == klass and verdict.value == number
    assert verdict.details["threshold"] == threshold
    assert verdict.details["observed_at"] == T.isoformat()


def test_qcvn_verdict_is_unknown_without_a_usable_reading():
    assert qcvn_verdict(parameter="DO", threshold="C", latest=None).state == UNKNOWN
    flagged = value("DO", 0.5, quality="out_of_range")
    assert qcvn_verdict(parameter="DO", threshold="C", latest=flagged).state == UNKNOWN
    # turbidity is not classified by QCVN 08:2023 Table 2
    assert qcvn_verdict(parameter="turbidity", threshold="C",
                        latest=value("turbidity", 900)).state == UNKNOWN


def test_the_threshold_limit_is_the_bound_as_printed():
    assert threshold_limit("DO", "C") == "≥ 4"
    assert threshold_limit("pH", "A") == "6.5–8.5"
    assert threshold_limit("BOD5", "B") == "≤ 6"
    assert threshold_limit("turbidity", "B") == ""


def sample(**values):
    return {key: value(key, number) for key, number in values.items()}


def test_wqi_band_rule_fires_at_kem_or_worse_and_clears_above():
    # Heavily polluted: DO_sat(29.5 °C) = 7.508 mg/L, so DO 1.0 is 13 % (< 20 %: q 10);
    # BOD5 60 > 50, COD 200 > 150, N-NH4 6 > 5, Coliform 20000 > 10000: q 10 each; pH 7:
    # q 100 (factor 1). VN_WQI = 1 · 1 · 1 · √(mean_IV 10 · mean_V 10) = 10: "Kém", level 5.
    bad = sample(pH=7.0, DO=1.0, temperature=29.5, BOD5=60, COD=200, **{"N-NH4": 6})
    bad["Coliform"] = value("Coliform", 20000)
    verdict = wqi_verdict(level=5, latest=bad)
    assert verdict.state == FIRING and verdict.value == 10
    assert verdict.details["band"] == "poor" and verdict.details["band_level"] == 5
    assert verdict.details["level_name_vi"] == "Kém"
    # A clean sample: BOD5 4, COD 10, N-NH4 0.3, Coliform 2500 are on BP1 (q 100); DO 6.7
    # at 29.5 °C is 89.2 % (88–112 %: q 100): VN_WQI = √(100 · 100) = 100, "Rất tốt".
    good = sample(pH=7.0, DO=6.7, temperature=29.5, BOD5=4, COD=10, Coliform=2500,
                  **{"N-NH4": 0.3})
    verdict = wqi_verdict(level=5, latest=good)
    assert verdict.state == CLEAR and verdict.value == 100
    assert verdict.details["band_level"] == 1


def test_wqi_rule_ignores_other_parameters_and_flagged_values():
    latest = sample(pH=7.0, DO=1.0, temperature=29.5, BOD5=60, COD=200, turbidity=80)
    latest["N-NH4"] = value("N-NH4", 6)
    latest["Coliform"] = value("Coliform", 20000)
    assert wqi_verdict(level=5, latest=latest).state == FIRING  # turbidity ignored
    latest["BOD5"] = value("BOD5", 60, quality="out_of_range")
    latest["COD"] = value("COD", 200, quality="out_of_range")
    # Group IV is left with DO and N-NH4: too little data, so unknown (not clear).
    assert wqi_verdict(level=5, latest=latest).state == UNKNOWN


def test_a_sensor_station_alone_has_too_few_parameters_for_the_index():
    latest = sample(pH=7.0, DO=1.0, temperature=29.5, turbidity=80)
    assert wqi_verdict(level=5, latest=latest).state == UNKNOWN


def test_the_bands_come_from_the_indices_table():
    levels = [band.level for band in wqi_bands()]
    assert levels == [1, 2, 3, 4, 5, 6]
    assert wqi_band_of_level(5).hex == "#FF0000" and wqi_band_of_level(7) is None


@pytest.mark.parametrize(
    ("minutes_silent", "state"),
    [(5, CLEAR), (15, CLEAR), (15.5, FIRING), (600, FIRING)],
)
def test_silence_fires_past_k_times_the_interval(minutes_silent, state):
    last = T - dt.timedelta(minutes=minutes_silent)
    verdict = silence_verdict(factor=3, interval=dt.timedelta(minutes=5), last_seen=last,
                              now=T)
    assert verdict.state == state
    assert verdict.details["limit_minutes"] == 15
    assert verdict.value == pytest.approx(minutes_silent / 60, abs=0.01)


def test_a_station_that_never_reported_is_not_silent_but_unknown():
    verdict = silence_verdict(factor=3, interval=dt.timedelta(minutes=5), last_seen=None, now=T)
    assert verdict.state == UNKNOWN
