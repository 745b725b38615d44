"""Water and air quality indices as pure, documented functions (no database).

- VN_WQI, Decision 1460/QĐ-TCMT: `vn_wqi` (one sample), `vn_wqi_columns` (NumPy columns),
  `sub_index`, `do_percent`, `wqi_band`; options `WqiOptions(core=..., on_breakpoint=...)`.
- VN_AQI, Decision 1459/QĐ-TCMT: `vn_aqi`, `vn_aqi_hourly`, `aqi_sub_index`, `nowcast`.
- QCVN 08:2023/BTNMT: `qcvn08_classify` (Table 2, classes A–D), `qcvn08_health_check`
  (Table 1).

The tables are CSV data under smartdistrict/environment/data/; how each index is computed,
the options and their defaults are in docs/environment-indices.md.
"""

from smartdistrict.environment.indices.aqi import (
    AqiResult,
    OnTop,
    aqi_band,
    aqi_sub_index,
    nowcast,
    vn_aqi,
    vn_aqi_hourly,
)
from smartdistrict.environment.indices.curves import OnBreakpoint
from smartdistrict.environment.indices.qcvn import (
    HealthCheck,
    QcvnClass,
    qcvn08_classify,
    qcvn08_health_check,
)
from smartdistrict.environment.indices.tables import Band
from smartdistrict.environment.indices.wqi import (
    Core,
    GroupFactor,
    MissingData,
    WqiOptions,
    WqiResult,
    do_percent,
    do_saturation,
    sub_index,
    vn_wqi,
    wqi_band,
)
from smartdistrict.environment.indices.wqi_columns import WqiColumns, vn_wqi_columns

__all__ = [
    "AqiResult", "Band", "Core", "GroupFactor", "HealthCheck", "MissingData", "OnBreakpoint",
    "OnTop", "QcvnClass", "WqiColumns", "WqiOptions", "WqiResult", "aqi_band", "aqi_sub_index",
    "do_percent", "do_saturation", "nowcast", "qcvn08_classify", "qcvn08_health_check",
    "sub_index", "vn_aqi", "vn_aqi_hourly", "vn_wqi", "vn_wqi_columns", "wqi_band",
]
