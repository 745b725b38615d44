"""LocalIsoText writes an instant as the deployment's local W3C text, on both engines."""

import datetime as dt

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.db.models import DateTimeField, Value
from django.test import override_settings
from django.utils import timezone

from smartdistrict.core import db_functions
from smartdistrict.core.db_functions import LocalIsoText, offset_text, zone_offset
from smartdistrict.core.models import CalendarOverride, OverrideKind

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "instant",
    [
        dt.datetime(2026, 3, 1, 20, 30, 45, 999_999, tzinfo=dt.UTC),  # next day in Hà Nội time
        dt.datetime(2026, 12, 31, 17, 0, 0, tzinfo=dt.UTC),  # midnight of New Year, local
        dt.datetime(2025, 6, 30, 23, 59, 59, 1, tzinfo=dt.UTC),
    ],
)
def test_the_database_writes_what_python_would(instant):
    override = CalendarOverride.objects.create(date=instant.date(), kind=OverrideKind.DAY_OFF)
    CalendarOverride.objects.filter(pk=override.pk).update(created_at=instant)
    text = (
        CalendarOverride.objects.filter(pk=override.pk)
        .annotate(local=LocalIsoText("created_at"))
        .values_list("local", flat=True)
        .get()
    )
    expected = timezone.localtime(instant).isoformat(timespec="seconds")
    assert text == expected
    assert text.endswith("+07:00")
    assert dt.datetime.fromisoformat(text) == instant.replace(microsecond=0)


def test_a_missing_instant_stays_missing():
    CalendarOverride.objects.create(date=dt.date(2026, 5, 1), kind=OverrideKind.DAY_OFF)
    nothing = Value(None, output_field=DateTimeField())
    texts = CalendarOverride.objects.annotate(local=LocalIsoText(nothing)).values_list(
        "local", flat=True
    )
    assert list(texts) == [None]


def test_offset_text_signs():
    assert offset_text(dt.timedelta(hours=7)) == "+07:00"
    assert offset_text(dt.timedelta(hours=-3, minutes=-30)) == "-03:30"
    assert offset_text(dt.timedelta(hours=5, minutes=45)) == "+05:45"


def test_a_zone_with_daylight_saving_time_is_refused():
    zone_offset.cache_clear()
    try:
        with override_settings(TIME_ZONE="Europe/Paris"), pytest.raises(ImproperlyConfigured):
            db_functions.zone_offset()
    finally:
        zone_offset.cache_clear()
    assert zone_offset() == dt.timedelta(hours=7)
