"""When a report is due: its category's deadline, counted in working time from a start.

Intake sets the first deadline; reopening a report starts a new one. Working days and
hours come from the jurisdiction's calendar (core.calendar: weekends, public holidays,
swapped working days)."""

from __future__ import annotations

import datetime as dt

from smartdistrict.core.calendar import WorkingCalendar
from smartdistrict.core.selectors import working_calendar
from smartdistrict.feedback.models import Category, DeadlineUnit


def due_time(category: Category, start: dt.datetime,
             calendar: WorkingCalendar | None = None) -> dt.datetime:
    """``start`` plus the category's deadline (working hours or working days), on
    ``calendar`` (default: the jurisdiction's; the demo seeder passes the one it holds)."""
    calendar = calendar or working_calendar()
    if category.deadline_unit == DeadlineUnit.WORKING_HOURS:
        return calendar.add_working_hours(start, category.deadline_value)
    return calendar.add_working_days(start, category.deadline_value)
