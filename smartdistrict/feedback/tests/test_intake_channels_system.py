"""The sensor channel: only the platform itself files such reports."""

import pytest

from smartdistrict.core.errors import InvalidInput
from smartdistrict.feedback.models import Channel, EventKind
from smartdistrict.feedback.services.workflow import report_note_system
from smartdistrict.feedback.tests.conftest import WARD_POINTS, create_report

pytestmark = pytest.mark.django_db


def test_nobody_outside_can_claim_the_sensor_channel():
    lat, lon = WARD_POINTS["26944"]
    with pytest.raises(InvalidInput) as refused:
        create_report(category="o-nhiem-kenh", description="Nước kênh đen và bốc mùi nặng.",
                      channel=Channel.SENSOR, lat=lat, lon=lon)
    assert refused.value.field == "channel"
    with pytest.raises(InvalidInput):  # and the platform cannot file under another channel
        create_report(category="o-nhiem-kenh", description="Nước kênh đen và bốc mùi nặng.",
                      channel=Channel.WEB, lat=lat, lon=lon, system=True)


def test_a_system_report_and_its_system_note():
    lat, lon = next(iter(WARD_POINTS.values()))
    report, created = create_report(
        category="o-nhiem-kenh", description="Trạm XT-01: DO 1,2 mg/L, dưới ngưỡng loại D.",
        channel=Channel.SENSOR, lat=lat, lon=lon, system=True,
    )
    assert created and report.channel == "sensor"
    assert report.events.get(kind=EventKind.CREATED).actor_role == "system"
    note = report_note_system(report=report, note="Đã phục hồi: DO 5,1 mg/L.")
    assert note.public and note.actor is None and note.actor_role == "system"
    with pytest.raises(InvalidInput):
        report_note_system(report=report, note="   ")
