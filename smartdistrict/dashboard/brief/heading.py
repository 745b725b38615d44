"""The top of the brief as a People's Committee's administrative document (Decree
30/2020/NĐ-CP, Appendix I): the issuing body at the top left with the document's number
below it, the national heading and motto at the top right with the place and date below,
then the kind of document and its subject, centred. A leader files the brief as any other
report of the committee, so it must look like one."""

from __future__ import annotations

import datetime as dt

from django.utils.translation import gettext as _
from reportlab.lib.enums import TA_CENTER
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import cm
from reportlab.platypus import HRFlowable, Paragraph, Spacer, Table, TableStyle

ISSUER_WIDTH = 6.8 * cm


def long_date(day: dt.date) -> str:
    """"ngày 07 tháng 3 năm 2026": a day below 10 and the months 1 and 2 take a leading
    zero (the decree's rule), the others are written as they are."""
    month = f"{day.month:02d}" if day.month <= 2 else str(day.month)
    return _("day %(day)s month %(month)s year %(year)s") % {
        "day": f"{day.day:02d}", "month": month, "year": day.year}


def heading(*, issuer: str, place: str, today: dt.date, subject: str, period_line: str,
            font: str, bold: str, italic: str, width: float) -> list:
    """The flowables of the heading, ending with the subject and the period covered."""
    centred = {"alignment": TA_CENTER, "fontSize": 11, "leading": 14}
    body = ParagraphStyle("heading", fontName=font, **centred)
    strong = ParagraphStyle("heading-bold", fontName=bold, **centred)
    dated = ParagraphStyle("heading-date", fontName=italic, **centred)
    kind = ParagraphStyle("kind", fontName=bold, alignment=TA_CENTER, fontSize=14, leading=18,
                          spaceBefore=14)
    about = ParagraphStyle("subject", fontName=bold, alignment=TA_CENTER, fontSize=12,
                           leading=15)
    left = [
        Paragraph(_("PEOPLE'S COMMITTEE"), strong),
        Paragraph(issuer.upper(), strong),
        HRFlowable(width="35%", thickness=0.6, color="black", spaceBefore=1, spaceAfter=6),
        Paragraph(_("No.:") + "&nbsp;" * 12 + "/BC-UBND", body),
    ]
    right = [
        Paragraph(_("SOCIALIST REPUBLIC OF VIETNAM"), strong),
        Paragraph(_("Independence - Freedom - Happiness"), strong),
        HRFlowable(width="55%", thickness=0.6, color="black", spaceBefore=1, spaceAfter=6),
        Paragraph(f"{place}, {long_date(today)}", dated),
    ]
    table = Table([[left, right]], colWidths=[ISSUER_WIDTH, width - ISSUER_WIDTH])
    table.setStyle(TableStyle([
        ("VALIGN", (0, 0), (-1, -1), "TOP"), ("ALIGN", (0, 0), (-1, -1), "CENTER"),
        ("LEFTPADDING", (0, 0), (-1, -1), 0), ("RIGHTPADDING", (0, 0), (-1, -1), 0),
    ]))
    return [
        table,
        Paragraph(_("REPORT"), kind),
        Paragraph(subject, about),
        Paragraph(period_line, ParagraphStyle("period", fontName=italic, **centred)),
        HRFlowable(width="20%", thickness=0.6, color="black", spaceBefore=4, spaceAfter=8),
        Spacer(1, 2),
    ]
