"""JSON-ready forms of index results, shared by the REST API and the `wqi` command.

Numbers keep 4 decimals (the integer index is exact); messages are in the active language.
"""

from __future__ import annotations

from collections.abc import Mapping

from django.utils.translation import gettext as _

from smartdistrict.core.errors import InvalidInput
from smartdistrict.environment.indices.curves import OnBreakpoint
from smartdistrict.environment.indices.wqi import Core, WqiOptions, WqiResult


def _number(value: float | None) -> float | None:
    return None if value is None else round(value, 4)


def wqi_as_dict(result: WqiResult) -> dict:
    return {
        "vn_wqi": result.vn_wqi,
        "band": result.band.as_dict() if result.band else None,
        "sub_indices": {key: _number(q) for key, q in result.sub_indices.items()},
        "groups": {
            code: {"parameters": list(group.parameters), "aggregate": group.aggregate,
                   "value": _number(group.value), "factor": _number(group.factor)}
            for code, group in result.groups.items()
        },
        "missing": [
            {"rule": item.rule, "needed": item.needed, "given": item.given,
             "candidates": list(item.candidates), "message": item.message()}
            for item in result.missing
        ],
        "unused": [
            {"parameter": key,
             "message": _("DO is used as percent saturation: give the water temperature too.")}
            for key in result.unused
        ],
        "do_saturation": _number(result.do_saturation),
        "do_percent": _number(result.do_percent),
        "core": _number(result.core),
        "raw": _number(result.raw),
        "options": {"core": str(result.options.core),
                    "on_breakpoint": str(result.options.on_breakpoint)},
    }


def wqi_options(data: object) -> WqiOptions:
    """WqiOptions from {"core": ..., "on_breakpoint": ...} (both optional)."""
    if data is None:
        return WqiOptions()
    if not isinstance(data, Mapping):
        raise InvalidInput(_("Send the options as a JSON object."), field="options")
    chosen = {}
    for name, kind in (("core", Core), ("on_breakpoint", OnBreakpoint)):
        value = data.get(name)
        if value is None:
            continue
        try:
            chosen[name] = kind(value)
        except ValueError:
            raise InvalidInput(
                _("%(option)s must be one of: %(choices)s.")
                % {"option": name, "choices": ", ".join(str(c) for c in kind)},
                field=f"options.{name}", code="invalid_option",
            ) from None
    for name in data:
        if name not in ("core", "on_breakpoint"):
            raise InvalidInput(_("Unknown option %(option)s.") % {"option": name},
                               field=f"options.{name}", code="invalid_option")
    return WqiOptions(**chosen)
