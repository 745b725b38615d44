"""The Excel workbook for the ward's meeting, in the layout such lists take on paper.

Sheet 1, the proposals: the heading of an administrative document (the People's
Committee on the left, the national motto on the right), the title, one row per alley
with its size, households, works, cost and split (state budget, households, sponsors),
the households' approval, money pledged and received, state; a total row; and the
signature blocks (the person who drew up the list; for the People's Committee). Sheet 2,
the candidate alleys ranked by residents' reports. Always in Vietnamese: it is the
meeting's paper.
"""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Sequence

from django.utils import translation
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from smartdistrict.alleys.ballot_rule import Tally
from smartdistrict.alleys.models import State
from smartdistrict.alleys.selectors.listing import ProposalRow
from smartdistrict.alleys.selectors.register import Candidate

MONEY = "#,##0"
THIN = Side(style="thin")
BOX = Border(left=THIN, right=THIN, top=THIN, bottom=THIN)
BOLD = Font(bold=True)
CENTRE = Alignment(horizontal="center", vertical="center", wrap_text=True)
WRAP = Alignment(vertical="top", wrap_text=True)


def _heading(sheet: Worksheet, columns: int, committee: str, title: str, subtitle: str) -> int:
    """The document heading; returns the next free row."""
    half = max(2, columns // 2)
    sheet.merge_cells(start_row=1, start_column=1, end_row=1, end_column=half)
    sheet.cell(1, 1, committee.upper()).font = BOLD
    sheet.merge_cells(start_row=1, start_column=half + 1, end_row=1, end_column=columns)
    sheet.cell(1, half + 1, _("SOCIALIST REPUBLIC OF VIETNAM")).font = BOLD
    sheet.merge_cells(start_row=2, start_column=half + 1, end_row=2, end_column=columns)
    sheet.cell(2, half + 1, _("Independence - Freedom - Happiness")).font = Font(
        bold=True, underline="single")
    for row in (1, 2):
        for column in (1, half + 1):
            sheet.cell(row, column).alignment = CENTRE
    sheet.merge_cells(start_row=4, start_column=1, end_row=4, end_column=columns)
    sheet.cell(4, 1, title.upper()).font = Font(bold=True, size=13)
    sheet.cell(4, 1).alignment = CENTRE
    sheet.merge_cells(start_row=5, start_column=1, end_row=5, end_column=columns)
    sheet.cell(5, 1, subtitle).alignment = CENTRE
    sheet.cell(5, 1).font = Font(italic=True)
    return 7


def _header_row(sheet: Worksheet, row: int, names: Sequence[str], widths: Sequence[int]) -> None:
    for column, (name, width) in enumerate(zip(names, widths, strict=True), start=1):
        cell = sheet.cell(row, column, name)
        cell.font, cell.alignment, cell.border = BOLD, CENTRE, BOX
        sheet.column_dimensions[get_column_letter(column)].width = width
    sheet.row_dimensions[row].height = 45


def _signatures(sheet: Worksheet, row: int, columns: int, today: dt.date) -> None:
    half = max(2, columns // 2)
    sheet.merge_cells(start_row=row, start_column=half + 1, end_row=row, end_column=columns)
    sheet.cell(row, half + 1, _("…, day %(d)02d month %(m)02d year %(y)d")
               % {"d": today.day, "m": today.month, "y": today.year}).font = Font(italic=True)
    for column, lines in ((1, [_("PREPARED BY"), _("(signature, full name)")]),
                          (half + 1, [_("FOR THE PEOPLE'S COMMITTEE"), _("CHAIRPERSON")])):
        end = half if column == 1 else columns
        for offset, text in enumerate(lines, start=1):
            sheet.merge_cells(start_row=row + offset, start_column=column,
                              end_row=row + offset, end_column=end)
            cell = sheet.cell(row + offset, column, text)
            cell.alignment = CENTRE
            cell.font = BOLD if offset == 1 else Font(italic=True)
    for r in range(row, row + 3):
        sheet.cell(r, half + 1).alignment = CENTRE


def _proposals_sheet(sheet: Worksheet, rows: Sequence[tuple[ProposalRow, Tally | None]],
                     committee: str, today: dt.date) -> None:
    names = [_("No."), _("Alley"), _("Ward"), _("Length (m)"), _("Width (m)"),
             _("Households"), _("Works"), _("Total cost (VND)"), _("State budget (VND)"),
             _("Households (VND)"), _("Sponsors (VND)"), _("Households in favour"),
             _("Pledged (VND)"), _("Received (VND)"), _("State"), _("Note")]
    widths = [5, 26, 16, 9, 8, 10, 36, 15, 15, 15, 13, 14, 14, 14, 16, 22]
    sheet.title = _("Proposals")[:31]
    start = _heading(
        sheet, len(names), committee,
        _("List of alleys proposed for upgrading under “the State and the people work "
          "together”"),
        _("(attached to the ward's meeting papers of %(date)s)")
        % {"date": today.strftime("%d/%m/%Y")},
    )
    _header_row(sheet, start, names, widths)
    totals = [0, 0, 0, 0, 0, 0]
    row = start
    for number, (item, tally) in enumerate(rows, start=1):
        p, alley = item.proposal, item.proposal.alley
        approval = (f"{tally.yes}/{tally.eligible} ({tally.yes_percent}%)"
                    if tally is not None and tally.eligible else "—")
        values = [number, alley.name, alley.unit.name, round(alley.length_m),
                  float(alley.width_m) if alley.width_m is not None else None,
                  alley.households, p.scope, p.estimate_vnd, p.state_budget_vnd,
                  p.households_vnd, p.sponsors_vnd, approval, item.pledged_vnd,
                  item.received_vnd, str(State(p.state).label),
                  p.decision_ref or (str(_("illustrative")) if p.illustrative else "")]
        row += 1
        for column, value in enumerate(values, start=1):
            cell = sheet.cell(row, column, value)
            cell.border, cell.alignment = BOX, WRAP
            if column in (8, 9, 10, 11, 13, 14):
                cell.number_format = MONEY
        for i, value in enumerate([p.estimate_vnd, p.state_budget_vnd, p.households_vnd,
                                   p.sponsors_vnd, item.pledged_vnd, item.received_vnd]):
            totals[i] += value
    row += 1
    sheet.merge_cells(start_row=row, start_column=1, end_row=row, end_column=7)
    sheet.cell(row, 1, _("Total")).font = BOLD
    for column, value in zip((8, 9, 10, 11, 13, 14), totals, strict=True):
        cell = sheet.cell(row, column, value)
        cell.font, cell.number_format = BOLD, MONEY
    for column in range(1, len(names) + 1):
        sheet.cell(row, column).border = BOX
    sheet.freeze_panes = sheet.cell(start + 1, 3)
    _signatures(sheet, row + 2, len(names), today)


def _candidates_sheet(sheet: Worksheet, ranked: Sequence[Candidate], committee: str,
                      today: dt.date, months: int) -> None:
    names = [_("Rank"), _("Alley"), _("Ward"), _("Length (m)"), _("Households"),
             _("Reports"), _("Still open"), _("Reports per 100 m"), _("Reports per household"),
             _("Latest proposal")]
    widths = [6, 28, 18, 10, 11, 9, 9, 12, 12, 22]
    start = _heading(
        sheet, len(names), committee, _("Alleys ranked by residents' reports"),
        _("Reports about road surface, flooding, lighting and garbage within the last "
          "%(months)d months, near each alley") % {"months": months},
    )
    _header_row(sheet, start, names, widths)
    for offset, candidate in enumerate(ranked, start=1):
        c, alley = candidate.condition, candidate.alley
        latest = candidate.proposal
        values = [candidate.rank, alley.name, alley.unit.name, round(alley.length_m),
                  alley.households, c.count, c.open_count, c.per_100m, c.per_household,
                  f"{latest.code.upper()} · {State(latest.state).label}" if latest else "—"]
        for column, value in enumerate(values, start=1):
            cell = sheet.cell(start + offset, column, value)
            cell.border, cell.alignment = BOX, WRAP
    _signatures(sheet, start + len(ranked) + 2, len(names), today)


def meeting_workbook(
    *, rows: Sequence[tuple[ProposalRow, Tally | None]], ranked: Sequence[Candidate],
    committee: str, months: int, today: dt.date,
) -> bytes:
    with translation.override("vi"):
        workbook = Workbook()
        _proposals_sheet(workbook.active, rows, committee, today)
        _candidates_sheet(workbook.create_sheet(_("Candidates")[:31]), ranked, committee,
                          today, months)
        buffer = io.BytesIO()
        workbook.save(buffer)
    return buffer.getvalue()
