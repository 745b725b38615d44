"""Properties of VN_WQI over random samples: monotone, bounded, scalar = vectorised."""

import math

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from smartdistrict.environment.indices import (
    Core,
    OnBreakpoint,
    WqiOptions,
    do_saturation,
    params,
    vn_wqi,
    vn_wqi_columns,
)
from smartdistrict.environment.indices.tables import wqi_tables

# Generous upper ends, so every branch (above the last breakpoint included) is drawn.
UPPER = {"pH": 14.0, "temperature": 50.0, "DO": 20.0}
POLLUTANTS = (*params.GROUP_II, *params.GROUP_III, *params.GROUP_IV[1:], *params.GROUP_V)
OPTIONS = [WqiOptions(core, tie) for core in Core for tie in OnBreakpoint]


def _interesting(key: str) -> list[float]:
    """Exact breakpoints (and zero): where ties and jumps are."""
    tables = wqi_tables()
    if key == "pH":
        return [0.0, *tables.ph.xs]
    if key == "DO":  # DO at exactly each DO % breakpoint, at 25 °C
        return [0.0, *(x / 100 * do_saturation(25.0) for x in tables.do.xs)]
    if key == "temperature":
        return [0.0, 25.0, 50.0]
    return [0.0, *tables.curves[key].xs]


def _value(key: str):
    upper = UPPER.get(key) or 2.5 * max(_interesting(key))
    return st.one_of(st.sampled_from(_interesting(key)),
                     st.floats(0, upper, allow_nan=False, allow_infinity=False))


samples = st.fixed_dictionaries({}, optional={key: _value(key) for key in params.WQI_KEYS})


@settings(max_examples=300, deadline=None, derandomize=True)
@given(st.lists(samples, min_size=1, max_size=25), st.sampled_from(OPTIONS))
def test_vectorised_equals_scalar(rows, options):
    columns = {key: np.array([row.get(key, np.nan) for row in rows]) for key in params.WQI_KEYS}
    vector = vn_wqi_columns(columns, options=options)
    for n, row in enumerate(rows):
        scalar = vn_wqi(row, options=options)
        assert bool(vector.computed[n]) == (scalar.vn_wqi is not None)
        if scalar.vn_wqi is None:
            assert vector.vn_wqi[n] == -1 and math.isnan(vector.raw[n])
        else:
            assert int(vector.vn_wqi[n]) == scalar.vn_wqi
            assert vector.raw[n] == pytest.approx(scalar.raw, rel=1e-12)
        if scalar.do_percent is None:
            assert math.isnan(vector.do_percent[n])
        else:
            assert vector.do_percent[n] == scalar.do_percent
        assert vector.group_iv_count[n] == len(scalar.groups["IV"].parameters)


@settings(max_examples=300, deadline=None, derandomize=True)
@given(samples, st.sampled_from(OPTIONS))
def test_bounds(sample, options):
    result = vn_wqi(sample, options=options)
    assert all(10 <= q <= 100 for q in result.sub_indices.values())
    for code in ("I", "II", "III"):
        assert 0.1 * (1 - 1e-12) <= result.groups[code].factor <= 1.0 + 1e-12
    if result.vn_wqi is not None:
        assert 0 <= result.vn_wqi <= 100
        assert result.band.min <= result.vn_wqi <= result.band.max
        assert result.missing == ()
    else:
        assert result.missing


@settings(max_examples=400, deadline=None, derandomize=True)
@given(st.data(), samples, st.sampled_from(OPTIONS))
def test_more_pollutant_never_raises_the_index(data, sample, options):
    present = [key for key in POLLUTANTS if key in sample]
    before = vn_wqi(sample, options=options)
    if not present or before.vn_wqi is None:
        return
    key = data.draw(st.sampled_from(present))
    more = data.draw(st.floats(0, 2 * max(_interesting(key)) + 1, allow_nan=False))
    after = vn_wqi({**sample, key: sample[key] + more}, options=options)
    assert after.sub_indices[key] <= before.sub_indices[key]
    assert after.raw <= before.raw * (1 + 1e-12)
    assert after.vn_wqi <= before.vn_wqi


@settings(max_examples=300, deadline=None, derandomize=True)
@given(st.data(), samples)
def test_ph_and_do_closer_to_ideal_never_lower_the_index(data, sample):
    before = vn_wqi(sample)
    if before.vn_wqi is None:
        return
    changed = dict(sample)
    if "pH" in sample:
        changed["pH"] = data.draw(st.floats(min(sample["pH"], 7.0), max(sample["pH"], 7.0)))
    if "DO" in sample and "temperature" in sample:
        ideal = do_saturation(sample["temperature"])  # 100 %
        changed["DO"] = data.draw(st.floats(min(sample["DO"], ideal), max(sample["DO"], ideal)))
    after = vn_wqi(changed)
    assert after.raw >= before.raw * (1 - 1e-12)
    assert after.vn_wqi >= before.vn_wqi
