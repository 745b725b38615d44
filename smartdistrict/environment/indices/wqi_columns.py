"""VN_WQI over columns of samples with NumPy: the same arithmetic as `wqi.vn_wqi`, per row.

Input is {parameter key: 1-D array}, all of one length, with NaN meaning "not measured" (a
whole parameter may also be left out). The result gives, per sample, the integer index,
whether the minimum-data rule held, the unrounded product and DO %. A property test holds
every row to the scalar function; the benchmark (benchmarks/wqi.py) measures the rate.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

import numpy as np

from smartdistrict.environment.indices import params, validation
from smartdistrict.environment.indices.tables import wqi_tables
from smartdistrict.environment.indices.wqi import (
    DEFAULT_OPTIONS,
    ROUNDING_ALLOWANCE,
    Core,
    WqiOptions,
)

NOT_COMPUTED = -1  # the value of vn_wqi where the minimum-data rule fails


@dataclass(frozen=True)
class WqiColumns:
    vn_wqi: np.ndarray  # int64; NOT_COMPUTED (-1) where `computed` is False
    computed: np.ndarray  # bool: the minimum-data rule held
    raw: np.ndarray  # float64 product before rounding; NaN where not computed
    do_percent: np.ndarray  # float64; NaN where DO or temperature is missing
    group_iv_count: np.ndarray  # int: usable group IV parameters per sample
    group_count: np.ndarray  # int: groups with data per sample

    @property
    def missing_data(self) -> np.ndarray:
        """bool: the rows where the minimum-data rule fails."""
        return ~self.computed


def _length(columns: Mapping[str, object]) -> int:
    for values in columns.values():
        return int(np.shape(values)[0]) if np.ndim(values) else -1
    return 0


def vn_wqi_columns(columns: Mapping[str, object], *, options: WqiOptions = DEFAULT_OPTIONS,
                   ignore_unknown: bool = False) -> WqiColumns:
    """VN_WQI of every row of `columns`; see the module docstring.

    Raises core.errors.InvalidInput for an unknown key (unless `ignore_unknown`), columns
    of different lengths, or a value that is not NaN and not a valid measurement (the
    error's `row` names the first bad sample).
    """
    if not ignore_unknown:
        validation.unknown_keys(columns, params.WQI_KEYS)
    length = _length(columns)
    data = {key: validation.column(key, columns[key], length)
            for key in params.WQI_KEYS if key in columns}
    tables = wqi_tables()
    tie = options.on_breakpoint
    nan = np.full(max(length, 0), np.nan)

    def present(key: str) -> np.ndarray:
        return ~np.isnan(data[key]) if key in data else np.zeros(nan.shape, dtype=bool)

    temperature = data.get(params.TEMPERATURE, nan)
    do = data.get(params.DO, nan)
    saturation = 14.652 - 0.41022 * temperature + 0.0079910 * temperature * temperature \
        - 0.000077774 * temperature * temperature * temperature
    percent = do / saturation * 100.0

    def q_of(key: str) -> tuple[np.ndarray, np.ndarray]:
        """(q, present) of one parameter: q is only meaningful where present."""
        if key == params.PH:
            return tables.ph.q_array(data.get(key, nan), tie), present(key)
        if key == params.DO:
            usable = present(params.DO) & present(params.TEMPERATURE)
            return tables.do.q_array(percent, tie), usable
        return tables.curves[key].q_array(data.get(key, nan), tie), present(key)

    factors, means, counts, has_data = {}, {}, {}, {}
    for code, keys in params.GROUPS.items():
        count = np.zeros(nan.shape, dtype=np.int64)
        if code in ("I", "II", "III"):
            product = np.ones(nan.shape)
            for key in keys:
                if key not in data and key != params.DO:
                    continue
                q, here = q_of(key)
                product *= np.where(here, q, 1.0)
                count += here
            with np.errstate(divide="ignore", invalid="ignore"):
                value = product if code == "I" else np.power(product, 1.0 / count)
            factors[code] = np.where(count > 0, value / 100.0, 1.0)
        else:
            total = np.zeros(nan.shape)
            for key in keys:
                if key not in data and key != params.DO:
                    continue
                q, here = q_of(key)
                total += np.where(here, q, 0.0)
                count += here
            with np.errstate(divide="ignore", invalid="ignore"):
                means[code] = total / count
        counts[code] = count
        has_data[code] = count > 0

    group_count = sum(has_data[code].astype(np.int64) for code in params.GROUPS)
    computed = (counts["IV"] >= params.MIN_GROUP_IV) & (group_count >= params.MIN_GROUPS)
    mean_iv, mean_v = means["IV"], means["V"]
    with np.errstate(invalid="ignore"):
        if options.core is Core.WEIGHTED:
            both = np.power(mean_iv * mean_iv * mean_v, 1.0 / 3.0)
        else:
            both = np.sqrt(mean_iv * mean_v)
    core = np.where(has_data["V"], both, mean_iv)
    raw = factors["I"] * factors["II"] * factors["III"] * core
    raw = np.where(computed, raw, np.nan)
    rounded = np.floor(np.where(computed, raw, 0.0) + 0.5 + ROUNDING_ALLOWANCE)
    return WqiColumns(
        vn_wqi=np.where(computed, rounded, NOT_COMPUTED).astype(np.int64),
        computed=computed,
        raw=raw,
        do_percent=np.where(present(params.DO) & present(params.TEMPERATURE), percent, np.nan),
        group_iv_count=counts["IV"],
        group_count=group_count,
    )
