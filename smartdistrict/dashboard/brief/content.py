"""What a brief holds, gathered once for both files: the dashboard's figures, formatted
for Vietnamese readers, with the charts as PNG."""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.translation import gettext as _

from smartdistrict.dashboard import charts, presenters
from smartdistrict.dashboard.selectors.figures import Figures, figures
from smartdistrict.dashboard.selectors.hotspots import Hotspots, hotspots
from smartdistrict.dashboard.selectors.ranking import Ranking, may_see_rank, ranking, sums_of
from smartdistrict.dashboard.selectors.scope import Period, Selection
from smartdistrict.dashboard.selectors.survey import SurveyPanel, survey_panel
from smartdistrict.dashboard.selectors.timeofday import weekly_hours
from smartdistrict.dashboard.selectors.trend import Point, trend
from smartdistrict.feedback.models import Category
from smartdistrict.geography.selectors import jurisdiction_root

TOP = 15  # rows of each breakdown in the PDF (the workbook has them all)


@dataclass
class BriefContent:
    title: str
    unit_name: str
    period: Period
    figures: Figures
    cards: list[presenters.Card]
    channels: list[presenters.ChannelShare]
    by_ward: list[presenters.Row]
    by_department: list[presenters.Row]
    by_category: list[presenters.Row]
    trend: list[Point]
    hours: list[list[int]]
    hotspots: Hotspots | None
    hotspot_category: str
    trend_png: bytes
    hours_png: bytes
    ward_png: bytes
    survey: SurveyPanel | None = None
    ranking: Ranking | None = None  # the units per 1,000 residents, when the scope allows
    issuer: str = ""  # the People's Committee's unit: the selected one, else the city


def gather(selection: Selection, period: Period, unit_name: str) -> BriefContent:
    """Called inside translation.override('vi')."""
    found = figures(selection, period, language="vi")
    points = trend(selection, period, "month" if period.days > 62 else "week")
    category = Category.objects.filter(code="trom-cap").first()
    grid = weekly_hours(selection, period)
    spots = hotspots(selection, period, category.id if category else None)
    wards = presenters.rows(found.by_ward, found, by="ward")
    ranked = None
    if may_see_rank(selection.scope, selection.unit):
        ranked = ranking(period, sums_of(found.by_ward) if selection.unit is None else None)
    return BriefContent(
        title=_("Citizen feedback: brief for the meeting"),
        unit_name=unit_name, period=period, figures=found,
        cards=presenters.cards(found),
        channels=presenters.channel_shares(found),
        by_ward=wards,
        by_department=presenters.rows(found.by_department, found, by="department"),
        by_category=presenters.rows(found.by_category, found, by="category"),
        trend=points, hours=grid, hotspots=spots,
        hotspot_category=category.name if category else _("All categories"),
        trend_png=charts.trend_chart(points, "month" if period.days > 62 else "week", "png"),
        hours_png=charts.weekly_hours_chart(grid, "png"),
        ward_png=charts.bar_chart(
            [w.name for w in wards][:TOP],
            [(w.on_time_value or 0) * 100 for w in wards][:TOP],
            _("Resolved on time (%), by ward, worst first"), "png", percent=True,
        ),
        survey=survey_panel(selection, period),
        ranking=ranked,
        issuer=selection.unit.name if selection.unit else _issuing_unit(unit_name),
    )


def _issuing_unit(fallback: str) -> str:
    """The jurisdiction's own name (the city) when the brief covers all of it."""
    root = jurisdiction_root()
    return root.name if root is not None else fallback
