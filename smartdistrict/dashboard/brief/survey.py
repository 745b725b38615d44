"""The brief's section on satisfaction with the one-stop shops: the survey panel of the
dashboard (dashboard.selectors.survey), as PDF flowables and as an Excel sheet."""

from __future__ import annotations

from django.utils.translation import gettext as _
from openpyxl import Workbook
from reportlab.platypus import Paragraph

from smartdistrict.dashboard.selectors.survey import SurveyPanel
from smartdistrict.survey.questionnaire import ELEMENTS, element_names


def _pct(value: float | None) -> str:
    return "—" if value is None else f"{value:.1f} %".replace(".", ",")


def pdf_section(panel: SurveyPanel | None, styles: dict, table) -> list:
    """Flowables for the PDF; ``table`` is the brief's table builder."""
    if panel is None:
        return []
    parts = [Paragraph(_("Satisfaction with the one-stop shops (SIPAS)"), styles["h2"])]
    if not panel.available:
        return [*parts, Paragraph(_("No survey answers in this period."), styles["body"])]
    found = panel.total.indices
    parts.append(Paragraph(
        _("Whole months %(start)s – %(end)s: %(n)s answers; satisfaction index %(index)s.") % {
            "start": panel.months.start.strftime("%m/%Y"),
            "end": panel.months.end.strftime("%m/%Y"), "n": found.responses,
            "index": _pct(found.overall)}, styles["body"]))
    if found.few:
        parts.append(Paragraph(_("Fewer than %(n)s answers: read the figures with care.")
                               % {"n": panel.few_answers}, styles["small"]))
    names = element_names()
    parts.append(table([_("Element"), _("Answers"), _("Satisfaction (%)")],
                       [[names[e], found.items[e].n, _pct(found.items[e].value)]
                        for e in (*ELEMENTS, "general")], [300, 70, 100]))
    ranked = panel.best + panel.worst
    if ranked:
        parts.append(Paragraph(_("Units ranked by the satisfaction index"), styles["h2"]))
        parts.append(table([_("Rank"), _("Ward"), _("Satisfaction index"), _("Answers")],
                           [[x.rank, x.name, _pct(x.indices.overall), x.indices.responses]
                            for x in ranked], [50, 250, 100, 70]))
    return parts


def write_sheet(book: Workbook, panel: SurveyPanel | None) -> None:
    if panel is None:
        return
    sheet = book.create_sheet(_("One-stop shops"))
    found = panel.total.indices
    sheet.append([_("Satisfaction with the one-stop shops (SIPAS)")])
    sheet.append([_("From"), panel.months.start, _("To"), panel.months.last_day])
    sheet.append([_("Answers"), found.responses])
    sheet.append([_("Satisfaction index (%)"), found.overall])
    sheet.append([])
    sheet.append([_("Element"), _("Answers"), _("Satisfaction (%)")])
    names = element_names()
    for item in (*ELEMENTS, "general"):
        sheet.append([str(names[item]), found.items[item].n, found.items[item].value])
    sheet.append([])
    sheet.append([_("Rank"), _("Ward"), _("Satisfaction index (%)"), _("Answers")])
    for line in panel.best + panel.worst:
        sheet.append([line.rank, line.name, line.indices.overall, line.indices.responses])
