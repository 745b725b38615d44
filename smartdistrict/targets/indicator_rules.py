"""The rules an indicator's values must meet, listed rather than raised, so that the
workbook import can report every problem of a row and ``indicator_upsert`` (the service)
can refuse with the first: years in order, a level target on the better side of its
baseline, known choices."""

from __future__ import annotations

import math
import re
from dataclasses import dataclass

from django.utils.translation import gettext as _

from smartdistrict.core.errors import InvalidInput
from smartdistrict.core.text import clean_text
from smartdistrict.geography.models import Unit
from smartdistrict.organisations.models import Department
from smartdistrict.targets import periods
from smartdistrict.targets.models import Direction, Periodicity, Programme, TargetKind
from smartdistrict.targets.progress import target_is_consistent

CODE_PATTERN = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]{0,39}$")
@dataclass(frozen=True)
class IndicatorValues:
    """The fields of an indicator as the import and the services exchange them."""

    code: str
    name: str
    unit: str
    direction: str
    baseline_value: float
    baseline_year: int
    target_value: float
    target_year: int
    name_en: str = ""
    kind: str = TargetKind.LEVEL
    periodicity: str = Periodicity.YEARLY
    admin_unit: Unit | None = None
    programme: Programme | None = None
    owner: str = ""
    owner_department: Department | None = None
    illustrative: bool = False
    source: str = ""
    notes: str = ""


def _text(value: str, limit: int) -> str:
    return clean_text(str(value or "")).strip()[:limit]


def normalised(values: IndicatorValues) -> IndicatorValues:
    """Text in NFC without surrounding spaces (raises LegacyEncodingError on mojibake)."""
    return IndicatorValues(
        **{
            **values.__dict__,
            "code": str(values.code or "").strip(),
            "name": _text(values.name, 300),
            "name_en": _text(values.name_en, 300),
            "unit": _text(values.unit, 40),
            "owner": _text(values.owner, 200),
            "source": clean_text(values.source or "").strip(),
            "notes": clean_text(values.notes or "").strip(),
        }
    )


def indicator_problems(values: IndicatorValues) -> list[InvalidInput]:
    """Every rule the values break, each naming its field (empty when they are fine)."""
    problems = []
    if not CODE_PATTERN.match(values.code):
        problems.append(InvalidInput(
            _("The code must be 1 to 40 letters, digits, dots, hyphens or underscores."),
            field="code",
        ))
    if not values.name:
        problems.append(InvalidInput(_("The name is required."), field="name"))
    if not values.unit:
        problems.append(InvalidInput(_("The unit of measure is required."), field="unit"))
    if values.direction not in Direction.values:
        problems.append(InvalidInput(_("Unknown direction."), field="direction"))
    if values.kind not in TargetKind.values:
        problems.append(InvalidInput(_("Unknown kind of target."), field="kind"))
    if values.periodicity not in Periodicity.values:
        problems.append(InvalidInput(_("Unknown periodicity."), field="periodicity"))
    for field in ("baseline_value", "target_value"):
        number = getattr(values, field)
        if not isinstance(number, int | float) or not math.isfinite(number):
            problems.append(InvalidInput(_("Enter a finite number."), field=field))
    for field in ("baseline_year", "target_year"):
        year = getattr(values, field)
        if not isinstance(year, int) or not periods.MIN_YEAR <= year <= periods.MAX_YEAR:
            problems.append(InvalidInput(_("Enter a year between 1975 and 2100."), field=field))
    if problems:
        return problems
    if values.target_year <= values.baseline_year:
        problems.append(InvalidInput(
            _("The target year must come after the baseline year."), field="target_year"
        ))
    if values.kind == TargetKind.LEVEL and not target_is_consistent(
        baseline=values.baseline_value, target=values.target_value, direction=values.direction
    ):
        problems.append(InvalidInput(
            _("The target lies on the worse side of the baseline for this direction: "
              "check the direction, or use the kind “meet the target in every period”."),
            field="target_value",
        ))
    return problems
