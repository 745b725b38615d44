"""Writes to indicators and their measurements: the one place their rules live.

The rules of an indicator (years in order, a level target on the better side of its
baseline, known choices) are listed by ``indicator_problems`` so that the workbook
import can report every problem of a row, and enforced by ``indicator_upsert``.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass

from django.db import transaction
from django.utils.translation import gettext as _

from smartdistrict.accounts.models import User
from smartdistrict.core.errors import InvalidInput, PermissionDenied
from smartdistrict.core.text import clean_text
from smartdistrict.geography.models import Unit
from smartdistrict.organisations.models import Department
from smartdistrict.targets import periods, policy
from smartdistrict.targets.models import (
    Direction,
    Indicator,
    Measurement,
    Periodicity,
    Programme,
    TargetKind,
)
from smartdistrict.targets.progress import target_is_consistent

CODE_PATTERN = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]{0,39}$")
UNCHANGED: object = object()  # "leave this field as it is" for measurement_record

# Which period labels an indicator of each periodicity accepts: its own and coarser ones.
ACCEPTED_PERIODS = {
    Periodicity.YEARLY: {"yearly"},
    Periodicity.QUARTERLY: {"yearly", "quarterly"},
    Periodicity.MONTHLY: {"yearly", "quarterly", "monthly"},
}


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


def indicator_fields(values: IndicatorValues) -> dict:
    """The model fields (all but the code) that ``values`` set."""
    fields = dict(values.__dict__)
    fields.pop("code")
    return fields


@transaction.atomic
def indicator_upsert(
    *, values: IndicatorValues, actor: User | None = None, position: int | None = None
) -> tuple[Indicator, bool]:
    """Create or update the indicator with ``values.code``; answers (indicator, created)."""
    if actor is not None and not policy.can_import(actor):
        raise PermissionDenied()
    values = normalised(values)
    problems = indicator_problems(values)
    if problems:
        raise problems[0]
    defaults = indicator_fields(values)
    if position is not None:
        defaults["position"] = position
    return Indicator.objects.update_or_create(code=values.code, defaults=defaults)


def check_value(value: object, field: str) -> float | None:
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int | float) or not math.isfinite(value):
        raise InvalidInput(_("Enter a finite number."), field=field)
    return float(value)


@transaction.atomic
def measurement_record(
    *,
    indicator: Indicator,
    period: str,
    actual: float | object | None = UNCHANGED,
    planned: float | object | None = UNCHANGED,
    source: str | object = UNCHANGED,
    note: str | object = UNCHANGED,
    actor: User | None = None,
) -> tuple[Measurement, bool]:
    """Record the actual and/or planned value of one period (created or updated by the
    period's label). Fields left UNCHANGED keep their stored value; a measurement left
    with neither an actual nor a planned value is refused (delete it instead)."""
    if actor is not None and not policy.can_edit_indicator(actor, indicator.owner_department_id):
        raise PermissionDenied()
    parsed = periods.parse(period)
    if parsed.kind not in ACCEPTED_PERIODS[indicator.periodicity]:
        raise InvalidInput(
            _("This indicator is reported %(periodicity)s: it takes no %(kind)s periods.")
            % {"periodicity": indicator.get_periodicity_display(),
               "kind": Periodicity(parsed.kind).label},
            field="period",
        )
    measurement = Measurement.objects.filter(
        indicator=indicator, period_label=parsed.label
    ).first()
    created = measurement is None
    if created:
        measurement = Measurement(
            indicator=indicator, period_label=parsed.label, period_start=parsed.start,
            period_end=parsed.end,
        )
    if actual is not UNCHANGED:
        measurement.actual = check_value(actual, "actual")
    if planned is not UNCHANGED:
        measurement.planned = check_value(planned, "planned")
    if source is not UNCHANGED:
        measurement.source = clean_text(str(source or "")).strip()
    if note is not UNCHANGED:
        measurement.note = clean_text(str(note or "")).strip()
    if measurement.actual is None and measurement.planned is None:
        raise InvalidInput(_("Enter an actual or a planned value."), field="actual")
    measurement.updated_by = actor
    measurement.save()
    return measurement, created


@transaction.atomic
def measurement_delete(*, measurement: Measurement, actor: User | None = None) -> None:
    if actor is not None and not policy.can_edit_indicator(
        actor, measurement.indicator.owner_department_id
    ):
        raise PermissionDenied()
    measurement.delete()
