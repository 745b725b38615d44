"""Hand-computed VN_WQI of whole samples (Decision 1460/QĐ-TCMT), the arithmetic written out.

Notation, from the Decision:
  sub-index on a BP table: q = (q_i − q_{i+1}) · (BP_{i+1} − C) / (BP_{i+1} − BP_i) + q_{i+1}
  VN_WQI = q_pH/100 · (Π q_II)^(1/n)/100 · (Π q_III)^(1/n)/100 · √(mean q_IV · mean q_V)
Each test writes every q, every group factor and the product as expressions, pins the
hand result (rounded) and then compares the function's result with them.
"""

from math import sqrt

import pytest

from smartdistrict.environment.indices import Core, OnBreakpoint, WqiOptions, vn_wqi

T = 25.0  # water temperature (°C) of the samples with DO
DO_SAT_25 = 14.652 - 0.41022 * 25 + 0.0079910 * 25**2 - 0.000077774 * 25**3  # 8.17565625 mg/L


def do_at(percent: float) -> float:
    """The DO (mg/L) that is `percent` % saturation at 25 °C."""
    return percent / 100 * DO_SAT_25


def check(result, q: dict, groups: dict, raw: float) -> None:
    assert dict(result.sub_indices) == pytest.approx(q)
    for code, value in groups.items():
        assert result.groups[code].value == pytest.approx(value), code
    assert result.raw == pytest.approx(raw)
    assert result.missing == ()


def test_do_saturation_at_25_degrees_by_hand():
    # 14.652 − 0.41022·25 + 0.0079910·625 − 0.000077774·15625
    # = 14.652 − 10.2555 + 4.994375 − 1.21521875 = 8.17565625
    assert pytest.approx(8.17565625) == DO_SAT_25
    assert vn_wqi({"DO": DO_SAT_25, "temperature": T}).do_percent == pytest.approx(100.0)


def test_all_five_groups_square_root_core():
    sample = {
        "pH": 7.0,
        "Aldrin": 0.05, "BHC": 0.03,
        "As": 0.015, "Cu": 0.05,
        "DO": do_at(100), "temperature": T, "BOD5": 10, "COD": 20, "N-NH4": 0.45, "P-PO4": 0.25,
        "Coliform": 6000, "E.coli": 30,
    }
    q = {
        "pH": 100,  # 6 ≤ 7.0 ≤ 8.5
        "Aldrin": 100,  # 0.05 ≤ limit 0.1
        "BHC": 10,  # 0.03 > limit 0.02
        "As": (100 - 75) * (0.02 - 0.015) / (0.02 - 0.01) + 75,  # = 87.5
        "Cu": 100,  # 0.05 ≤ BP1 0.1
        "DO": 100,  # 88 ≤ 100 % ≤ 112
        "BOD5": (75 - 50) * (15 - 10) / (15 - 6) + 50,  # = 63.8889
        "COD": (75 - 50) * (30 - 20) / (30 - 15) + 50,  # = 66.6667
        "N-NH4": (75 - 50) * (0.6 - 0.45) / (0.6 - 0.3) + 50,  # = 62.5 (BP2 = BP1 = 0.3)
        "P-PO4": (75 - 50) * (0.3 - 0.25) / (0.3 - 0.2) + 50,  # = 62.5
        "Coliform": (75 - 50) * (7500 - 6000) / (7500 - 5000) + 50,  # = 65
        "E.coli": (100 - 75) * (50 - 30) / (50 - 20) + 75,  # = 91.6667
    }
    q_ii = sqrt(100 * 10)  # = 31.6228 → factor 0.316228
    q_iii = sqrt(q["As"] * 100)  # = √8750 = 93.5414 → factor 0.935414
    mean_iv = (100 + q["BOD5"] + q["COD"] + q["N-NH4"] + q["P-PO4"]) / 5  # = 71.1111
    mean_v = (q["Coliform"] + q["E.coli"]) / 2  # = 78.3333
    core = sqrt(mean_iv * mean_v)  # = √5570.37 = 74.6349
    raw = 100 / 100 * q_ii / 100 * q_iii / 100 * core  # = 1 · 0.316228 · 0.935414 · 74.6349
    assert round(raw, 2) == 22.08

    result = vn_wqi(sample)
    check(result, q, {"I": 100, "II": q_ii, "III": q_iii, "IV": mean_iv, "V": mean_v}, raw)
    assert result.groups["II"].factor == pytest.approx(0.316228, abs=1e-6)
    assert result.core == pytest.approx(core)
    assert result.vn_wqi == 22
    assert (result.band.code, result.band.name_vi, result.band.hex) == ("poor", "Kém", "#FF0000")


def test_same_sample_with_the_weighted_core():
    sample = {"pH": 7.0, "Aldrin": 0.05, "BHC": 0.03, "As": 0.015, "Cu": 0.05,
              "DO": do_at(100), "temperature": T, "BOD5": 10, "COD": 20, "N-NH4": 0.45,
              "P-PO4": 0.25, "Coliform": 6000, "E.coli": 30}
    mean_iv = (100 + 63.888889 + 66.666667 + 62.5 + 62.5) / 5  # = 71.1111 (as above)
    mean_v = (65 + 91.666667) / 2  # = 78.3333
    core = (mean_iv**2 * mean_v) ** (1 / 3)  # = (5056.79 · 78.3333)^(1/3) = 73.4413
    raw = 1 * 0.316228 * 0.935414 * core  # = 21.72
    assert round(raw, 2) == 21.72

    result = vn_wqi(sample, options=WqiOptions(core=Core.WEIGHTED))
    assert result.core == pytest.approx(core, rel=1e-6)
    assert result.raw == pytest.approx(raw, rel=1e-5)
    assert result.vn_wqi == 22


def test_ph_below_5_5_and_do_below_20_percent():
    sample = {"pH": 5.0, "DO": do_at(10), "temperature": T, "BOD5": 4, "COD": 10,
              "N-NH4": 0.3, "Coliform": 2500}
    q = {
        "pH": 10,  # 5.0 < 5.5
        "DO": 10,  # 10 % < 20 %
        "BOD5": 100,  # 4 = BP1
        "COD": 100,  # 10 = BP1
        "N-NH4": 100,  # 0.3 = BP1 (BP1 = BP2 = 0.3): ≤ BP1 gives 100
        "Coliform": 100,  # 2500 = BP1
    }
    mean_iv = (10 + 100 + 100 + 100) / 4  # = 77.5
    core = sqrt(mean_iv * 100)  # = √7750 = 88.0341
    raw = 10 / 100 * 1 * 1 * core  # groups II and III not measured count as 100 → 8.8034
    assert round(raw, 2) == 8.80

    result = vn_wqi(sample)
    check(result, q, {"I": 10, "II": None, "III": None, "IV": mean_iv, "V": 100}, raw)
    assert result.groups["II"].factor == 1.0 and result.groups["III"].factor == 1.0
    assert result.vn_wqi == 9
    assert result.band.code == "very_heavily_polluted"  # < 10: Ô nhiễm rất nặng
    assert result.do_percent == pytest.approx(10)


def test_ph_between_5_5_and_6_high_do_and_repeated_breakpoints():
    sample = {"pH": 5.75, "DO": do_at(118), "temperature": T, "N-NH4": 0.31, "N-NO2": 0.06,
              "Coliform": 10000, "E.coli": 200}
    q = {
        "pH": (50 - 100) * (6 - 5.75) / (6 - 5.5) + 100,  # = 75
        "DO": (100 - 75) * (125 - 118) / (125 - 112) + 75,  # = 88.4615 (112 < 118 % < 125)
        "N-NH4": (75 - 50) * (0.6 - 0.31) / (0.6 - 0.3) + 50,  # = 74.1667: just above BP1 = BP2
        "N-NO2": 10,  # 0.06 > 0.05: binary
        "Coliform": 25,  # 10000 = BP4 = BP5: default higher_q takes BP4's q
        "E.coli": 25,  # 200 = BP4 = BP5: likewise
    }
    mean_iv = (q["DO"] + q["N-NH4"] + 10) / 3  # = 57.5427
    mean_v = (25 + 25) / 2  # = 25
    raw = q["pH"] / 100 * 1 * 1 * sqrt(mean_iv * mean_v)  # = 0.75 · √1438.57 = 0.75 · 37.9285
    assert round(raw, 2) == 28.45

    result = vn_wqi(sample)
    check(result, q, {"I": 75, "IV": mean_iv, "V": 25}, raw)
    assert result.vn_wqi == 28
    assert result.band.name_vi == "Xấu"


def test_repeated_breakpoint_read_as_lower_q():
    sample = {"pH": 5.75, "DO": do_at(118), "temperature": T, "N-NH4": 0.31, "N-NO2": 0.06,
              "Coliform": 10000, "E.coli": 200}
    # lower_q: 10000 and 200 take the q of BP5 (10); nothing else changes
    mean_iv = (88.461538 + 74.166667 + 10) / 3  # = 57.5427
    raw = 0.75 * sqrt(mean_iv * (10 + 10) / 2)  # = 0.75 · √575.427 = 0.75 · 23.9881
    assert round(raw, 2) == 17.99

    result = vn_wqi(sample, options=WqiOptions(on_breakpoint=OnBreakpoint.LOWER_Q))
    assert result.sub_indices["Coliform"] == 10 and result.sub_indices["E.coli"] == 10
    assert result.sub_indices["N-NH4"] == pytest.approx(74.166667)  # not on a breakpoint
    assert result.raw == pytest.approx(raw, rel=1e-6)
    assert result.vn_wqi == 18
    assert result.band.name_vi == "Kém"


def test_ph_between_8_5_and_9_do_above_150_percent_and_no_group_v():
    sample = {"pH": 8.75, "Cd": 0.005, "Hg": 0.0012,
              "DO": do_at(175), "temperature": T, "BOD5": 50, "COD": 5, "N-NO3": 15}
    q = {
        "pH": (100 - 50) * (9 - 8.75) / (9 - 8.5) + 50,  # = 75
        "Cd": 100,  # 0.005 = BP1 (= BP2)
        "Hg": (75 - 50) * (0.0015 - 0.0012) / (0.0015 - 0.001) + 50,  # = 65 (BP1 = BP2 = 0.001)
        "DO": (50 - 25) * (200 - 175) / (200 - 150) + 25,  # = 37.5 (150 < 175 % < 200)
        "BOD5": 10,  # 50 = BP5, not repeated: 10 either way
        "COD": 100,  # 5 < BP1
        "N-NO3": 25,  # 15 = BP4 = BP5: higher_q gives BP4's q
    }
    q_iii = sqrt(100 * q["Hg"])  # = √6500 = 80.6226
    mean_iv = (q["DO"] + 10 + 100 + 25) / 4  # = 43.125
    raw = q["pH"] / 100 * 1 * q_iii / 100 * mean_iv  # no group V: the core is mean q_IV
    assert round(raw, 2) == 26.08  # 0.75 · 0.806226 · 43.125

    result = vn_wqi(sample)
    check(result, q, {"I": 75, "III": q_iii, "IV": mean_iv, "V": None}, raw)
    assert result.core == pytest.approx(mean_iv)
    assert result.vn_wqi == 26
    assert result.band.name_vi == "Xấu"
    # lower_q: N-NO3 15 gives 10 → mean (37.5+10+100+10)/4 = 39.375
    #          → 0.75 · 0.806226 · 39.375 = 23.81 → 24, "Kém"
    lower = vn_wqi(sample, options=WqiOptions(on_breakpoint=OnBreakpoint.LOWER_Q))
    assert round(0.75 * 0.806226 * 39.375, 2) == 23.81
    assert lower.vn_wqi == 24
    assert lower.band.name_vi == "Kém"


def test_ph_above_9_all_pesticides_pass_and_half_rounds_up():
    sample = {"pH": 9.5,
              "Aldrin": 0.1, "BHC": 0.02, "Dieldrin": 0, "DDTs": 1.0,
              "Heptachlor & Heptachlorepoxide": 0.2,
              "DO": do_at(35), "temperature": T, "TOC": 60, "P-PO4": 0.15}
    q = {
        "pH": 10,  # 9.5 > 9
        "Aldrin": 100, "BHC": 100, "Dieldrin": 100, "DDTs": 100,  # each ≤ its limit
        "Heptachlor & Heptachlorepoxide": 100,
        "DO": (25 - 50) * (50 - 35) / (50 - 20) + 50,  # = 37.5 (20 < 35 % < 50)
        "TOC": 10,  # 60 > BP5 = 50
        "P-PO4": (100 - 75) * (0.2 - 0.15) / (0.2 - 0.1) + 75,  # = 87.5
    }
    mean_iv = (37.5 + 10 + 87.5) / 3  # = 45
    raw = 10 / 100 * (100**5) ** (1 / 5) / 100 * 1 * mean_iv  # = 0.1 · 1 · 1 · 45 = 4.5
    assert round(raw, 6) == 4.5

    result = vn_wqi(sample)
    check(result, q, {"I": 10, "II": 100, "IV": mean_iv}, raw)
    assert result.vn_wqi == 5  # 4.5 rounds half up (Python's round() would give 4)
    assert result.band.code == "very_heavily_polluted"


def test_groups_i_and_iii_absent_count_as_100():
    sample = {"Dieldrin": 0.2, "BOD5": 4, "COD": 15, "TOC": 6, "Coliform": 2000}
    q = {
        "Dieldrin": 10,  # 0.2 > 0.1
        "BOD5": 100,  # = BP1
        "COD": 75,  # 15 = BP2 (not repeated)
        "TOC": 75,  # 6 = BP2
        "Coliform": 100,  # < BP1
    }
    mean_iv = (100 + 75 + 75) / 3  # = 83.3333
    raw = 1 * 10 / 100 * 1 * sqrt(mean_iv * 100)  # I, III absent → 1; = 0.1 · 91.2871
    assert round(raw, 2) == 9.13

    result = vn_wqi(sample)
    check(result, q, {"I": None, "II": 10, "III": None, "IV": mean_iv, "V": 100}, raw)
    assert (result.groups["I"].factor, result.groups["III"].factor) == (1.0, 1.0)
    assert result.vn_wqi == 9


def test_too_few_group_iv_parameters_says_which_are_missing():
    result = vn_wqi({"pH": 7.0, "BOD5": 5, "COD": 12, "Coliform": 3000})
    assert result.vn_wqi is None and result.band is None and result.raw is None
    (missing,) = result.missing  # 3 groups have data (I, IV, V): only group IV is short
    assert (missing.rule, missing.needed, missing.given) == ("group_iv", 3, 2)
    assert missing.candidates == ("DO", "TOC", "N-NH4", "N-NO3", "N-NO2", "P-PO4")
    # the sub-indices are still reported: BOD5 5 in (4, 6] → (100−75)(6−5)/(6−4)+75 = 87.5
    assert result.sub_indices["BOD5"] == pytest.approx((100 - 75) * (6 - 5) / (6 - 4) + 75)


def test_do_without_temperature_is_not_usable_and_temperature_is_asked_for():
    result = vn_wqi({"pH": 7.0, "DO": 6.0, "BOD5": 5, "COD": 12, "Coliform": 3000})
    assert result.unused == ("DO",)
    assert "DO" not in result.sub_indices
    (missing,) = result.missing
    assert (missing.rule, missing.given) == ("group_iv", 2)
    assert missing.candidates[0] == "temperature"


def test_too_few_groups_and_both_rules_failing():
    two_groups = vn_wqi({"pH": 7.0, "DO": do_at(90), "temperature": T, "BOD5": 5, "COD": 12})
    (missing,) = two_groups.missing
    assert (missing.rule, missing.needed, missing.given) == ("groups", 3, 2)
    assert missing.candidates == ("II", "III", "V")

    one = vn_wqi({"BOD5": 5})
    assert [(m.rule, m.given) for m in one.missing] == [("group_iv", 1), ("groups", 1)]
    assert vn_wqi({}).missing[1].candidates == ("I", "II", "III", "IV", "V")
