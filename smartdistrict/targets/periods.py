"""Reporting periods: one canonical label per period, and its place on a time axis.

A measurement's period is named by a label — ``2024`` (a year), ``2024-Q2`` (a quarter),
``2024-05`` (a month) — from which its first and last day follow. Officials also write
"Q2/2024", "Quý 2/2024", "5/2024" or "T5/2024"; ``parse`` accepts those and answers the
canonical label. On the time axis a period sits at its end, in years: 2024 → 2024.0,
2024-Q2 → 2023.5, 2024-05 → 2023 + 5/12; a baseline year B is the end of year B.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass

from django.utils.translation import gettext as _

from smartdistrict.core.errors import InvalidInput
from smartdistrict.core.text import fold

MIN_YEAR = 1975
MAX_YEAR = 2100


@dataclass(frozen=True)
class Period:
    label: str
    start: dt.date
    end: dt.date
    kind: str  # "yearly", "quarterly", "monthly" (the Periodicity values)

    @property
    def axis(self) -> float:
        """The period's end on the time axis, in years (end of 2024 = 2024.0)."""
        return axis_of(self.end)


def axis_of(end: dt.date) -> float:
    """Position of a period ending on ``end``: whole months past the end of the previous
    year, in twelfths (30 June 2024 → 2023.5, 31 December 2024 → 2024.0)."""
    return end.year - 1 + end.month / 12


def year(value: int) -> Period:
    check_year(value)
    return Period(str(value), dt.date(value, 1, 1), dt.date(value, 12, 31), "yearly")


def quarter(value: int, number: int) -> Period:
    check_year(value)
    if not 1 <= number <= 4:
        raise InvalidInput(_("A quarter is numbered 1 to 4."), field="period")
    first_month = 3 * (number - 1) + 1
    last_month = first_month + 2
    last_day = calendar.monthrange(value, last_month)[1]
    return Period(
        f"{value}-Q{number}", dt.date(value, first_month, 1),
        dt.date(value, last_month, last_day), "quarterly",
    )


def month(value: int, number: int) -> Period:
    check_year(value)
    if not 1 <= number <= 12:
        raise InvalidInput(_("A month is numbered 1 to 12."), field="period")
    last_day = calendar.monthrange(value, number)[1]
    return Period(
        f"{value}-{number:02d}", dt.date(value, number, 1), dt.date(value, number, last_day),
        "monthly",
    )


def check_year(value: int) -> None:
    if not MIN_YEAR <= value <= MAX_YEAR:
        raise InvalidInput(
            _("The year must lie between %(low)s and %(high)s.")
            % {"low": MIN_YEAR, "high": MAX_YEAR},
            field="period",
        )


_YEAR = re.compile(r"^(\d{4})$")
_QUARTER = re.compile(r"^(\d{4})\s*-?\s*q\s*([1-4])$|^(?:q|quy)\s*([1-4])\s*[/-]\s*(\d{4})$")
_MONTH = re.compile(r"^(\d{4})-(\d{1,2})$|^(?:t|thang)?\s*(\d{1,2})\s*/\s*(\d{4})$")


def parse(text: str) -> Period:
    """The period named by ``text`` (see the module's docstring for the accepted forms)."""
    folded = fold(str(text)).replace("quý", "quy")
    if match := _YEAR.match(folded):
        return year(int(match[1]))
    if match := _QUARTER.match(folded):
        if match[1]:
            return quarter(int(match[1]), int(match[2]))
        return quarter(int(match[4]), int(match[3]))
    if match := _MONTH.match(folded):
        if match[1]:
            return month(int(match[1]), int(match[2]))
        return month(int(match[4]), int(match[3]))
    raise InvalidInput(
        _("Write the period as a year (2024), a quarter (2024-Q2) or a month (2024-05)."),
        field="period",
    )
