"""VN_AQI (Decision 1459/QĐ-TCMT): hand-computed sub-indices, the max rule, PM, NowCast."""

import math

import pytest

from smartdistrict.core.errors import InvalidInput
from smartdistrict.environment.indices import (
    OnTop,
    aqi_band,
    aqi_sub_index,
    nowcast,
    vn_aqi,
    vn_aqi_hourly,
)

# AQI = (I_{i+1} − I_i)/(BP_{i+1} − BP_i) · (C − BP_i) + I_i, rounded half up


@pytest.mark.parametrize(("pollutant", "concentration", "expected"), [
    ("PM2.5", 0, 0),
    ("PM2.5", 25, 50),  # on a breakpoint
    ("PM2.5", 35, (100 - 50) / (50 - 25) * (35 - 25) + 50),  # = 70
    ("PM2.5", 100, (200 - 150) / (150 - 80) * (100 - 80) + 150),  # = 164.29 → 164
    ("PM10", 200, (150 - 100) / (250 - 150) * (200 - 150) + 100),  # = 125
    ("NO2", 150, (100 - 50) / (200 - 100) * (150 - 100) + 50),  # = 75
    ("CO", 20000, (100 - 50) / (30000 - 10000) * (20000 - 10000) + 50),  # = 75
    ("SO2", 600, (200 - 150) / (800 - 550) * (600 - 550) + 150),  # = 160
    ("O3_1h", 250, (150 - 100) / (300 - 200) * (250 - 200) + 100),  # = 125
    ("O3_8h", 110, (100 - 50) / (120 - 100) * (110 - 100) + 50),  # = 75
    ("PM2.5", 500, 500),
    ("PM2.5", 800, 500),  # above the table: capped (default)
])
def test_sub_indices(pollutant, concentration, expected):
    assert aqi_sub_index(pollutant, concentration) == math.floor(expected + 0.5)


def test_above_the_table():
    # extrapolate: CO 200000 on the last segment 120000 → 150000 (400 → 500)
    expected = (500 - 400) / (150000 - 120000) * (200000 - 120000) + 400  # = 666.67
    assert aqi_sub_index("CO", 200000, on_top=OnTop.EXTRAPOLATE) == 667 == round(expected)
    # O3 8h stops at 400 µg/m³: above it there is no 8 h sub-index (the 1 h one applies)
    assert aqi_sub_index("O3_8h", 450) is None
    assert aqi_sub_index("O3_8h", 400) == 300


def test_the_index_is_the_largest_sub_index_and_needs_pm():
    result = vn_aqi({"PM2.5": 35, "PM10": 200, "NO2": 150, "CO": None})
    assert dict(result.sub_indices) == {"PM2.5": 70, "PM10": 125, "NO2": 75}
    assert (result.vn_aqi, result.dominant) == (125, "PM10")
    assert (result.band.name_vi, result.band.hex) == ("Kém", "#FF7E00")

    no_pm = vn_aqi({"NO2": 150, "SO2": 600})
    assert no_pm.vn_aqi is None and no_pm.band is None
    assert no_pm.missing == ("PM2.5", "PM10")
    assert dict(no_pm.sub_indices) == {"NO2": 75, "SO2": 160}


@pytest.mark.parametrize(("value", "name"), [
    (0, "Tốt"), (50, "Tốt"), (51, "Trung bình"), (100, "Trung bình"), (101, "Kém"),
    (150, "Kém"), (151, "Xấu"), (200, "Xấu"), (201, "Rất xấu"), (300, "Rất xấu"),
    (301, "Nguy hại"), (500, "Nguy hại"), (667, "Nguy hại"),
])
def test_bands(value, name):
    assert aqi_band(value).name_vi == name


def test_nowcast_by_hand():
    # latest three hours 50, 40, 30: w* = 30/50 = 0.6 ≥ 0.5 → w = 0.6
    # NowCast = (50 + 0.6·40 + 0.36·30) / (1 + 0.6 + 0.36) = 84.8 / 1.96 = 43.2653
    assert nowcast([50, 40, 30]) == pytest.approx(84.8 / 1.96)
    # w* = 10/80 = 0.125 < 0.5 → w = 0.5; hour 2 missing is skipped in both sums:
    # (80 + 0.25·20 + 0.125·10) / (1 + 0.25 + 0.125) = 86.25 / 1.375 = 62.7273
    assert nowcast([80, None, 20, 10]) == pytest.approx(86.25 / 1.375)
    # only 12 hours count: a 13th (however large) changes nothing
    assert nowcast([10.0] * 12 + [1000.0]) == pytest.approx(10.0)
    assert nowcast([0, 0, 0]) == 0.0


def test_nowcast_needs_two_of_the_three_latest_hours():
    assert nowcast([80, None, None, 20, 20]) is None
    assert nowcast([None, math.nan, 30, 20]) is None
    assert nowcast([None, 40, 30]) is not None
    with pytest.raises(InvalidInput):
        nowcast([30, -1, 20])


def test_hourly_index_uses_nowcast_for_pm_and_the_latest_hour_for_gases():
    result = vn_aqi_hourly({"PM2.5": [50, 40, 30], "NO2": [150, 900]})
    # PM2.5 NowCast 43.2653: (100 − 50)/(50 − 25)·(43.2653 − 25) + 50 = 86.53 → 87
    assert result.concentrations["PM2.5"] == pytest.approx(43.2653, abs=1e-4)
    assert dict(result.sub_indices) == {"PM2.5": 87, "NO2": 75}
    assert result.vn_aqi == 87
    assert vn_aqi_hourly({"PM10": [80, None, None]}).missing == ("PM2.5", "PM10")
    with pytest.raises(InvalidInput) as caught:
        vn_aqi_hourly({"O3_8h": [100]})
    assert caught.value.field == "O3_8h"
