"""VN_WQI over a column of samples (NumPy) against the scalar function, one sample at a time."""

from __future__ import annotations

import time

import numpy as np

from benchmarks.report import Figure
from smartdistrict.environment.indices import params, vn_wqi, vn_wqi_columns

SAMPLES = 1_000_000
SCALAR_SAMPLES = 20_000
REPEAT = 3

# Plausible canal values: (median, spread of the log-normal) per parameter.
TYPICAL = {
    "pH": (7.2, 0.08), "temperature": (29.0, 0.06), "DO": (3.5, 0.5),
    "BOD5": (12.0, 0.6), "COD": (25.0, 0.6), "TOC": (10.0, 0.6), "N-NH4": (1.2, 0.9),
    "N-NO3": (1.5, 0.7), "N-NO2": (0.08, 0.9), "P-PO4": (0.4, 0.8),
    "Coliform": (8000.0, 0.9), "E.coli": (150.0, 1.0),
    "As": (0.008, 0.6), "Cd": (0.002, 0.8), "Pb": (0.01, 0.8), "Cr6+": (0.008, 0.7),
    "Cu": (0.05, 0.8), "Zn": (0.3, 0.8), "Hg": (0.0006, 0.8),
    "Aldrin": (0.03, 1.0), "BHC": (0.01, 1.0), "Dieldrin": (0.03, 1.0), "DDTs": (0.3, 1.0),
    "Heptachlor & Heptachlorepoxide": (0.05, 1.0),
}
# Share of samples without the parameter: sensors carry few groups, laboratories more.
ABSENT = {**{key: 0.7 for key in (*params.GROUP_II, *params.GROUP_III)},
          **{key: 0.2 for key in params.GROUP_IV[1:]}, "Coliform": 0.3, "E.coli": 0.5}


def columns(count: int, seed: int = 2026) -> dict[str, np.ndarray]:
    rng = np.random.default_rng(seed)
    data = {}
    for key, (median, spread) in TYPICAL.items():
        values = median * rng.lognormal(0.0, spread, count)
        if key == "pH":
            values = np.clip(values, 0.0, 14.0)
        if key == "temperature":
            values = np.clip(values, 0.0, 50.0)
        values[rng.random(count) < ABSENT.get(key, 0.0)] = np.nan
        data[key] = values
    return data


def _best(function) -> float:
    best = float("inf")
    for _ in range(REPEAT):
        started = time.perf_counter()
        function()
        best = min(best, time.perf_counter() - started)
    return best


def run() -> list[Figure]:
    data = columns(SAMPLES)
    vn_wqi_columns({key: values[:1000] for key, values in data.items()})  # load the tables
    vector = _best(lambda: vn_wqi_columns(data))
    computed = int(vn_wqi_columns(data).computed.sum())
    rows = [{key: float(values[n]) for key, values in data.items() if not np.isnan(values[n])}
            for n in range(SCALAR_SAMPLES)]
    scalar = _best(lambda: [vn_wqi(row) for row in rows])
    rate, base = SAMPLES / vector, SCALAR_SAMPLES / scalar
    return [
        Figure(
            name="VN_WQI vectorised over a column of samples",
            value=f"{rate:,.0f} samples/s ({rate / base:.0f}× scalar)",
            goal="≥ 100,000 samples/s",
            baseline=f"{base:,.0f} samples/s (scalar `vn_wqi`, one sample at a time)",
            how=f"`vn_wqi_columns` on {SAMPLES:,} random plausible canal samples "
            f"(24 parameters, some absent; {computed / SAMPLES:.1%} meet the minimum-data "
            f"rule), best of {REPEAT}; scalar on the first {SCALAR_SAMPLES:,}",
        )
    ]
