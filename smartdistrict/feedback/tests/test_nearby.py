"""The duplicate check at intake: open reports of the same kind close by, nearest first."""

import datetime as dt

import pytest
from django.utils import timezone

from smartdistrict.feedback.models import Event, EventKind, Report, Status
from smartdistrict.feedback.selectors import (
    M_PER_DEGREE,
    NEARBY_NOTE_LIMIT,
    nearby_open_reports,
)
from smartdistrict.feedback.tests.conftest import WARD_POINTS

LAT, LON = WARD_POINTS["26911"]


def north(metres: float) -> float:
    return LAT + metres / M_PER_DEGREE


@pytest.fixture
def rac_thai(db):
    from smartdistrict.feedback.models import Category

    return Category.objects.get(code="rac-thai")


def test_nearest_first_within_the_radius_only(make_report, rac_thai, settings):
    settings.DUPLICATE_RADIUS_M = 100
    at_60 = make_report(lat=north(60), lon=LON)
    at_10 = make_report(lat=north(10), lon=LON)
    at_95 = make_report(lat=north(95), lon=LON)
    make_report(lat=north(110), lon=LON)  # outside
    make_report(lat=north(5), lon=LON, category="lan-chiem-via-he")  # another kind
    closed = make_report(lat=north(1), lon=LON)
    Report.objects.filter(pk=closed.pk).update(status=Status.CLOSED)
    old = make_report(lat=north(2), lon=LON)
    Report.objects.filter(pk=old.pk).update(created_at=timezone.now() - dt.timedelta(days=40))

    now = timezone.now()
    found = nearby_open_reports(category=rac_thai, lat=LAT, lon=LON, now=now)
    assert [r.code for r in found] == [at_10.code, at_60.code, at_95.code]
    assert [r.supporters for r in found] == [0, 0, 0]
    assert found[0].created_at == at_10.created_at  # typed values, as the ORM gives them
    assert found[0].description == at_10.description
    others = nearby_open_reports(category=rac_thai, lat=LAT, lon=LON, now=now,
                                 exclude_id=at_10.id)
    assert [r.code for r in others] == [at_60.code, at_95.code]


def test_at_most_the_limit_and_the_intake_note_names_them(make_report, rac_thai):
    reports = [make_report(lat=north(10 * i), lon=LON) for i in range(1, 8)]
    found = nearby_open_reports(category=rac_thai, lat=LAT, lon=LON, limit=NEARBY_NOTE_LIMIT)
    assert [r.code for r in found] == [r.code for r in reports[:NEARBY_NOTE_LIMIT]]

    newest = make_report(lat=LAT, lon=LON)
    note = Event.objects.get(report=newest, kind=EventKind.NOTE)
    assert note.public is False
    assert note.note.endswith(", ".join(r.code for r in reports[:NEARBY_NOTE_LIMIT]))


def test_no_note_when_nothing_is_close(make_report):
    first = make_report(lat=north(300), lon=LON)
    assert not Event.objects.filter(report=first, kind=EventKind.NOTE).exists()
