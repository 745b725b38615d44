"""The brief as an Excel workbook: the same figures as the PDF, as numbers (not text),
one sheet per table; written in write-only mode."""

from __future__ import annotations

from typing import IO

from django.utils import timezone
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Font

from smartdistrict.dashboard.brief import survey as survey_section
from smartdistrict.dashboard.brief.content import BriefContent
from smartdistrict.dashboard.brief.heading import long_date
from smartdistrict.dashboard.selectors.figures import Breakdown

PERCENT, HOURS, DECIMAL, RATE = "0.0%", "0.0", "0.00", "#,##0.00"


def _cell(sheet, value, number_format: str | None = None):
    cell = WriteOnlyCell(sheet, value=value)
    if number_format and value is not None:
        cell.number_format = number_format
    return cell


def _hours(seconds: float | None) -> float | None:
    return None if seconds is None else seconds / 3600


def _headline(book: Workbook, content: BriefContent) -> None:
    found = content.figures
    now, was = found.current, found.before
    sheet = book.create_sheet(_("Headline"))
    _official_heading(sheet, content)
    sheet.append([_bold(sheet, content.title)])
    sheet.append([_("Unit"), content.unit_name])
    sheet.append([_("Period"), content.period.start, content.period.end])
    sheet.append([_("Previous period"), found.previous.start, found.previous.end])
    sheet.append([])
    sheet.append([_("Figure"), _("This period"), _("Previous period")])
    for label, current, before, fmt in (
        (_("Reports received"), now.received, was.received, None),
        (_("Reports resolved"), now.resolved, was.resolved, None),
        (_("Resolved on time"), now.on_time_rate, was.on_time_rate, PERCENT),
        (_("Overdue now"), found.overdue_now, found.overdue_before, None),
        (_("Median time to first response (hours)"), _hours(found.median_response_s),
         _hours(found.median_response_s_before), HOURS),
        (_("Median time to resolution (hours)"), _hours(found.median_resolution_s),
         _hours(found.median_resolution_s_before), HOURS),
        (_("Mean rating (1–5)"), now.mean_rating, was.mean_rating, DECIMAL),
        (_("Ratings of 4 or 5"), now.share_good, was.share_good, PERCENT),
        (_("Ratings given"), now.ratings, was.ratings, None),
    ):
        sheet.append([label, _cell(sheet, current, fmt), _cell(sheet, before, fmt)])
    sheet.append([])
    sheet.append([_("Channel"), _("Reports"), _("Share")])
    for channel in content.channels:
        count = channel.count
        share = count / now.received if now.received else None
        sheet.append([channel.label, count, _cell(sheet, share, PERCENT)])


def _bold(sheet, value):
    cell = WriteOnlyCell(sheet, value=value)
    cell.font = Font(bold=True)
    return cell


def _official_heading(sheet, content: BriefContent) -> None:
    """The same heading as the PDF's first page (Decree 30/2020/NĐ-CP): the issuing body
    and the number on the left, the national heading, motto and date line on the right."""
    issuer = content.issuer or content.unit_name
    sheet.append([_bold(sheet, _("PEOPLE'S COMMITTEE")), None,
                  _bold(sheet, _("SOCIALIST REPUBLIC OF VIETNAM"))])
    sheet.append([_bold(sheet, issuer.upper()), None,
                  _bold(sheet, _("Independence - Freedom - Happiness"))])
    sheet.append([_("No.:") + "      /BC-UBND", None,
                  f"{issuer}, {long_date(timezone.localdate())}"])
    sheet.append([])
    sheet.append([_bold(sheet, _("REPORT"))])


def _breakdown(book: Workbook, title: str, rows: list[Breakdown]) -> None:
    sheet = book.create_sheet(title)
    sheet.append([_("Code"), _("Ward, department or category"), _("Reports received"),
                  _("Reports resolved"), _("Resolved on time"),
                  _("On-time rate"), _("Overdue now"), _("Mean time to resolution (hours)"),
                  _("Ratings"), _("Mean rating"), _("Ratings of 4 or 5")])
    for row in rows:
        sums = row.sums
        sheet.append([row.code, row.name, sums.received, sums.resolved, sums.resolved_on_time,
                      _cell(sheet, sums.on_time_rate, PERCENT), sums.overdue,
                      _cell(sheet, sums.mean_resolution_hours, HOURS), sums.ratings,
                      _cell(sheet, sums.mean_rating, DECIMAL),
                      _cell(sheet, sums.share_good, PERCENT)])


def _ranking(book: Workbook, content: BriefContent) -> None:
    """Every unit with its rank per 1,000 residents and on time, the medians above."""
    found = content.ranking
    sheet = book.create_sheet(_("Ranking"))
    sheet.append([_("Units ranked by reports per 1,000 residents"), content.period.start,
                  content.period.end])
    sheet.append([_("Median reports per 1,000 residents"),
                  _cell(sheet, found.median_per_1000, RATE)])
    sheet.append([_("Median share resolved on time"),
                  _cell(sheet, found.median_on_time, PERCENT)])
    sheet.append([])
    sheet.append([_("Rank"), _("Code"), _("Unit"), _("Residents"), _("Reports received"),
                  _("Reports per 1,000 residents"), _("Reports resolved"),
                  _("Resolved on time"), _("On-time rate"), _("On-time rank")])
    for row in found.rows:
        sheet.append([row.rank, row.unit.code, row.unit.name, row.population, row.received,
                      _cell(sheet, row.per_1000, RATE), row.resolved, row.resolved_on_time,
                      _cell(sheet, row.on_time_rate, PERCENT), row.on_time_rank])


def write_workbook(target: IO[bytes] | str, content: BriefContent) -> None:
    """Call inside translation.override('vi')."""
    book = Workbook(write_only=True)
    _headline(book, content)
    _breakdown(book, _("By ward"), content.figures.by_ward)
    _breakdown(book, _("By department"), content.figures.by_department)
    _breakdown(book, _("By category"), content.figures.by_category)
    if content.ranking is not None:
        _ranking(book, content)
    sheet = book.create_sheet(_("Trend"))
    sheet.append([_("From"), _("To"), _("Received"), _("Resolved"), _("On-time rate")])
    for point in content.trend:
        sheet.append([point.start, point.end, point.sums.received, point.sums.resolved,
                      _cell(sheet, point.sums.on_time_rate, PERCENT)])
    sheet = book.create_sheet(_("Hour of the week"))
    sheet.append([_("Day"), *[f"{h}h" for h in range(24)]])
    for name, counts in zip((_("Mon"), _("Tue"), _("Wed"), _("Thu"), _("Fri"), _("Sat"),
                             _("Sun")), content.hours, strict=True):
        sheet.append([name, *counts])
    if content.hotspots is not None:
        sheet = book.create_sheet(_("Hotspots"))
        sheet.append([_("Cell"), _("Reports"), _("z"), _("p"), _("Result")])
        for cell in content.hotspots.cells:
            sheet.append([cell.cell, cell.count, cell.z, cell.p,
                          {"hot": _("hot"), "cold": _("cold")}.get(cell.kind, "")])
    survey_section.write_sheet(book, content.survey)
    book.save(target)
