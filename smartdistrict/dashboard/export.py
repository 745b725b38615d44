"""The list of reports behind a period's figures as an Excel file, streamed.

openpyxl's write-only workbook writes each row to a temporary file as it goes, and the
rows are read from the database in chunks, so memory stays flat however many rows there
are. No personal data: no reporter, no description (residents write names and phone
numbers in it), no address.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator
from typing import IO

from django.utils.translation import gettext as _
from openpyxl import Workbook

from smartdistrict.dashboard.facts.rows import local_zone
from smartdistrict.dashboard.selectors.figures import local_name
from smartdistrict.dashboard.selectors.scope import Period, Selection, ward_at
from smartdistrict.feedback.models import Category, Channel, Report, Status
from smartdistrict.geography.index import get_index
from smartdistrict.organisations.models import Department

CHUNK = 2_000
FIELDS = ("code", "created_at", "category_id", "ward_id", "department_id", "channel",
          "status", "due_at", "first_response_at", "resolved_at", "closed_at", "rating")


def _start(day: dt.date) -> dt.datetime:
    return dt.datetime.combine(day, dt.time.min, tzinfo=local_zone())


def _local(moment: dt.datetime | None) -> dt.datetime | None:
    # Excel has no time zones: local wall-clock time, without tzinfo.
    return None if moment is None else moment.astimezone(local_zone()).replace(tzinfo=None)


def report_rows(selection: Selection, period: Period) -> Iterator[tuple]:
    """Reports received in the period, oldest first, in chunks (keyset on id)."""
    reports = selection.apply(Report.objects.filter(
        created_at__gte=_start(period.start),
        created_at__lt=_start(period.end + dt.timedelta(days=1)),
    )).order_by()
    last = 0
    while True:
        chunk = list(reports.filter(id__gt=last).order_by("id").values_list("id", *FIELDS)
                     [:CHUNK])
        if not chunk:
            return
        for row in chunk:
            yield row[1:]
        last = chunk[-1][0]


def write_reports(target: IO[bytes] | str, selection: Selection, period: Period, *,
                  language: str = "vi", progress: Callable[[int, str], None] | None = None
                  ) -> int:
    """Write the workbook to ``target``; returns the number of report rows. ``progress``
    hears (percent, step) as the rows go (an estimate from the period's report count)."""
    categories = {c.id: local_name(c, language) for c in Category.objects.all()}
    departments = {d.id: local_name(d, language) for d in Department.objects.all()}
    units = get_index().units
    statuses = {k: str(v) for k, v in Status.choices}
    channels = {k: str(v) for k, v in Channel.choices}
    book = Workbook(write_only=True)
    sheet = book.create_sheet(_("Reports"))
    sheet.append([_("Code"), _("Received"), _("Category"), _("Ward (as filed)"),
                  _("Ward at the end of the period"), _("Department"), _("Channel"),
                  _("Status"), _("Due"), _("First response"), _("Resolved"), _("Closed"),
                  _("Rating")])
    mapped: dict[int, str] = {}
    count = 0
    expected = max(1, _count(selection, period)) if progress else 1
    for (code, created, category, ward, department, channel, status, due, responded,
         resolved, closed, rating) in report_rows(selection, period):
        if ward not in mapped:
            now = ward_at(ward, period.end)
            mapped[ward] = local_name(now, language) if now else ""
        filed = local_name(units[ward], language) if ward in units else str(ward)
        # Plain values: openpyxl gives datetimes a date format by itself, and a styled cell
        # per value would double the time per row.
        sheet.append([code, _local(created), categories.get(category, ""), filed, mapped[ward],
                      departments.get(department, ""), channels.get(channel, channel),
                      statuses.get(status, status), _local(due), _local(responded),
                      _local(resolved), _local(closed), rating])
        count += 1
        if progress and count % CHUNK == 0:
            progress(5 + 85 * count // expected, _("%(n)d rows written") % {"n": count})
    if progress:
        progress(95, _("Saving the file"))
    book.save(target)
    return count


def _count(selection: Selection, period: Period) -> int:
    return selection.apply(Report.objects.filter(
        created_at__gte=_start(period.start),
        created_at__lt=_start(period.end + dt.timedelta(days=1)),
    )).count()
