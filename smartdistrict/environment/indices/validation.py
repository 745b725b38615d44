"""Input checks shared by the index functions: a bad value is a typed, translated error.

A missing measurement is absence (the key left out, or None; NaN in a column), never a
number; a value that is NaN, infinite, negative or physically impossible is refused with
`InvalidInput(field=<parameter>)` rather than folded into an index.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping

import numpy as np
from django.utils.translation import gettext as _

from smartdistrict.core.errors import InvalidInput
from smartdistrict.environment.indices import params


def unknown_keys(keys: Iterable[str], known: Iterable[str]) -> None:
    known = set(known)
    for key in keys:
        if key not in known:
            raise InvalidInput(
                _("Unknown parameter %(parameter)s. Known parameters: %(known)s.")
                % {"parameter": key, "known": ", ".join(sorted(known))},
                field=str(key), code="unknown_parameter",
            )


def _upper_bound(key: str) -> float | None:
    if key == params.PH:
        return params.PH_MAX
    if key == params.TEMPERATURE:
        return params.TEMPERATURE_MAX
    return None


def _refuse(key: str, value: object, upper: float | None, **extra) -> InvalidInput:
    if upper is not None:
        message = _("%(parameter)s must be a number from 0 to %(max)s; got %(value)s.") % {
            "parameter": key, "max": f"{upper:g}", "value": value}
    else:
        message = _("%(parameter)s must be a number, zero or more; got %(value)s.") % {
            "parameter": key, "value": value}
    return InvalidInput(message, field=key, code="invalid_value", **extra)


def measured(key: str, value: object) -> float | None:
    """A finite, non-negative float for a measured value; None for "not measured"."""
    if value is None:
        return None
    upper = _upper_bound(key)
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise _refuse(key, repr(value), upper)
    try:
        number = float(value)
    except OverflowError:  # an integer too large for a float (JSON allows any length)
        raise _refuse(key, "…", upper) from None
    if not math.isfinite(number) or number < 0 or (upper is not None and number > upper):
        raise _refuse(key, repr(value), upper)
    return number


def sample(values: Mapping[str, object], known: Iterable[str], *,
           ignore_unknown: bool = False) -> dict[str, float]:
    """The measured values of one sample, checked; keys not measured are left out."""
    known = tuple(known)
    if not ignore_unknown:
        unknown_keys(values, known)
    checked = {}
    for key in known:
        number = measured(key, values.get(key))
        if number is not None:
            checked[key] = number
    return checked


def column(key: str, values: object, length: int | None) -> np.ndarray:
    """A 1-D float64 column; NaN is "not measured", anything else must be a valid value."""
    array = np.asarray(values, dtype=np.float64)
    if array.ndim != 1 or (length is not None and array.shape[0] != length):
        raise InvalidInput(
            _("Every column must be one-dimensional and of the same length."),
            field=key, code="invalid_column",
        )
    upper = _upper_bound(key)
    with np.errstate(invalid="ignore"):
        good = np.isfinite(array) & (array >= 0)
        if upper is not None:
            good &= array <= upper
    bad = ~np.isnan(array) & ~good
    if bad.any():
        row = int(np.flatnonzero(bad)[0])
        raise _refuse(key, repr(float(array[row])), upper, row=row)
    return array


def required(key: str, value: object) -> float:
    """`measured`, where a value must be given."""
    number = measured(key, value)
    if number is None:
        raise InvalidInput(_("Give a value for %(parameter)s.") % {"parameter": key},
                           field=key, code="required")
    return number
