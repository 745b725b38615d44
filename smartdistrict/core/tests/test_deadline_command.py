"""``smartdistrict deadline``: the due time on the last line, clear errors otherwise."""

from __future__ import annotations

import datetime as dt
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from smartdistrict.core.models import OverrideKind
from smartdistrict.core.services import calendar_override_set

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english_fresh_calendar")]


def deadline(*args: str) -> list[str]:
    out = StringIO()
    call_command("deadline", *args, stdout=out)
    return out.getvalue().splitlines()


def test_the_acceptance_example_across_tet_2026():
    lines = deadline("--from", "2026-02-13T10:00+07:00", "--working-days", "5")
    assert lines[-1] == "2026-02-27T10:00:00+07:00"
    assert any("2026-02-17" in line for line in lines[:-1])  # Tết is shown as skipped


def test_working_hours_and_quiet_output():
    lines = deadline("--from", "2026-03-10T11:00+07:00", "--working-hours", "1", "-v", "0")
    assert lines == ["2026-03-10T13:30:00+07:00"]
    lines = deadline("--from", "2026-03-10T16:00+07:00", "--working-hours=2.5")
    assert lines[-1] == "2026-03-11T09:00:00+07:00"


def test_another_offset_is_answered_in_ho_chi_minh_time():
    lines = deadline("--from", "2026-02-13T03:00Z", "--working-days", "5")
    assert lines[-1] == "2026-02-27T10:00:00+07:00"


def test_without_from_it_counts_from_now():
    due = dt.datetime.fromisoformat(deadline("--working-days", "1")[-1])
    assert due.utcoffset() == dt.timedelta(hours=7)
    assert due > dt.datetime.now(dt.UTC)


def test_administrator_overrides_are_used():
    calendar_override_set(date=dt.date(2026, 2, 23), kind=OverrideKind.DAY_OFF)
    calendar_override_set(date=dt.date(2026, 2, 28), kind=OverrideKind.WORKING_DAY)
    lines = deadline("--from", "2026-02-13T10:00+07:00", "--working-days", "5")
    assert lines[-1] == "2026-02-28T10:00:00+07:00"


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--from", "2026-02-13T10:00", "--working-days", "5"], "time zone"),
        (["--from", "13/02/2026 10:00+07:00", "--working-days", "5"], "ISO 8601"),
        (["--from", "2026-02-30T10:00+07:00", "--working-days", "5"], "ISO 8601"),
        (["--from", "2026-02-13T10:00+07:00"], "exactly one"),
        (
            ["--from", "2026-02-13T10:00+07:00", "--working-days", "1", "--working-hours", "1"],
            "exactly one",
        ),
        (["--from", "2026-02-13T10:00+07:00", "--working-days", "-1"], "positive"),
        (["--from", "2026-02-13T10:00+07:00", "--working-days", "1.5"], "whole number"),
        (["--from", "2026-02-13T10:00+07:00", "--working-hours", "-2"], "positive"),
        (["--from", "2026-02-13T10:00+07:00", "--working-hours", "nan"], "positive"),
        (["--from", "2026-02-13T10:00+07:00", "--working-hours", "two"], "not a number"),
    ],
)
def test_bad_input_is_a_clear_command_error(args, message):
    with pytest.raises(CommandError, match=message):
        deadline(*args)
