"""What importing a workbook would do: rows to create, update or leave, and bad rows.

The plan is what the dry run shows and what the commit applies, so that the preview and
the import cannot disagree. Stored data is read in a fixed number of queries.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum

from django.db.models import Q
from django.utils.translation import gettext as _

from smartdistrict.core.errors import DomainError
from smartdistrict.geography.models import Unit
from smartdistrict.organisations.models import Department
from smartdistrict.targets.indicator_rules import (
    IndicatorValues,
    indicator_problems,
    normalised,
)
from smartdistrict.targets.models import Indicator, Measurement, Programme
from smartdistrict.targets.workbook.reader import ParsedRow, Sheet

OPTIONAL_FIELDS = (
    "name_en", "kind", "periodicity", "owner", "illustrative", "source", "notes",
)
REFERENCES = ("programme", "admin_unit", "owner_department")


class Action(StrEnum):
    CREATE = "create"
    UPDATE = "update"
    UNCHANGED = "unchanged"


@dataclass
class RowPlan:
    row: int
    code: str
    name: str
    action: Action
    values: IndicatorValues
    changed_fields: list[str] = field(default_factory=list)  # field names
    actuals: dict[int, float] = field(default_factory=dict)  # years to write
    planned: dict[int, float] = field(default_factory=dict)
    new_measurements: int = 0
    changed_measurements: int = 0

    @property
    def changed_labels(self) -> list[str]:
        """The changed fields' names in the active language."""
        return [str(Indicator._meta.get_field(f).verbose_name) for f in self.changed_fields]


@dataclass
class RowError:
    row: int
    code: str
    reasons: list[str]


@dataclass
class ImportPlan:
    sheet: str
    rows: list[RowPlan]
    errors: list[RowError]
    ignored_columns: list[str]
    committed: bool = False

    def count(self, action: Action) -> int:
        return sum(row.action == action for row in self.rows)

    @property
    def creates(self) -> int:
        return self.count(Action.CREATE)

    @property
    def updates(self) -> int:
        return self.count(Action.UPDATE)

    @property
    def unchanged(self) -> int:
        return self.count(Action.UNCHANGED)

    @property
    def measurements_written(self) -> int:
        return sum(r.new_measurements + r.changed_measurements for r in self.rows)

    @property
    def has_changes(self) -> bool:
        return any(r.action != Action.UNCHANGED for r in self.rows)


def _lookups(rows: list[ParsedRow]) -> dict[str, dict[str, object]]:
    """Programmes, units and departments named in the rows, by code (three queries)."""
    wanted = {key: {str(r.cells.get(key) or "") for r in rows} - {""} for key in REFERENCES}
    units = {}
    for unit in Unit.objects.filter(code__in=wanted["admin_unit"]):
        units[unit.code] = unit
    return {
        "programme": {p.code: p for p in Programme.objects.filter(code__in=wanted["programme"])},
        "admin_unit": units,
        "owner_department": {
            d.code: d for d in Department.objects.filter(code__in=wanted["owner_department"])
        },
    }


REFERENCE_MESSAGES = {
    "programme": lambda code: _("No programme has the code “%(code)s”.") % {"code": code},
    "admin_unit": lambda code: _("No administrative unit has the code “%(code)s”.")
    % {"code": code},
    "owner_department": lambda code: _("No department has the code “%(code)s”.")
    % {"code": code},
}


def _values(
    parsed: ParsedRow, existing: Indicator | None, sheet: Sheet, lookups: dict
) -> IndicatorValues:
    """The indicator's values after the import: the row's cells, and for optional columns
    absent from the sheet the stored values (or the defaults for a new indicator)."""
    cells = parsed.cells
    fields: dict[str, object] = {
        key: cells[key]
        for key in ("code", "name", "unit", "direction", "baseline_value", "baseline_year",
                    "target_value", "target_year")
    }
    for key in OPTIONAL_FIELDS:
        if sheet.has(key):
            fields[key] = cells.get(key, "")
        elif existing is not None:
            fields[key] = getattr(existing, key)
    for key in REFERENCES:
        if sheet.has(key):
            code = str(cells.get(key) or "")
            fields[key] = lookups[key].get(code) if code else None
        elif existing is not None:
            fields[key] = getattr(existing, key)
    fields = {k: v for k, v in fields.items() if v is not None or k in REFERENCES}
    return normalised(IndicatorValues(**fields))


def _changed_fields(values: IndicatorValues, existing: Indicator) -> list[str]:
    changed = []
    for key, value in values.__dict__.items():
        if key == "code":
            continue
        stored = getattr(existing, f"{key}_id" if key in REFERENCES else key)
        new = value.pk if key in REFERENCES and value is not None else value
        if stored != new:
            changed.append(key)
    return changed


def build_plan(sheet: Sheet) -> ImportPlan:
    """Compare every row with the stored indicators and measurements (five queries)."""
    lookups = _lookups(sheet.rows)
    codes = {r.code for r in sheet.rows if r.code}
    stored = Indicator.objects.in_bulk(codes, field_name="code") if codes else {}
    yearly: dict[tuple[int, int], Measurement] = {}
    if stored:
        for m in Measurement.objects.filter(
            ~Q(period_label__contains="-"), indicator__in=list(stored.values())
        ):  # yearly figures: the only labels without a hyphen
            yearly[(m.indicator_id, int(m.period_label))] = m
    plan = ImportPlan(sheet.name, [], [], sheet.ignored)
    first_row: dict[str, int] = {}
    for parsed in sheet.rows:
        reasons = list(parsed.problems)
        if parsed.code and parsed.code in first_row:
            reasons.append(
                _("The code “%(code)s” already appears in row %(row)s.")
                % {"code": parsed.code, "row": first_row[parsed.code]}
            )
        elif parsed.code:
            first_row[parsed.code] = parsed.row
        for key in REFERENCES:
            code = str(parsed.cells.get(key) or "")
            if code and code not in lookups[key]:
                reasons.append(REFERENCE_MESSAGES[key](code))
        existing = stored.get(parsed.code)
        values = None
        if not reasons:
            try:
                values = _values(parsed, existing, sheet, lookups)
            except DomainError as error:  # text in a legacy encoding that cannot be read
                reasons.append(str(error.message))
            else:
                reasons.extend(str(p.message) for p in indicator_problems(values))
        if reasons or values is None:
            plan.errors.append(RowError(parsed.row, parsed.code, reasons))
            continue
        plan.rows.append(_row_plan(parsed, values, existing, yearly))
    return plan


def _row_plan(
    parsed: ParsedRow,
    values: IndicatorValues,
    existing: Indicator | None,
    yearly: dict[tuple[int, int], Measurement],
) -> RowPlan:
    row = RowPlan(parsed.row, values.code, values.name, Action.CREATE, values)
    if existing is not None:
        row.changed_fields = _changed_fields(values, existing)
    for year in sorted(set(parsed.actuals) | set(parsed.planned)):
        stored = yearly.get((existing.id, year)) if existing is not None else None
        differs = False
        for given, target, kind in ((parsed.actuals, row.actuals, "actual"),
                                    (parsed.planned, row.planned, "planned")):
            if year in given and (stored is None or getattr(stored, kind) != given[year]):
                target[year] = given[year]
                differs = True
        if stored is None:
            row.new_measurements += 1
        elif differs:
            row.changed_measurements += 1
    if existing is not None:
        touched = row.changed_fields or row.new_measurements or row.changed_measurements
        row.action = Action.UPDATE if touched else Action.UNCHANGED
    return row
