"""Delays of milestones and projects."""

import datetime as dt

from smartdistrict.targets.schedule import (
    Delay,
    MilestoneDelay,
    milestone_delay,
    project_overrun,
)

PLANNED = dt.date(2025, 6, 30)


def test_on_time_or_not_yet_due():
    assert milestone_delay(planned=PLANNED, actual=None, today=PLANNED) == MilestoneDelay(
        Delay.NONE, 0)
    assert milestone_delay(planned=PLANNED, actual=dt.date(2025, 6, 1),
                           today=dt.date(2026, 1, 1)).delay == Delay.NONE
    assert milestone_delay(planned=PLANNED, actual=PLANNED, today=dt.date(2026, 1, 1)).days == 0


def test_overdue_when_the_planned_date_passed_without_an_actual_date():
    assert milestone_delay(planned=PLANNED, actual=None, today=dt.date(2025, 7, 10)) == (
        MilestoneDelay(Delay.OVERDUE, 10))


def test_late_when_done_after_the_planned_date():
    assert milestone_delay(planned=PLANNED, actual=dt.date(2025, 8, 14),
                           today=dt.date(2026, 1, 1)) == MilestoneDelay(Delay.LATE, 45)


def test_cancelled_milestones_are_never_delayed():
    assert milestone_delay(planned=PLANNED, actual=None, today=dt.date(2026, 1, 1),
                           cancelled=True).delay == Delay.NONE


def test_project_overrun():
    end = dt.date(2025, 11, 30)
    assert project_overrun(end=end, completed=False, cancelled=False,
                           today=dt.date(2025, 12, 2)) == 2
    assert project_overrun(end=end, completed=True, cancelled=False,
                           today=dt.date(2026, 1, 1)) == 0
    assert project_overrun(end=None, completed=False, cancelled=False,
                           today=dt.date(2026, 1, 1)) == 0
    assert project_overrun(end=end, completed=False, cancelled=False, today=end) == 0

