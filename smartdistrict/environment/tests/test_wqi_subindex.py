"""Each branch of each VN_WQI sub-index (Decision 1460/QĐ-TCMT), computed by hand."""

import pytest

from smartdistrict.environment.indices import OnBreakpoint, WqiOptions, do_percent, sub_index
from smartdistrict.environment.indices.tables import wqi_tables

LOWER = WqiOptions(on_breakpoint=OnBreakpoint.LOWER_Q)


@pytest.mark.parametrize(("ph", "expected"), [
    (4.0, 10),  # < 5.5
    (5.49, 10),
    (5.5, 50),  # = 5.5: its q
    (5.75, (50 - 100) * (6 - 5.75) / (6 - 5.5) + 100),  # = 75, 5.5 < pH < 6
    (6.0, 100),
    (7.2, 100),  # 6 ≤ pH ≤ 8.5
    (8.5, 100),
    (8.6, (100 - 50) * (9 - 8.6) / (9 - 8.5) + 50),  # = 90, 8.5 < pH < 9
    (9.0, 50),
    (9.01, 10),  # > 9
    (14.0, 10),
])
def test_ph(ph, expected):
    assert sub_index("pH", ph) == pytest.approx(expected)


@pytest.mark.parametrize(("percent", "expected"), [
    (0, 10),
    (19.9, 10),  # < 20 %
    (20, 25),
    (35, (25 - 50) * (50 - 35) / (50 - 20) + 50),  # = 37.5
    (50, 50),
    (60, (50 - 75) * (75 - 60) / (75 - 50) + 75),  # = 60
    (75, 75),
    (80, (75 - 100) * (88 - 80) / (88 - 75) + 100),  # = 84.6154
    (88, 100),
    (100, 100),  # 88–112 %
    (112, 100),
    (118, (100 - 75) * (125 - 118) / (125 - 112) + 75),  # = 88.4615
    (125, 75),
    (140, (75 - 50) * (150 - 140) / (150 - 125) + 50),  # = 60
    (150, 50),
    (175, (50 - 25) * (200 - 175) / (200 - 150) + 25),  # = 37.5
    (200, 25),
    (200.1, 10),  # > 200 %
    (400, 10),
])
def test_do_percent_segments(percent, expected):
    assert wqi_tables().do.q(percent) == pytest.approx(expected)
    assert wqi_tables().do.q(percent, OnBreakpoint.LOWER_Q) == pytest.approx(expected)


def test_do_sub_index_goes_through_percent_saturation():
    # at 30 °C: DO_sat = 14.652 − 0.41022·30 + 0.0079910·900 − 0.000077774·27000
    #                  = 14.652 − 12.3066 + 7.1919 − 2.099898 = 7.437402
    saturation = 14.652 - 0.41022 * 30 + 0.0079910 * 900 - 0.000077774 * 27000
    assert saturation == pytest.approx(7.437402)
    assert do_percent(3.0, 30) == pytest.approx(3.0 / 7.437402 * 100)  # = 40.337 %
    # 20 < 40.337 < 50: q = (25 − 50)(50 − 40.337)/(50 − 20) + 50 = 41.947
    expected = (25 - 50) * (50 - 3.0 / saturation * 100) / (50 - 20) + 50
    assert sub_index("DO", 3.0, temperature=30) == pytest.approx(expected)
    assert round(expected, 3) == 41.947


@pytest.mark.parametrize(("parameter", "value", "higher_q", "lower_q"), [
    # BP1 repeated: ≤ BP1 is 100 either way; just above it the curve goes on from BP2's q
    ("N-NH4", 0.3, 100, 100),
    ("N-NH4", 0.31, (75 - 50) * (0.6 - 0.31) / (0.6 - 0.3) + 50, None),  # = 74.1667
    ("N-NH4", 0.6, 50, 50),
    ("N-NH4", 5.0, 10, 10),
    ("N-NH4", 5.01, 10, 10),
    ("Cd", 0.005, 100, 100),
    ("Cd", 0.0065, (75 - 50) * (0.008 - 0.0065) / (0.008 - 0.005) + 50, None),  # = 62.5
    ("Pb", 0.02, 100, 100),
    ("Hg", 0.001, 100, 100),
    # a later repeated breakpoint: the named option decides, one band step apart
    ("Coliform", 10000, 25, 10),
    ("Coliform", 9000, (50 - 25) * (10000 - 9000) / (10000 - 7500) + 25, None),  # = 35
    ("Coliform", 10001, 10, 10),
    ("E.coli", 200, 25, 10),
    ("E.coli", 150, (50 - 25) * (200 - 150) / (200 - 100) + 25, None),  # = 37.5
    ("N-NO3", 15, 25, 10),
    ("As", 0.1, 25, 10),
    # N-NO2 is binary at 0.05
    ("N-NO2", 0.05, 100, 100),
    ("N-NO2", 0.0501, 10, 10),
    # breakpoints that are not repeated read the same in both modes
    ("BOD5", 6, 75, 75),
    ("BOD5", 0, 100, 100),
    ("COD", 150, 10, 10),
    ("COD", 151, 10, 10),
    ("Zn", 2.5, (25 - 10) * (3.0 - 2.5) / (3.0 - 2.0) + 10, None),  # = 17.5
    # group II: pass/fail at the limit
    ("Aldrin", 0.1, 100, 100),
    ("Aldrin", 0.1001, 10, 10),
    ("Heptachlor & Heptachlorepoxide", 0.2, 100, 100),
])
def test_breakpoint_tables(parameter, value, higher_q, lower_q):
    lower_q = higher_q if lower_q is None else lower_q
    assert sub_index(parameter, value) == pytest.approx(higher_q)
    assert sub_index(parameter, value, options=LOWER) == pytest.approx(lower_q)
