"""The satisfaction panel: the one-stop shops' SIPAS-style indices, read through the
survey app's selectors (its monthly tallies), for the dashboard's unit and period in the
viewer's scope. The survey app never imports the dashboard."""

from __future__ import annotations

from dataclasses import dataclass, field

from smartdistrict.dashboard.selectors.scope import Period, Selection
from smartdistrict.survey import selectors as survey
from smartdistrict.survey.selectors import Line, Months

RANKED_SHOWN = 5  # best and worst shown on the dashboard; the rest on /survey/results/


@dataclass
class SurveyPanel:
    months: Months
    total: Line
    best: list[Line] = field(default_factory=list)
    worst: list[Line] = field(default_factory=list)
    unranked: int = 0  # units with too few answers to rank
    trend: list[Line] = field(default_factory=list)
    few_answers: int = 30

    @property
    def available(self) -> bool:
        return self.total.indices.responses > 0


def survey_panel(selection: Selection, period: Period) -> SurveyPanel:
    """Four queries: total, ranking, unit names, trend (whole months of the period)."""
    months = Months.covering(period.start, period.end)
    wards = set(selection.ward_ids) if selection.ward_ids is not None else None
    lines = survey.by_unit(selection.scope, months, wards)
    ranked = [x for x in lines if x.rank is not None]
    return SurveyPanel(
        months=months,
        total=survey.total(selection.scope, months, wards),
        best=ranked[:RANKED_SHOWN],
        worst=list(reversed(ranked[RANKED_SHOWN:]))[:RANKED_SHOWN],
        unranked=len(lines) - len(ranked),
        trend=survey.by_month(selection.scope, months, wards),
        few_answers=survey.few_answers(),
    )
