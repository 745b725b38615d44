"""Writing the indicators workbook, streamed: memory stays flat however many indicators.

openpyxl's write-only mode writes each row to a temporary file as it comes; indicators
are read in chunks with their yearly measurements, so neither side holds the whole set.
The file reads back through ``reader.read_sheet`` into the same data (tests pin it).
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import IO

from django.db.models import Max, Min, Prefetch, Q, QuerySet
from django.utils import translation
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Font

from smartdistrict.targets.models import Direction, Indicator, Measurement, Periodicity, TargetKind
from smartdistrict.targets.workbook.layout import COLUMNS, YearColumn

CHUNK = 2000
_YEARLY = Q(period_label__regex=r"^\d{4}$")


def year_columns(indicators: QuerySet[Indicator]) -> list[YearColumn]:
    """One actual column per year from the earliest baseline or measurement to the latest
    target or measurement, then a planned column for each year that has a planned value
    (two queries)."""
    spans = indicators.aggregate(first=Min("baseline_year"), last=Max("target_year"))
    measured = Measurement.objects.filter(_YEARLY, indicator__in=indicators).aggregate(
        first=Min("period_start"), last=Max("period_start")
    )
    firsts = [y for y in (spans["first"], measured["first"] and measured["first"].year) if y]
    lasts = [y for y in (spans["last"], measured["last"] and measured["last"].year) if y]
    if not firsts:
        return []
    actual = [YearColumn(year, False) for year in range(min(firsts), max(lasts) + 1)]
    planned_years = sorted(
        {
            d.year
            for d in Measurement.objects.filter(
                _YEARLY, indicator__in=indicators, planned__isnull=False
            ).values_list("period_start", flat=True).distinct()
        }
    )
    return actual + [YearColumn(year, True) for year in planned_years]


def _choice_label(choices: type, value: str) -> str:
    return str(choices(value).label)


def _cells(indicator: Indicator, years: list[YearColumn]) -> list[object]:
    by_year = {int(m.period_label): m for m in indicator.yearly}
    row: list[object] = []
    for column in COLUMNS:
        key = column.key
        if key == "direction":
            row.append(_choice_label(Direction, indicator.direction))
        elif key == "kind":
            row.append(_choice_label(TargetKind, indicator.kind))
        elif key == "periodicity":
            row.append(_choice_label(Periodicity, indicator.periodicity))
        elif key == "programme":
            row.append(indicator.programme.code if indicator.programme else None)
        elif key == "admin_unit":
            row.append(indicator.admin_unit.code if indicator.admin_unit else None)
        elif key == "owner_department":
            row.append(indicator.owner_department.code if indicator.owner_department else None)
        elif key == "illustrative":
            row.append("x" if indicator.illustrative else None)
        else:
            value = getattr(indicator, key)
            row.append(value if value != "" else None)
    for column in years:
        measurement = by_year.get(column.year)
        value = None
        if measurement is not None:
            value = measurement.planned if column.planned else measurement.actual
        row.append(value)
    return row


def indicator_rows(indicators: QuerySet[Indicator], years: list[YearColumn]) -> Iterator[list]:
    """Rows of the sheet, indicators read CHUNK at a time with their yearly measurements."""
    queryset = indicators.select_related(
        "programme", "admin_unit", "owner_department"
    ).prefetch_related(
        Prefetch("measurements", queryset=Measurement.objects.filter(_YEARLY), to_attr="yearly")
    ).order_by("position", "code")
    for indicator in queryset.iterator(chunk_size=CHUNK):
        yield _cells(indicator, years)


def write_workbook(destination: str | IO[bytes], indicators: QuerySet[Indicator] | None = None,
                   *, language: str | None = None) -> int:
    """Write the indicators (default all) to ``destination``; answers the number of rows.

    Headers, choices and the guide sheet are in ``language`` (default the active one);
    the import reads either language back.
    """
    language = language or get_language() or "vi"
    indicators = Indicator.objects.all() if indicators is None else indicators
    with translation.override(language):
        return _write(destination, indicators, language)


def _write(destination: str | IO[bytes], indicators: QuerySet[Indicator], language: str) -> int:
    years = year_columns(indicators)
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(_("Indicators"))
    bold = Font(bold=True)
    headers = [c.header(language) for c in COLUMNS] + [y.header(language) for y in years]
    header_cells = []
    for text in headers:
        cell = WriteOnlyCell(sheet, value=text)
        cell.font = bold
        header_cells.append(cell)
    sheet.freeze_panes = "C2"
    sheet.append(header_cells)
    count = 0
    for row in indicator_rows(indicators, years):
        sheet.append(row)
        count += 1
    guide = workbook.create_sheet(_("Guide"))
    guide.append([_("Column"), _("Meaning")])
    for column in COLUMNS:
        required = _("required") if column.required else _("optional")
        guide.append([column.header(language), f"{column.help} ({required})"])
    guide.append([2024, _("A year: the actual value of that year.")])
    guide.append([YearColumn(2024, True).header(language),
                  _("“KH” and a year: the planned value of that year.")])
    guide.append([_("Empty year cells leave stored values as they are.")])
    workbook.save(destination)
    return count
