"""The brief as a PDF (reportlab), A4, in Vietnamese: DejaVu Sans is embedded (the copy
matplotlib ships), since the standard PDF fonts lack Vietnamese letters."""

from __future__ import annotations

import io
from functools import cache
from pathlib import Path

import matplotlib
from django.utils import timezone
from django.utils.translation import gettext as _
from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import cm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.platypus import (
    Image,
    PageBreak,
    Paragraph,
    SimpleDocTemplate,
    Spacer,
    Table,
    TableStyle,
)

from smartdistrict.dashboard.brief import survey as survey_section
from smartdistrict.dashboard.brief.content import TOP, BriefContent
from smartdistrict.dashboard.brief.heading import heading
from smartdistrict.dashboard.presenters import number

FONT, BOLD, ITALIC = "DejaVuSans", "DejaVuSans-Bold", "DejaVuSans-Oblique"
WIDTH = A4[0] - 3 * cm


@cache
def _fonts() -> None:
    folder = Path(matplotlib.get_data_path()) / "fonts" / "ttf"
    pdfmetrics.registerFont(TTFont(FONT, str(folder / "DejaVuSans.ttf")))
    pdfmetrics.registerFont(TTFont(BOLD, str(folder / "DejaVuSans-Bold.ttf")))
    pdfmetrics.registerFont(TTFont(ITALIC, str(folder / "DejaVuSans-Oblique.ttf")))


def _styles() -> dict[str, ParagraphStyle]:
    return {
        "title": ParagraphStyle("title", fontName=BOLD, fontSize=16, leading=20,
                                spaceAfter=6),
        "h2": ParagraphStyle("h2", fontName=BOLD, fontSize=12, leading=15, spaceBefore=10,
                             spaceAfter=4),
        "body": ParagraphStyle("body", fontName=FONT, fontSize=9, leading=12),
        "small": ParagraphStyle("small", fontName=FONT, fontSize=7.5, leading=9,
                                textColor=colors.HexColor("#555555")),
        "cell": ParagraphStyle("cell", fontName=FONT, fontSize=8, leading=10),
    }


def _table(header: list[str], rows: list[list], widths: list[float]) -> Table:
    styles = _styles()
    data = [[Paragraph(f"<b>{h}</b>", styles["cell"]) for h in header]]
    data += [[Paragraph(str(v), styles["cell"]) for v in row] for row in rows]
    table = Table(data, colWidths=widths, repeatRows=1)
    table.setStyle(TableStyle([
        ("FONTNAME", (0, 0), (-1, -1), FONT),
        ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#e8eef9")),
        ("LINEBELOW", (0, 0), (-1, -1), 0.25, colors.HexColor("#bbbbbb")),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
    ]))
    return table


def _image(png: bytes, width: float) -> Image:
    picture = Image(io.BytesIO(png))
    ratio = picture.imageHeight / picture.imageWidth
    picture.drawWidth, picture.drawHeight = width, width * ratio
    return picture


def _breakdown(title: str, rows, styles) -> list:
    header = [_("Ward, department or category"), _("received"), _("resolved"), _("on time"),
              _("overdue"), _("mean resolution"), _("rating"), _("4–5")]
    body = [[r.name + (" " + _("(former)") if r.former else ""), r.received, r.resolved,
             r.on_time, r.overdue, r.mean_resolution, r.mean_rating, r.satisfied]
            for r in rows[:TOP]]
    widths = [5.5 * cm] + [(WIDTH - 5.5 * cm) / 7] * 7
    parts = [Paragraph(title, styles["h2"]), _table(header, body, widths)]
    if len(rows) > TOP:
        parts.append(Paragraph(_("%(n)s more rows in the Excel file.") % {"n": len(rows) - TOP},
                               styles["small"]))
    return parts


def render_pdf(content: BriefContent) -> bytes:
    """Call inside translation.override('vi')."""
    _fonts()
    styles = _styles()
    period, found = content.period, content.figures
    story: list = [
        *heading(
            issuer=content.issuer or content.unit_name, place=content.issuer or content.unit_name,
            today=timezone.localdate(), subject=content.title,
            period_line=_("From %(start)s to %(end)s (compared with %(pstart)s – %(pend)s)") % {
                "start": period.start.strftime("%d/%m/%Y"),
                "end": period.end.strftime("%d/%m/%Y"),
                "pstart": found.previous.start.strftime("%d/%m/%Y"),
                "pend": found.previous.end.strftime("%d/%m/%Y"),
            },
            font=FONT, bold=BOLD, italic=ITALIC, width=WIDTH),
        Paragraph(_("Area covered: %(unit)s. Prepared by the system on %(when)s from the "
                    "reports it recorded.") % {
            "unit": content.unit_name,
            "when": timezone.localtime().strftime("%H:%M %d/%m/%Y")}, styles["small"]),
        Paragraph(_("Headline figures"), styles["h2"]),
        _table([_("Figure"), _("This period"), _("Previous period"), _("Change")],
               [[c.label, c.value, c.previous, c.change] for c in content.cards],
               [6.5 * cm, 3.5 * cm, 3.5 * cm, WIDTH - 13.5 * cm]),
        Paragraph(_("Channels"), styles["h2"]),
        _table([_("Channel"), _("Reports"), _("Share"), _("Previous share")],
               [[c.label, c.count, c.share, c.previous] for c in content.channels],
               [6.5 * cm, 3.5 * cm, 3.5 * cm, WIDTH - 13.5 * cm]),
        Paragraph(_("Trend"), styles["h2"]),
        _image(content.trend_png, WIDTH),
        PageBreak(),
        *_breakdown(_("By ward (wards at the end of the period), worst first"),
                    content.by_ward, styles),
        _image(content.ward_png, WIDTH * 0.85),
        *_breakdown(_("By department, worst first"), content.by_department, styles),
        *_breakdown(_("By category, worst first"), content.by_category, styles),
        PageBreak(),
        Paragraph(_("When reports arrive (hour × day of the week)"), styles["h2"]),
        _image(content.hours_png, WIDTH),
    ]
    spots = content.hotspots
    if spots is not None:
        story += [
            Paragraph(_("Hotspots: %(category)s") % {"category": content.hotspot_category},
                      styles["h2"]),
            Paragraph(_("%(hot)s small areas where these reports cluster more than chance "
                        "would explain, and %(cold)s where they are fewer, among %(total)s "
                        "reports. The higher the concentration, the stronger the cluster; "
                        "areas are hexagons about %(size)s across.") % {
                "hot": number(spots.hot), "cold": number(spots.cold),
                "total": number(spots.total), "size": _hexagon_size(spots.resolution)},
                styles["body"]),
            Spacer(1, 4),
        ]
        hot = sorted((c for c in spots.cells if c.kind == "hot"), key=lambda c: -(c.z or 0))
        if hot:
            story.append(_table([_("Area (hexagon)"), _("Reports"), _("Concentration")],
                                [[c.cell, number(c.count), number(c.z, 1)] for c in hot[:10]],
                                [6 * cm, 3 * cm, WIDTH - 9 * cm]))
    story += survey_section.pdf_section(content.survey, styles, _table)
    buffer = io.BytesIO()
    document = SimpleDocTemplate(buffer, pagesize=A4, leftMargin=1.5 * cm,
                                 rightMargin=1.5 * cm, topMargin=1.5 * cm,
                                 bottomMargin=1.5 * cm, title=content.title,
                                 author="smartdistrict")
    document.build(story)
    return buffer.getvalue()


def _hexagon_size(resolution: int) -> str:
    """The width of an H3 hexagon of that resolution, in words (twice its mean edge, after
    the H3 documentation): a reader pictures "350 m" where "resolution 9" says nothing."""
    edge_m = {6: 3720, 7: 1410, 8: 460, 9: 174, 10: 66}.get(resolution)
    if edge_m is None:
        return "—"
    across = edge_m * 2
    return f"{number(across / 1000, 1)} km" if across >= 1000 else f"{number(round(across, -1))} m"
