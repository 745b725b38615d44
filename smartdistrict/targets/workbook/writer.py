"""Writing the indicators workbook, streamed: memory stays flat however many indicators.

openpyxl's write-only mode writes each row to a temporary file as it comes; indicators
are read in chunks with their yearly measurements, so neither side holds the whole set.
The file reads back through ``reader.read_sheet`` into the same data (tests pin it).
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import IO

from django.db.models import Max, Min, Q, QuerySet
from django.utils import translation
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Font

from smartdistrict.targets.models import Direction, Indicator, Measurement, Periodicity, TargetKind
from smartdistrict.targets.workbook.layout import COLUMNS, YearColumn

CHUNK = 2000
# Yearly labels are the only ones without a hyphen (2024 / 2024-Q2 / 2024-05).
_YEARLY = ~Q(period_label__contains="-")


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


# What each exported column reads from an indicator row (``values()``: no model instances).
SOURCES = {
    "programme": "programme__code",
    "admin_unit": "admin_unit__code",
    "owner_department": "owner_department__code",
}
FIELDS = ("id", "position", *(SOURCES.get(c.key, c.key) for c in COLUMNS))


def _labels() -> dict[str, dict[str, str]]:
    """Choice labels in the active language, looked up once per export."""
    return {
        "direction": {v: str(label) for v, label in Direction.choices},
        "kind": {v: str(label) for v, label in TargetKind.choices},
        "periodicity": {v: str(label) for v, label in Periodicity.choices},
    }


def _cells(row: dict, figures: dict[int, tuple], years: list[YearColumn], labels: dict) -> list:
    cells: list[object] = []
    for column in COLUMNS:
        key = column.key
        value = row[SOURCES.get(key, key)]
        if key in labels:
            value = labels[key][value]
        elif key == "illustrative":
            value = "x" if value else None
        cells.append(None if value == "" else value)
    for column in years:
        actual, planned = figures.get(column.year, (None, None))
        cells.append(planned if column.planned else actual)
    return cells


def indicator_rows(indicators: QuerySet[Indicator], years: list[YearColumn]) -> Iterator[list]:
    """Rows of the sheet in (position, code) order, CHUNK indicators at a time: two queries
    per chunk (indicators after the last one seen, then their yearly figures)."""
    labels = _labels()
    ordered = indicators.order_by("position", "code").values(*FIELDS)
    last: tuple[int, str] | None = None
    while True:
        page = ordered
        if last is not None:
            page = page.filter(Q(position__gt=last[0]) | Q(position=last[0], code__gt=last[1]))
        chunk = list(page[:CHUNK])
        if not chunk:
            return
        figures: dict[int, dict[int, tuple]] = {}
        for indicator_id, label, actual, planned in Measurement.objects.filter(
            _YEARLY, indicator_id__in=[r["id"] for r in chunk]
        ).values_list("indicator_id", "period_label", "actual", "planned"):
            figures.setdefault(indicator_id, {})[int(label)] = (actual, planned)
        for row in chunk:
            yield _cells(row, figures.get(row["id"], {}), years, labels)
        last = (chunk[-1]["position"], chunk[-1]["code"])


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
