"""MQTT: message decoding, and (against the real Mosquitto) ten thousand readings through
a subscriber crash, each stored exactly once (issue 6, acceptance 2)."""

from __future__ import annotations

import datetime as dt
import json
import threading
import time
import uuid

import pytest
from django.db import connections

from smartdistrict.conftest import require_service
from smartdistrict.environment.ingestion.mqtt import (
    MqttConfig,
    Subscriber,
    decode_message,
    topic_station,
)

HOST, PORT = "127.0.0.1", 1883
TOTAL = 10_000
STATIONS = ("MQ-01", "MQ-02", "MQ-03", "MQ-04")
T0 = dt.datetime(2026, 1, 1, tzinfo=dt.UTC)


def test_the_topic_names_the_station():
    assert topic_station("smartdistrict/stations/XT-01/readings", "smartdistrict") == "XT-01"
    assert topic_station("other/stations/XT-01/readings", "smartdistrict") == ""
    assert topic_station("smartdistrict/stations/XT-01/status", "smartdistrict") == ""


def test_a_message_is_one_reading_or_a_list_for_the_topics_station():
    topic = "smartdistrict/stations/XT-01/readings"
    one = decode_message(topic, b'{"parameter": "DO", "observed_at": "x", "value": 1}',
                         "smartdistrict")
    assert one.rows == [{"parameter": "DO", "observed_at": "x", "value": 1,
                         "station": "XT-01"}]
    many = decode_message(topic, json.dumps([
        {"parameter": "DO", "value": 1}, {"station": "VT-01", "parameter": "pH", "value": 7},
    ]).encode(), "smartdistrict")
    assert len(many.rows) == 1 and many.received == 2
    assert [r.code for r in many.rejected] == ["station_not_allowed"]
    for payload in (b"not json", b'"text"', b"[1, 2]", b"\xff\xfe{}"):
        broken = decode_message(topic, payload, "smartdistrict")
        assert [r.code for r in broken.rejected] == ["malformed_message"] and not broken.rows


def _reading(n: int) -> tuple[str, dict]:
    station = STATIONS[n % len(STATIONS)]
    moment = T0 + dt.timedelta(minutes=5 * (n // len(STATIONS)))
    return station, {"parameter": "DO", "observed_at": moment.isoformat(),
                     "value": round(2 + (n % 500) / 100, 2), "unit": "mg/L"}


def _start(subscriber: Subscriber) -> threading.Thread:
    def run():
        try:
            subscriber.run()
        finally:
            connections.close_all()

    thread = threading.Thread(target=run, daemon=True)
    thread.start()
    assert subscriber.subscribed.wait(10), "the subscriber did not subscribe"
    return thread


@pytest.mark.slow
@pytest.mark.service
@pytest.mark.django_db(transaction=True)
def test_ten_thousand_readings_through_a_crash_are_stored_exactly_once():
    require_service("Mosquitto", HOST, PORT)
    import paho.mqtt.client as mqtt

    from smartdistrict.environment.models import Reading, StationKind
    from smartdistrict.environment.services.reference import parameters_load
    from smartdistrict.environment.services.stations import station_upsert

    parameters_load()  # a transactional test starts from an emptied database
    for code in STATIONS:
        station_upsert(code=code, name=code, lat=10.81, lon=106.705, kind=StationKind.AUTOMATIC)
    run = uuid.uuid4().hex[:8]
    config = MqttConfig.from_settings(host=HOST, port=PORT, prefix=f"test-{run}",
                        client_id=f"smartdistrict-test-{run}", session_expiry=300)
    publisher = mqtt.Client(callback_api_version=mqtt.CallbackAPIVersion.VERSION2,
                            client_id=f"publisher-{run}", protocol=mqtt.MQTTv5)
    publisher.max_queued_messages_set(0)
    publisher.connect(HOST, PORT)
    publisher.loop_start()
    processed: list[Subscriber] = []  # whose counts of new readings pace the publisher
    published = [0]

    def publish() -> None:
        """QoS 1, paced: the broker queues at most 1,000 messages per client by default
        (max_queued_messages), so the backlog stays below that, also while no one listens."""
        info = None
        for n in range(TOTAL):
            while n - sum(s.counts.stored for s in processed) > 300:
                time.sleep(0.002)
            station, body = _reading(n)
            info = publisher.publish(f"{config.prefix}/stations/{station}/readings",
                                     json.dumps(body), qos=1)
            published[0] = n + 1
        info.wait_for_publish(30)

    first = Subscriber(config=config)
    processed.append(first)
    first_thread = _start(first)
    publishing = threading.Thread(target=publish, daemon=True)
    publishing.start()
    deadline = time.monotonic() + 30
    while first.counts.messages < 3_000 and time.monotonic() < deadline:
        time.sleep(0.001)
    first.abort()  # mid-stream: what it received but did not acknowledge comes again
    first_thread.join(10)
    assert not first_thread.is_alive()
    assert first.counts.messages >= 3_000 and published[0] < TOTAL
    time.sleep(0.5)  # the publisher goes on meanwhile; the broker keeps it in the session

    second = Subscriber(config=config)
    processed.append(second)
    second_thread = _start(second)
    publishing.join(40)
    deadline = time.monotonic() + 20
    while first.counts.stored + second.counts.stored < TOTAL and time.monotonic() < deadline:
        time.sleep(0.05)
    second.stop()
    second_thread.join(10)
    publisher.loop_stop()
    publisher.disconnect()

    assert first.counts.stored + second.counts.stored == TOTAL
    assert first.counts.rejected == second.counts.rejected == 0
    stored = set(Reading.objects.values_list("station__code", "observed_at", "value"))
    assert len(stored) == Reading.objects.count() == TOTAL
    expected = set()
    for n in range(TOTAL):
        station, body = _reading(n)
        expected.add((station, dt.datetime.fromisoformat(body["observed_at"]), body["value"]))
    assert stored == expected
