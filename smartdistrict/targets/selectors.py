"""Reads of the targets app, for its pages and for other apps (the dashboard, the briefs).

Every function answers in a fixed number of queries whatever the number of indicators,
measurements or projects; tests/test_selectors.py pins each count.

    with_latest()            indicators + latest actual, one query
    indicator_rows()         indicators + latest + assessment, two queries
    status_counts()          {status: count} over indicator_rows, two queries
    counts_of(rows)          the same count over rows already read, no query
    indicator_detail(code)   one indicator, its measurements and assessment, two queries
    programme_groups()       programmes → projects → milestones with delays, three queries
    projects_geojson()       the projects as a GeoJSON FeatureCollection, two queries
    delayed_milestones()     every overdue or late milestone, one query
"""

from __future__ import annotations

import datetime as dt
import json
from collections import Counter
from dataclasses import dataclass, field

from django.db.models import OuterRef, Prefetch, QuerySet, Subquery
from django.utils import timezone
from django.utils.translation import gettext as _

from smartdistrict.core.errors import NotFound
from smartdistrict.targets.models import (
    Indicator,
    Measurement,
    Milestone,
    Programme,
    Project,
    WorkStatus,
)
from smartdistrict.targets.periods import axis_of
from smartdistrict.targets.progress import Assessment, Status, assess
from smartdistrict.targets.schedule import Delay, MilestoneDelay, milestone_delay, project_overrun


def with_latest(queryset: QuerySet[Indicator] | None = None) -> QuerySet[Indicator]:
    """Indicators with their programme, unit and latest actual measurement, in one query.

    Each indicator carries ``latest_actual`` (float or None), ``latest_period`` (its label)
    and ``latest_period_end``. The latest is the measurement with an actual value whose
    period ends last (a year beats its own fourth quarter).
    """
    queryset = Indicator.objects.all() if queryset is None else queryset
    latest = Measurement.objects.filter(
        indicator=OuterRef("pk"), actual__isnull=False
    ).order_by("-period_end", "period_start")
    return queryset.select_related("programme", "admin_unit", "owner_department").annotate(
        latest_actual=Subquery(latest.values("actual")[:1]),
        latest_period=Subquery(latest.values("period_label")[:1]),
        latest_period_end=Subquery(latest.values("period_end")[:1]),
    )


def assessment_of(indicator: Indicator, measurements: list[Measurement],
                  today: dt.date | None = None) -> Assessment:
    """Progress, status and forecast of ``indicator`` from its measurements (no query),
    judged on ``today`` (default: the local date): after the target year, no forecast."""
    actuals = {
        axis_of(m.period_end): m.actual
        for m in sorted(measurements, key=lambda m: (m.period_end, -m.period_start.toordinal()))
        if m.actual is not None
    }
    return assess(
        baseline_value=indicator.baseline_value, baseline_year=indicator.baseline_year,
        target_value=indicator.target_value, target_year=indicator.target_year,
        direction=indicator.direction, kind=indicator.kind, actuals=list(actuals.items()),
        now=axis_of(today or timezone.localdate()),
    )


@dataclass(frozen=True)
class IndicatorRow:
    indicator: Indicator
    assessment: Assessment

    @property
    def status(self) -> Status:
        return self.assessment.status


def indicator_rows(
    *, programme: Programme | None = None, codes: list[str] | None = None,
    today: dt.date | None = None,
) -> list[IndicatorRow]:
    """Every indicator (or those of one programme, or with these codes) with its latest
    actual and its assessment, in two queries."""
    queryset = Indicator.objects.all()
    if programme is not None:
        queryset = queryset.filter(programme=programme)
    if codes is not None:
        queryset = queryset.filter(code__in=codes)
    queryset = with_latest(queryset).prefetch_related(
        Prefetch(
            "measurements",
            queryset=Measurement.objects.filter(actual__isnull=False).only(
                "indicator_id", "period_start", "period_end", "period_label", "actual"
            ),
            to_attr="actual_measurements",
        )
    )
    return [IndicatorRow(i, assessment_of(i, i.actual_measurements, today)) for i in queryset]


def status_counts(today: dt.date | None = None) -> dict[str, int]:
    """How many indicators are on track, at risk, off track or without data."""
    return counts_of(indicator_rows(today=today))


def counts_of(rows: list[IndicatorRow]) -> dict[str, int]:
    """``status_counts`` of rows a caller already holds (the dashboard shows them too),
    every status present, in the order of ``Status`` (no query)."""
    counts = Counter(row.status.value for row in rows)
    return {status.value: counts.get(status.value, 0) for status in Status}


@dataclass(frozen=True)
class IndicatorGroup:
    programme: Programme | None  # None: indicators that serve no programme
    rows: list[IndicatorRow]


def group_by_programme(rows: list[IndicatorRow]) -> list[IndicatorGroup]:
    """Rows grouped by programme in the programmes' order, the unattached last (no query)."""
    groups: dict[int | None, list[IndicatorRow]] = {}
    programmes: dict[int | None, Programme | None] = {}
    for row in rows:
        key = row.indicator.programme_id
        groups.setdefault(key, []).append(row)
        programmes[key] = row.indicator.programme
    ordered = sorted(
        groups,
        key=lambda k: (k is None, (programmes[k].position, programmes[k].code) if k else ()),
    )
    return [IndicatorGroup(programmes[k], groups[k]) for k in ordered]


def indicator_by_code(code: str) -> Indicator:
    indicator = (
        Indicator.objects.select_related("programme", "admin_unit", "owner_department")
        .filter(code=code)
        .first()
    )
    if indicator is None:
        raise NotFound(_("No indicator has this code."), code="indicator_not_found")
    return indicator


@dataclass(frozen=True)
class IndicatorDetail:
    indicator: Indicator
    measurements: list[Measurement]  # every period, oldest first, actual and/or planned
    assessment: Assessment


def indicator_detail(code: str) -> IndicatorDetail:
    """One indicator with all its measurements and its assessment (two queries)."""
    indicator = indicator_by_code(code)
    measurements = list(
        Measurement.objects.filter(indicator=indicator)
        .select_related("updated_by")
        .order_by("period_end", "-period_start")
    )
    return IndicatorDetail(indicator, measurements, assessment_of(indicator, measurements))


# --- programmes and projects ---------------------------------------------------------------


@dataclass(frozen=True)
class MilestoneRow:
    milestone: Milestone
    delay: MilestoneDelay


@dataclass(frozen=True)
class ProjectRow:
    project: Project
    milestones: list[MilestoneRow]
    overrun_days: int  # days past the end date while not completed

    @property
    def delayed(self) -> bool:
        return self.overrun_days > 0 or any(m.delay.delay != Delay.NONE for m in self.milestones)

    @property
    def overdue_milestones(self) -> int:
        return sum(m.delay.delay == Delay.OVERDUE for m in self.milestones)


@dataclass(frozen=True)
class ProgrammeGroup:
    programme: Programme | None  # None: projects outside any programme
    projects: list[ProjectRow] = field(default_factory=list)


def _project_row(project: Project, today: dt.date) -> ProjectRow:
    rows = [
        MilestoneRow(
            m,
            milestone_delay(
                planned=m.planned_date, actual=m.actual_date, today=today,
                cancelled=m.status == WorkStatus.CANCELLED,
            ),
        )
        for m in project.milestones.all()
    ]
    overrun = project_overrun(
        end=project.end, completed=project.status == WorkStatus.COMPLETED,
        cancelled=project.status == WorkStatus.CANCELLED, today=today,
    )
    return ProjectRow(project, rows, overrun)


def _projects() -> QuerySet[Project]:
    return Project.objects.select_related("programme", "ward", "owner_department").prefetch_related(
        Prefetch("milestones", queryset=Milestone.objects.order_by("planned_date", "id"))
    )


def project_rows(today: dt.date | None = None) -> list[ProjectRow]:
    """Every project with its milestones and delays (two queries)."""
    today = today or timezone.localdate()
    return [_project_row(p, today) for p in _projects()]


def programme_groups(today: dt.date | None = None) -> list[ProgrammeGroup]:
    """Programmes in order, each with its projects; projects outside any programme last
    (three queries: programmes, projects, milestones)."""
    projects = project_rows(today)
    groups = [ProgrammeGroup(p) for p in Programme.objects.all()]
    by_id = {g.programme.id: g for g in groups}
    loose = ProgrammeGroup(None)
    for row in projects:
        by_id.get(row.project.programme_id, loose).projects.append(row)
    return groups + ([loose] if loose.projects else [])


def delayed_milestones(today: dt.date | None = None) -> list[MilestoneRow]:
    """Overdue and late milestones of every project, most days late first (one query)."""
    today = today or timezone.localdate()
    rows = []
    for milestone in Milestone.objects.select_related("project").exclude(
        status=WorkStatus.CANCELLED
    ):
        delay = milestone_delay(
            planned=milestone.planned_date, actual=milestone.actual_date, today=today
        )
        if delay.delay != Delay.NONE:
            rows.append(MilestoneRow(milestone, delay))
    return sorted(rows, key=lambda r: -r.delay.days)


def projects_geojson(*, language: str = "vi", today: dt.date | None = None) -> dict:
    """Projects with a location as a GeoJSON FeatureCollection (two queries).

    Properties: code, name, status (value and label), programme, ward, delayed,
    approximate, budget_billion_vnd, start, end. Names in ``language`` when given.
    """
    english = language.startswith("en")
    features = []
    for row in project_rows(today):
        project = row.project
        if not project.geometry:
            continue
        programme = project.programme
        features.append({
            "type": "Feature",
            "geometry": json.loads(project.geometry),
            "properties": {
                "code": project.code,
                "name": (project.name_en or project.name) if english else project.name,
                "status": project.status,
                "status_label": str(project.get_status_display()),
                "programme": (
                    ((programme.name_en or programme.name) if english else programme.name)
                    if programme else None
                ),
                "ward": project.ward.name if project.ward else None,
                "delayed": row.delayed,
                "approximate": project.location_approximate,
                "budget_billion_vnd": (
                    float(project.budget_billion_vnd)
                    if project.budget_billion_vnd is not None else None
                ),
                "start": project.start.isoformat() if project.start else None,
                "end": project.end.isoformat() if project.end else None,
            },
        })
    return {"type": "FeatureCollection", "features": features}
