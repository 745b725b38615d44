"""The term's targets on the dashboard: how many indicators are on track, at risk, off
track or without data, the few furthest behind, and the key projects' late milestones.

Everything is read through the targets app's selectors, which own the assessment (status,
progress, forecast) and the milestone delays; this module only picks what a leader sees
first. Targets are the district's plan, set for the whole jurisdiction and not cut by
ward or department (targets/policy.py), so the panel ignores the dashboard's unit and
scope and says so; it judges them today, not at the end of the chosen period, because an
assessment reads every measurement recorded so far. Three queries, however many
indicators or milestones (and the geography's cached version check, for the name of the
jurisdiction).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.utils import timezone

from smartdistrict.geography.selectors import whole_jurisdiction_label
from smartdistrict.targets import explain
from smartdistrict.targets.progress import Status
from smartdistrict.targets.schedule import Delay
from smartdistrict.targets.selectors import (
    IndicatorRow,
    counts_of,
    delayed_milestones,
    indicator_rows,
)

# How many indicators the panel names: the rest are one click away on /targets/.
WORST_SHOWN = 5
# Off track before at risk; on track and without data are not named.
_BEHIND = {Status.OFF_TRACK: 0, Status.AT_RISK: 1}


@dataclass(frozen=True)
class TargetsPanel:
    today: dt.date
    where: str  # the whole jurisdiction ("Toàn thành phố"): targets have no unit scope
    counts: list[tuple[str, str, int]]  # (status, its label, indicators), targets' order
    ahead: int  # indicators whose target year is not over yet
    ahead_reaching: int  # of those, forecast to reach the target
    ahead_falling_short: int  # forecast to miss it (the rest have no forecast yet)
    worst: list[IndicatorRow]  # off track then at risk, furthest behind first
    overdue_milestones: int  # planned date passed, not done
    late_milestones: int  # done after the planned date
    illustrative: bool  # some indicator is demonstration content

    @property
    def total(self) -> int:
        return sum(n for _status, _label, n in self.counts)


def _shortfall(row: IndicatorRow) -> float:
    """Points behind, as the assessment measures them: progress minus the share expected
    by now (for an each-period target, the whole of it)."""
    gap = row.assessment.gap
    return gap if gap is not None else 0.0


def worst_rows(rows: list[IndicatorRow], limit: int = WORST_SHOWN) -> list[IndicatorRow]:
    """The indicators off track or at risk (no query). Those whose target year is still
    ahead come first: they carry a forecast and can still be acted on, while a target of
    a year gone by is settled. Then off track before at risk, furthest behind first."""
    behind = [row for row in rows if row.status in _BEHIND]
    behind.sort(key=lambda row: (row.assessment.target_year_over, _BEHIND[row.status],
                                 _shortfall(row), row.indicator.position, row.indicator.code))
    return behind[:limit]


def targets_panel(today: dt.date | None = None) -> TargetsPanel:
    """The panel as of ``today`` (default: the local date), in three queries."""
    today = today or timezone.localdate()
    rows = indicator_rows(today=today)
    ahead = [row.assessment for row in rows if not row.assessment.target_year_over]
    delays = [row.delay.delay for row in delayed_milestones(today)]
    return TargetsPanel(
        today=today,
        where=whole_jurisdiction_label(),
        counts=[(status, explain.status_label(Status(status)), n)
                for status, n in counts_of(rows).items()],
        ahead=len(ahead),
        ahead_reaching=sum(a.forecast_meets_target is True for a in ahead),
        ahead_falling_short=sum(a.forecast_meets_target is False for a in ahead),
        worst=worst_rows(rows),
        overdue_milestones=delays.count(Delay.OVERDUE),
        late_milestones=delays.count(Delay.LATE),
        illustrative=any(row.indicator.illustrative for row in rows),
    )
