"""One bad MQTT message never stops ingestion (issue 13, items 1 and 6).

Against the real Mosquitto: poison messages published between good ones are acknowledged
and dead-lettered, every good reading is stored, the subscriber stays alive, and a new
subscriber on the same session is not sent the poison again. Without a broker: a message
that makes storing itself fail is isolated from its batch; a subscriber without
credentials warns."""

from __future__ import annotations

import datetime as dt
import json
import logging
import threading
import time
import uuid

import pytest
from django.db import connections

from smartdistrict.conftest import require_service
from smartdistrict.environment.ingestion import mqtt as mqtt_ingestion
from smartdistrict.environment.ingestion.mqtt import MqttConfig, Subscriber

HOST, PORT = "127.0.0.1", 1883
T0 = dt.datetime(2026, 1, 1, tzinfo=dt.UTC)

# (payload, the dead letter's code): each once made the subscriber crash or was stored.
POISON = [
    (json.dumps({"parameter": "DO", "observed_at": "0001-01-01T00:00:00+07:00", "value": 4}),
     "time_too_early"),
    (json.dumps({"parameter": "DO", "observed_at": "1300-01-01T00:00:00Z", "value": 4}),
     "time_too_early"),
    (json.dumps({"parameter": "DO", "observed_at": "9999-12-31T23:59:59-07:00", "value": 4}),
     "future_time"),
    (json.dumps({"parameter": "DO", "observed_at": "2026-01-01T00:00:00+23:59", "value": 4}),
     "bad_offset"),
    ('{"parameter": "DO", "observed_at": "2026-01-01T00:00:00Z", "value": 1' + "0" * 400 + "}",
     "not_a_number"),
    (json.dumps({"parameter": "D\u0000O", "observed_at": "2026-01-01T00:00:00Z", "value": 4}),
     "unknown_parameter"),
    (b"\xff\xfe not json \x00", "malformed_message"),
]


def good(n: int) -> str:
    moment = T0 + dt.timedelta(minutes=5 * n)
    return json.dumps({"parameter": "DO", "observed_at": moment.isoformat(), "value": n / 10})


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


def _wait(condition, seconds: float = 20) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.05)
    return False


@pytest.fixture
def mqtt_station(transactional_db):
    from smartdistrict.environment.models import StationKind
    from smartdistrict.environment.services.reference import parameters_load
    from smartdistrict.environment.services.stations import station_upsert

    parameters_load()  # a transactional test starts from an emptied database
    return station_upsert(code="MQ-01", name="MQ-01", lat=10.81, lon=106.705,
                          kind=StationKind.AUTOMATIC)


@pytest.mark.service
def test_poison_between_good_readings_is_dead_lettered_and_the_subscriber_goes_on(
        mqtt_station, caplog):
    require_service("Mosquitto", HOST, PORT)
    import paho.mqtt.client as mqtt

    from smartdistrict.environment.models import DeadLetter, Reading

    run = uuid.uuid4().hex[:8]
    config = MqttConfig.from_settings(host=HOST, port=PORT, prefix=f"test-{run}",
                        client_id=f"smartdistrict-poison-{run}", session_expiry=300)
    topic = f"{config.prefix}/stations/MQ-01/readings"
    publisher = mqtt.Client(callback_api_version=mqtt.CallbackAPIVersion.VERSION2,
                            client_id=f"publisher-{run}", protocol=mqtt.MQTTv5)
    publisher.connect(HOST, PORT)
    publisher.loop_start()

    caplog.set_level(logging.WARNING, logger=mqtt_ingestion.__name__)
    first = Subscriber(config=config)
    thread = _start(first)
    assert any("without credentials" in r.getMessage() for r in caplog.records)
    infos, n = [], 0
    for payload, _code in POISON:  # good, poison, good, poison, …, good
        infos.append(publisher.publish(topic, good(n), qos=1))
        infos.append(publisher.publish(topic, payload, qos=1))
        n += 1
    infos.append(publisher.publish(topic, good(n), qos=1))
    for info in infos:
        info.wait_for_publish(10)
    total = len(infos)
    assert _wait(lambda: first.counts.messages >= total), first.counts.line()
    assert thread.is_alive() and first.subscribed.is_set()

    assert Reading.objects.count() == n + 1
    assert sorted(Reading.objects.values_list("value", flat=True)) == [i / 10
                                                                     for i in range(n + 1)]
    letters = list(DeadLetter.objects.order_by("id"))
    assert [(d.source, d.origin, d.code) for d in letters] == [
        ("mqtt", topic, code) for _payload, code in POISON]
    assert "0001-01-01T00:00:00+07:00" in letters[0].payload and letters[0].reason
    assert "\x00" not in letters[-1].payload
    assert (first.counts.dead_letters, first.counts.stored) == (len(POISON), n + 1)

    # Alive: a reading published after the poison is stored too.
    publisher.publish(topic, good(n + 1), qos=1).wait_for_publish(10)
    assert _wait(lambda: first.counts.stored == n + 2)  # (SQLite: no reads while it writes)
    first.stop()
    thread.join(10)
    assert not thread.is_alive()
    assert Reading.objects.count() == n + 2

    # Acknowledged: a subscriber on the same session is not sent the poison again.
    second = Subscriber(config=config)
    second_thread = _start(second)
    publisher.publish(topic, good(n + 2), qos=1).wait_for_publish(10)
    assert _wait(lambda: second.counts.messages >= 1)
    time.sleep(0.5)
    second.stop()
    second_thread.join(10)
    publisher.loop_stop()
    publisher.disconnect()
    assert second.counts.messages == 1 and second.counts.dead_letters == 0
    assert DeadLetter.objects.count() == len(POISON)
    assert Reading.objects.count() == n + 3


class _Faulty(Subscriber):
    """A subscriber with a bug that only one payload triggers (standing for any error a
    message could cause that the parser does not foresee)."""

    def _store_batch(self, batch):
        if any(b"boom" in message.payload for message in batch):
            raise RuntimeError("a bug only this message triggers")
        return super()._store_batch(batch)


def test_a_message_that_makes_storing_fail_is_isolated_and_dead_lettered(mqtt_station):
    from smartdistrict.environment.models import DeadLetter, Reading

    subscriber = _Faulty(config=MqttConfig.from_settings(
        prefix="iso", client_id=f"iso-{uuid.uuid4().hex}"))
    topic = "iso/stations/MQ-01/readings"
    batch = [mqtt_ingestion._Message(0, i, 0, topic, payload.encode())
             for i, payload in enumerate([good(0), good(1)[:-1] + ', "x": "boom"}', good(2)])]
    subscriber._store(batch)
    assert sorted(Reading.objects.values_list("value", flat=True)) == [0.0, 0.2]
    letter = DeadLetter.objects.get()
    assert (letter.code, letter.origin) == ("store_failed", topic) and "boom" in letter.payload
    assert "RuntimeError" in letter.reason
    assert (subscriber.counts.messages, subscriber.counts.stored,
            subscriber.counts.dead_letters) == (3, 2, 1)


def test_a_subscriber_without_credentials_warns():
    config = MqttConfig.from_settings
    assert any("without credentials" in w for w in config(username="").warnings())
    assert config(username="ingest", password="s", host="127.0.0.1").warnings() == []
    remote = config(username="ingest", password="s", host="broker.example.vn")
    assert any("without TLS" in w for w in remote.warnings())
    assert config(username="ingest", host="broker.example.vn", tls=True).warnings() == []
