"""Administrators' overrides of the working-time calendar, stored in the database."""

from __future__ import annotations

import pytest
from django.core.exceptions import ImproperlyConfigured

from smartdistrict.core import selectors
from smartdistrict.core.errors import InvalidInput
from smartdistrict.core.models import CalendarOverride, OverrideKind
from smartdistrict.core.services import calendar_override_delete, calendar_override_set
from smartdistrict.core.tests.calendar_helpers import at, day

pytestmark = pytest.mark.usefixtures("english_fresh_calendar")


@pytest.mark.django_db
def test_an_extra_day_off_moves_deadlines():
    start = at("2026-03-09 10:00")  # Monday
    assert selectors.working_calendar().add_working_days(start, 1) == at("2026-03-10 10:00")
    override = calendar_override_set(
        date=day("2026-03-10"), kind=OverrideKind.DAY_OFF, note="Bầu cử"
    )
    assert override.note == "Bầu cử"
    calendar = selectors.working_calendar()
    assert not calendar.is_working_day(day("2026-03-10"))
    assert calendar.add_working_days(start, 1) == at("2026-03-11 10:00")
    assert calendar.add_working_hours(at("2026-03-09 16:00"), 2) == at("2026-03-11 08:30")
    assert calendar_override_delete(date=day("2026-03-10")) is True
    assert calendar_override_delete(date=day("2026-03-10")) is False
    assert selectors.working_calendar().is_working_day(day("2026-03-10"))


@pytest.mark.django_db
def test_a_make_up_saturday_counts_with_normal_hours():
    calendar_override_set(date=day("2026-03-14"), kind=OverrideKind.WORKING_DAY)
    calendar = selectors.working_calendar()
    assert calendar.is_working_day(day("2026-03-14"))
    assert calendar.add_working_days(at("2026-03-13 10:00"), 1) == at("2026-03-14 10:00")
    assert calendar.add_working_hours(at("2026-03-13 16:00"), 2) == at("2026-03-14 08:30")
    assert calendar.next_opening(at("2026-03-14 12:00")) == at("2026-03-14 13:00")


@pytest.mark.django_db
def test_setting_again_replaces_the_kind():
    calendar_override_set(date=day("2026-03-14"), kind=OverrideKind.WORKING_DAY)
    calendar_override_set(date=day("2026-03-14"), kind=OverrideKind.DAY_OFF, note="hủy")
    assert CalendarOverride.objects.get().kind == OverrideKind.DAY_OFF
    assert not selectors.working_calendar().is_working_day(day("2026-03-14"))


@pytest.mark.django_db
def test_the_cache_follows_changes_made_elsewhere():
    first = selectors.working_calendar()
    assert selectors.working_calendar() is first  # nothing changed: same calendar
    # Another process (or the admin) writes without calling our services.
    row = CalendarOverride.objects.create(date=day("2026-03-10"), kind=OverrideKind.DAY_OFF)
    assert not selectors.working_calendar().is_working_day(day("2026-03-10"))
    row.kind = OverrideKind.WORKING_DAY
    row.save()
    assert selectors.working_calendar().is_working_day(day("2026-03-10"))
    row.delete()
    assert selectors.working_calendar().extra_working_days == frozenset()


@pytest.mark.django_db
def test_settings_shape_the_calendar(settings):
    settings.OFFICE_HOURS = "08:00-12:00"
    settings.WORKING_WEEKDAYS = [0, 1, 2, 3, 4, 5]
    calendar = selectors.working_calendar()
    assert calendar.is_working_day(day("2026-03-14"))
    assert calendar.add_working_hours(at("2026-03-13 11:00"), 2) == at("2026-03-14 09:00")
    settings.OFFICE_HOURS = "17:00-08:00"
    with pytest.raises(ImproperlyConfigured):
        selectors.working_calendar()


@pytest.mark.django_db
def test_the_service_refuses_bad_input():
    with pytest.raises(InvalidInput):
        calendar_override_set(date=day("2026-03-10"), kind="holiday")
    with pytest.raises(InvalidInput):
        calendar_override_set(date=at("2026-03-10 00:00"), kind=OverrideKind.DAY_OFF)
    with pytest.raises(InvalidInput):
        calendar_override_set(date=day("2026-03-10"), kind=OverrideKind.DAY_OFF, note="x" * 201)
    assert not CalendarOverride.objects.exists()


@pytest.mark.django_db
def test_the_admin_lists_overrides(admin_client):
    calendar_override_set(date=day("2026-03-14"), kind=OverrideKind.WORKING_DAY, note="bù")
    page = admin_client.get("/admin/core/calendaroverride/")
    assert page.status_code == 200
    assert "bù" in page.content.decode()
    added = admin_client.post(
        "/admin/core/calendaroverride/add/",
        {"date": "2026-03-20", "kind": OverrideKind.DAY_OFF, "note": ""},
    )
    assert added.status_code == 302
    assert not selectors.working_calendar().is_working_day(day("2026-03-20"))
