"""Writes to indicators and their measurements: the one place their rules live.

The rules of an indicator (targets.indicator_rules.indicator_problems) are enforced here
by ``indicator_upsert``; the workbook import lists them for every row.
"""

from __future__ import annotations

import math

from django.db import transaction
from django.utils.translation import gettext as _

from smartdistrict.accounts.models import User
from smartdistrict.core.errors import InvalidInput, PermissionDenied
from smartdistrict.core.text import clean_text
from smartdistrict.targets import periods, policy
from smartdistrict.targets.indicator_rules import (
    IndicatorValues,
    indicator_problems,
    normalised,
)
from smartdistrict.targets.models import (
    Indicator,
    Measurement,
    Periodicity,
)

UNCHANGED: object = object()  # "leave this field as it is" for measurement_record

# Which period labels an indicator of each periodicity accepts: its own and coarser ones.
ACCEPTED_PERIODS = {
    Periodicity.YEARLY: {"yearly"},
    Periodicity.QUARTERLY: {"yearly", "quarterly"},
    Periodicity.MONTHLY: {"yearly", "quarterly", "monthly"},
}


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
