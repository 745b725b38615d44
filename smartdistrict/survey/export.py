"""The Excel workbook a unit sends upward: the summary table of the five elements with
the overall index, then the same figures by unit (or by procedure and counter for one
unit), by month, and the method. Always in Vietnamese; numbers are numbers.

No official template for a ward's report on its own survey was found (docs/survey.md):
the summary follows the per-element tables of the ministry's published SIPAS reports.
"""

from __future__ import annotations

from typing import IO

from django.utils import timezone, translation
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill

from smartdistrict.accounts.selectors import Scope
from smartdistrict.geography.models import Unit
from smartdistrict.geography.selectors import whole_jurisdiction_label
from smartdistrict.survey import selectors
from smartdistrict.survey.models import TallyScope
from smartdistrict.survey.questionnaire import ELEMENTS, element_names
from smartdistrict.survey.selectors import Line, Months

BOLD = Font(bold=True)
HEADER = PatternFill("solid", fgColor="E8EEF9")
PERCENT = "0.0"


def _pct(value: float | None) -> float | None:
    return None if value is None else round(value, 2)


def _header(sheet, row: list[str]) -> None:
    sheet.append(row)
    for cell in sheet[sheet.max_row]:
        cell.font, cell.fill = BOLD, HEADER
        cell.alignment = Alignment(wrap_text=True, vertical="top")


def _summary(book: Workbook, line: Line, unit_name: str, months: Months) -> None:
    sheet = book.active
    sheet.title = _("Summary of the survey")
    sheet.append([_("REPORT ON RESIDENTS' SATISFACTION WITH THE SERVICE OF THE ONE-STOP SHOP")])
    sheet["A1"].font = Font(bold=True, size=13)
    sheet.append([_("Unit"), unit_name])
    sheet.append([_("Period"), f"{months.start:%m/%Y} – {months.end:%m/%Y}"])
    sheet.append([_("Prepared on"), timezone.localtime().strftime("%d/%m/%Y %H:%M")])
    sheet.append([_("Answers"), line.indices.responses])
    if line.indices.few:
        sheet.append([_("Caution"), _("Fewer than %(n)d answers: the indices are not reliable.")
                      % {"n": selectors.few_answers()}])
    sheet.append([])
    _header(sheet, [_("No."), _("Element"), _("Answers"), _("Satisfied (4–5)"),
                    _("Satisfaction (%)"), _("Mean score (1–5)"),
                    _("Lower bound of the 95-percent interval (%)"),
                    _("Upper bound of the 95-percent interval (%)"), _("Note")])
    names = element_names()
    for number, item in enumerate((*ELEMENTS, "general"), start=1):
        found = line.indices.items[item]
        sheet.append([number, str(names[item]), found.n, found.satisfied, _pct(found.value),
                      None if found.mean is None else round(found.mean, 2), _pct(found.low),
                      _pct(found.high), _("few answers") if found.few and found.n else ""])
    sheet.append(["", _("Satisfaction index (mean of the five elements)"), "", "",
                  _pct(line.indices.overall)])
    sheet[sheet.max_row][1].font = BOLD
    sheet.append([])
    sheet.append([_("Reports opened from the survey"), line.reports])
    sheet.append([_("Answers with a comment"), line.comments])
    sheet.append([])
    _header(sheet, [_("To improve first"), _("Answers")])
    for element in ELEMENTS:
        sheet.append([str(names[element]), line.improve[element]])
    sheet.column_dimensions["B"].width = 48
    for column in "CDEFGHI":
        sheet.column_dimensions[column].width = 14


def _lines(book: Workbook, title: str, name_label: str, lines: list[Line],
           ranked: bool = False) -> None:
    sheet = book.create_sheet(title)
    names = element_names()
    _header(sheet, [*( [_("Rank")] if ranked else []), _("Code"), name_label, _("Answers"),
                    *[str(names[e]) + " (%)" for e in ELEMENTS],
                    _("Satisfaction index (%)"), str(names["general"]) + " (%)",
                    _("Reports opened"), _("Note")])
    for line in lines:
        found = line.indices
        sheet.append([*([line.rank] if ranked else []), line.code, line.name, found.responses,
                      *[_pct(found.items[e].value) for e in ELEMENTS], _pct(found.overall),
                      _pct(found.items["general"].value), line.reports,
                      _("few answers") if line.few else ""])
    sheet.column_dimensions["C" if ranked else "B"].width = 40


def _method(book: Workbook) -> None:
    sheet = book.create_sheet(_("Method"))
    for text in (
        _("Scale: 1 very dissatisfied, 2 dissatisfied, 3 neither, 4 satisfied, 5 very satisfied."),
        _("Element index = answers of 4 or 5 ÷ answers that scored the element × 100."),
        _("Satisfaction index = mean of the indices of the five elements that have answers."),
        _("Interval: the Wilson score interval of the share satisfied, at 95 percent."),
        _("Elements: Decision 2640/QĐ-BNV (2017), kept by Decision 1001/QĐ-BNV (2023). The "
          "formula is this platform's reading of the published results (see docs/survey.md)."),
    ):
        sheet.append([text])
    sheet.column_dimensions["A"].width = 110


def write_workbook(target: IO[bytes] | str, *, scope: Scope, months: Months,
                   unit: Unit | None = None) -> None:
    with translation.override("vi"):
        unit_ids = {unit.id} if unit else None
        book = Workbook()
        name = unit.name if unit else whole_jurisdiction_label()
        _summary(book, selectors.total(scope, months, unit_ids), name, months)
        if unit is None:
            _lines(book, _("By unit"), _("Unit"), selectors.by_unit(scope, months), ranked=True)
        else:
            _lines(book, _("By procedure"), _("Procedure"),
                   selectors.by_key(scope, months, unit.id, TallyScope.PROCEDURE))
            _lines(book, _("By counter"), _("Counter"),
                   selectors.by_key(scope, months, unit.id, TallyScope.COUNTER))
        _lines(book, _("By month"), _("Month"), selectors.by_month(scope, months, unit_ids))
        _method(book)
        book.save(target)
