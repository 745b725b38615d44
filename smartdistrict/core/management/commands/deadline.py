"""``smartdistrict deadline``: when is something due, counted in working days or hours.

For operators checking a deadline by hand and for scripts: the due time is always the
last line, ISO 8601 with its offset, so ``| tail -n 1`` is all a script needs.
"""

from __future__ import annotations

import datetime as dt
import math

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import timezone
from django.utils.translation import gettext as _

from smartdistrict.core import datetimes
from smartdistrict.core.calendar import CalendarInputError
from smartdistrict.core.datetimes import MomentError, aware_utc
from smartdistrict.core.selectors import working_calendar


def _parse_moment(text: str | None) -> dt.datetime:
    if text is None:
        return timezone.now()
    try:
        moment = aware_utc(text)
    except MomentError as error:
        if error.reason == datetimes.NAIVE and error.moment is not None:
            example = f"{error.moment.isoformat(timespec='minutes')}+07:00"
            raise CommandError(
                _("--from: %(text)r has no time zone; add its offset, e.g. %(example)s.")
                % {"text": text, "example": example}
            ) from None
        raise CommandError(
            _("--from: %(text)r is not an ISO 8601 date and time (e.g. 2026-02-13T10:00+07:00).")
            % {"text": text}
        ) from error
    return timezone.localtime(moment)  # counted and shown in the site's zone


def _parse_days(text: str) -> int:
    try:
        days = int(text.strip())
    except ValueError as error:
        raise CommandError(
            _("--working-days: %(text)r is not a whole number.") % {"text": text}
        ) from error
    if days < 0:
        raise CommandError(_("--working-days must be zero or positive."))
    return days


def _parse_hours(text: str) -> float:
    try:
        hours = float(text.strip())
    except ValueError as error:
        raise CommandError(_("--working-hours: %(text)r is not a number.") % {"text": text}) from (
            error
        )
    if not math.isfinite(hours) or hours < 0:
        raise CommandError(_("--working-hours must be zero or a positive number."))
    return hours


class Command(BaseCommand):
    help = (
        "Print when something started at --from is due after --working-days or "
        "--working-hours of office time (public holidays and administrator overrides "
        "included). The due time is the last line, ISO 8601 with offset."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--from",
            dest="start",
            metavar="DATETIME",
            help="Start, ISO 8601 with an offset, e.g. 2026-02-13T10:00+07:00 (default: now).",
        )
        # Taken as text and checked in handle(), so every mistake gets the same kind of
        # clear CommandError, from the shell and from call_command alike.
        parser.add_argument("--working-days", metavar="N", help="Working days to add.")
        parser.add_argument("--working-hours", metavar="H", help="Working hours to add.")

    def handle(self, *args, **options) -> None:
        days_text, hours_text = options["working_days"], options["working_hours"]
        if (days_text is None) == (hours_text is None):
            raise CommandError(_("Give exactly one of --working-days and --working-hours."))
        start = _parse_moment(options["start"])
        calendar = working_calendar()
        try:
            if days_text is not None:
                due = calendar.add_working_days(start, _parse_days(days_text))
            else:
                due = calendar.add_working_hours(start, _parse_hours(hours_text))
            opening = calendar.next_opening(start)
        except CalendarInputError as error:
            raise CommandError(str(error.message)) from error

        if options["verbosity"] >= 1:
            self.stdout.write(_("counting from: %(moment)s") % {"moment": opening.isoformat()})
            for day in calendar.days_off_between(opening.date(), due.date()):
                self.stdout.write(
                    _("  closed %(day)s: %(reason)s")
                    % {"day": day.isoformat(), "reason": calendar.day_off_reason(day)}
                )
        self.stdout.write(due.isoformat())
