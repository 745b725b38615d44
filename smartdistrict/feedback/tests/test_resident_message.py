"""A resident's follow-up in their report's conversation (e-mail reply, Zalo message)."""

from __future__ import annotations

import pytest

from smartdistrict.core.errors import InvalidInput
from smartdistrict.feedback.models import Event
from smartdistrict.feedback.services.residents import report_resident_message
from smartdistrict.feedback.tests.photo_samples import (
    assert_metadata_free,
    encode,
    gps_exif,
    two_colour,
)

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def test_a_follow_up_is_a_staff_note_with_clean_photos(make_report):
    report = make_report()
    photo = encode(two_colour(), "JPEG", exif=gps_exif())
    event = report_resident_message(report=report, text="Chiều nay rác nhiều hơn",
                                    photos=[photo], door="email")
    assert (event.actor_role, event.public, event.kind) == ("resident", False, "note")
    assert "Chiều nay rác nhiều hơn" in event.note
    assert_metadata_free(report.photos.get().image.read())


def test_too_many_photos_or_nothing_at_all_store_nothing(make_report):
    report = make_report()
    photo = encode(two_colour(), "JPEG")
    report_resident_message(report=report, text="", photos=[photo] * 5, door="zalo")
    before = Event.objects.filter(report=report).count()
    with pytest.raises(InvalidInput):
        report_resident_message(report=report, text="một ảnh nữa", photos=[photo], door="zalo")
    with pytest.raises(InvalidInput):
        report_resident_message(report=report, text="  ", door="zalo")
    assert Event.objects.filter(report=report).count() == before
    assert report.photos.count() == 5
