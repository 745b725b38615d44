"""VN_WQI of one water sample, after Decision 1460/QĐ-TCMT (12 Nov 2019).

    VN_WQI = q_pH/100 · (Π q_II)^(1/n_II)/100 · (Π q_III)^(1/n_III)/100 · core
    core   = √(mean q_IV · mean q_V)        (no group V: mean q_IV)

Groups I–III that were not measured count as 100 (factor 1). The index is given only when
the minimum-data rule holds: at least 3 of the 5 groups have data and group IV has at
least 3 usable parameters (DO counts only with the water temperature, because the table is
on DO % saturation); otherwise the result says which data is missing. Everything else —
sub-indices, group factors, DO % — is reported either way, so a station's partial data
still explains itself.

The breakpoints are data (smartdistrict/environment/data/); where public sources disagree
the choice is a named option in `WqiOptions` (see docs/environment-indices.md).
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from types import MappingProxyType

from django.utils.translation import gettext as _

from smartdistrict.core.errors import InvalidInput
from smartdistrict.environment.indices import params, validation
from smartdistrict.environment.indices.curves import OnBreakpoint
from smartdistrict.environment.indices.tables import Band, band_of, wqi_tables

# Added before rounding so that float noise at an exact .5 (62.49999999999999 for a
# hand-computed 62.5) rounds up, as the hand computation does.
ROUNDING_ALLOWANCE = 1e-9


class Core(StrEnum):
    """How groups IV and V combine (the last factor of the product)."""

    SQUARE_ROOT = "square_root"
    """Default: √(mean q_IV · mean q_V), as in Decision 1460 and the public test data."""
    WEIGHTED = "weighted"
    """(mean q_IV² · mean q_V)^(1/3), found in some tools (group IV weighs double)."""


@dataclass(frozen=True)
class WqiOptions:
    core: Core = Core.SQUARE_ROOT
    on_breakpoint: OnBreakpoint = OnBreakpoint.HIGHER_Q


DEFAULT_OPTIONS = WqiOptions()


@dataclass(frozen=True)
class GroupFactor:
    """What one group contributed.

    value: q_pH (I), the geometric mean of q (II, III) or the arithmetic mean (IV, V);
    None when the group has no data. factor: the group's multiplier in the product,
    value/100 for I–III and 1.0 when they were not measured (they "count as 100"); None
    for IV and V, which enter through the core.
    """

    group: str
    parameters: tuple[str, ...]
    aggregate: str
    value: float | None
    factor: float | None


@dataclass(frozen=True)
class MissingData:
    """One unmet part of the minimum-data rule, and what would meet it."""

    rule: str  # "group_iv": too few group IV parameters; "groups": too few groups
    needed: int
    given: int
    candidates: tuple[str, ...]  # parameter keys (group_iv) or group codes (groups)

    def message(self) -> str:
        """The explanation in the active language."""
        if self.rule == "group_iv":
            return _(
                "Group IV (organic matter and nutrients) needs at least %(needed)d usable "
                "parameters; %(given)d given. Add any of: %(candidates)s."
            ) % {"needed": self.needed, "given": self.given,
                 "candidates": ", ".join(self.candidates)}
        return _(
            "At least %(needed)d of the 5 parameter groups need data; %(given)d have it. "
            "Add data for any of the groups: %(candidates)s."
        ) % {"needed": self.needed, "given": self.given,
             "candidates": ", ".join(self.candidates)}


@dataclass(frozen=True)
class WqiResult:
    vn_wqi: int | None
    band: Band | None
    raw: float | None  # the product before rounding
    core: float | None  # the last factor (from groups IV and V)
    sub_indices: Mapping[str, float]
    groups: Mapping[str, GroupFactor]
    missing: tuple[MissingData, ...]
    do_saturation: float | None  # mg/L at the sample's temperature
    do_percent: float | None
    unused: tuple[str, ...]  # given but not usable: DO without temperature
    options: WqiOptions = field(default=DEFAULT_OPTIONS)


def round_half_up(value: float) -> int:
    """The integer VN_WQI: halves round up (not to even), with `ROUNDING_ALLOWANCE`."""
    return math.floor(value + 0.5 + ROUNDING_ALLOWANCE)


def do_saturation(temperature: float) -> float:
    """DO at saturation (mg/L) of fresh water at `temperature` °C (Decision 1460)."""
    t = temperature
    return 14.652 - 0.41022 * t + 0.0079910 * t * t - 0.000077774 * t * t * t


def do_percent(do: float, temperature: float) -> float:
    """DO as % saturation: DO / DO_sat · 100."""
    return do / do_saturation(temperature) * 100.0


def sub_index(parameter: str, value: float, *, temperature: float | None = None,
              options: WqiOptions = DEFAULT_OPTIONS) -> float:
    """The sub-index q (10..100) of one parameter; DO needs the water temperature."""
    validation.unknown_keys([parameter], set(params.WQI_KEYS) - {params.TEMPERATURE})
    checked = validation.required(parameter, value)
    tables = wqi_tables()
    if parameter == params.PH:
        return tables.ph.q(checked, options.on_breakpoint)
    if parameter == params.DO:
        t = validation.measured(params.TEMPERATURE, temperature)
        if t is None:
            raise InvalidInput(
                _("DO is used as percent saturation: give the water temperature too."),
                field=params.TEMPERATURE, code="required",
            )
        return tables.do.q(do_percent(checked, t), options.on_breakpoint)
    return tables.curves[parameter].q(checked, options.on_breakpoint)


def _group_iv_candidates(values: Mapping[str, float], usable: set[str]) -> tuple[str, ...]:
    candidates = []
    for key in params.GROUP_IV:
        if key in usable:
            continue
        if key == params.DO and key in values:
            candidates.append(params.TEMPERATURE)
        else:
            candidates.append(key)
    return tuple(candidates)


def vn_wqi(values: Mapping[str, float | None], *, options: WqiOptions = DEFAULT_OPTIONS,
           ignore_unknown: bool = False) -> WqiResult:
    """VN_WQI of one sample given as {parameter key: value} (None or absent: not measured).

    Raises core.errors.InvalidInput (field = the parameter) for an unknown key (unless
    `ignore_unknown`, for callers holding other readings too) or a value that is not a
    finite, non-negative number (pH at most 14, temperature at most 50 °C).
    """
    checked = validation.sample(values, params.WQI_KEYS, ignore_unknown=ignore_unknown)
    tables = wqi_tables()
    tie = options.on_breakpoint
    sub: dict[str, float] = {}
    saturation = percent = None
    unused: tuple[str, ...] = ()
    for key in params.WQI_KEYS:
        if key not in checked or key == params.TEMPERATURE:
            continue
        if key == params.PH:
            sub[key] = tables.ph.q(checked[key], tie)
        elif key == params.DO:
            if params.TEMPERATURE not in checked:
                unused = (params.DO,)
                continue
            saturation = do_saturation(checked[params.TEMPERATURE])
            percent = checked[key] / saturation * 100.0
            sub[key] = tables.do.q(percent, tie)
        else:
            sub[key] = tables.curves[key].q(checked[key], tie)

    groups: dict[str, GroupFactor] = {}
    for code, keys in params.GROUPS.items():
        fed = tuple(key for key in keys if key in sub)
        if code == "I":
            value = sub[params.PH] if fed else None
            aggregate = "single"
        elif code in ("II", "III"):
            product = 1.0
            for key in fed:
                product *= sub[key]
            value = product ** (1.0 / len(fed)) if fed else None
            aggregate = "geometric_mean"
        else:
            total = 0.0
            for key in fed:
                total += sub[key]
            value = total / len(fed) if fed else None
            aggregate = "mean"
        factor = None
        if code in ("I", "II", "III"):
            factor = 1.0 if value is None else value / 100.0
        groups[code] = GroupFactor(code, fed, aggregate, value, factor)

    missing = []
    n_iv = len(groups["IV"].parameters)
    if n_iv < params.MIN_GROUP_IV:
        missing.append(MissingData("group_iv", params.MIN_GROUP_IV, n_iv,
                                   _group_iv_candidates(checked, set(sub))))
    with_data = [code for code, group in groups.items() if group.parameters]
    if len(with_data) < params.MIN_GROUPS:
        missing.append(MissingData("groups", params.MIN_GROUPS, len(with_data),
                                   tuple(code for code in params.GROUPS if code not in with_data)))

    core = raw = index = band = None
    if not missing:
        mean_iv, mean_v = groups["IV"].value, groups["V"].value
        if mean_v is None:
            core = mean_iv
        elif options.core is Core.WEIGHTED:
            core = (mean_iv * mean_iv * mean_v) ** (1.0 / 3.0)
        else:
            core = math.sqrt(mean_iv * mean_v)
        raw = groups["I"].factor * groups["II"].factor * groups["III"].factor * core
        index = round_half_up(raw)
        band = band_of(tables.bands, index)
    return WqiResult(
        vn_wqi=index, band=band, raw=raw, core=core,
        sub_indices=MappingProxyType(sub), groups=MappingProxyType(groups),
        missing=tuple(missing), do_saturation=saturation, do_percent=percent,
        unused=unused, options=options,
    )


def wqi_band(value: int) -> Band:
    """The VN_WQI band (name, colour, suitable use) of a rounded index."""
    return band_of(wqi_tables().bands, value)
