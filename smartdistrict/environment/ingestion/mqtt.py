"""MQTT: stations publish to ``<prefix>/stations/<code>/readings`` with QoS 1.

A payload is one reading or a list of readings in JSON, as in the HTTP batch; the station
may be left out (the topic names it) and may not differ from the topic's.

The subscriber keeps a persistent session (fixed client id, clean_start False, a session
expiry) and acknowledges each message by hand only after its readings are committed, so a
crash or a broker restart loses nothing that was acknowledged: what was not acknowledged
is sent again and, being idempotent, stored once.

One bad message never stops ingestion: a message with refused readings (or nothing
readable) is acknowledged and kept as a DeadLetter with the reasons, in the transaction of
the batch's readings; a message that makes storing itself fail is found by storing the
batch one message at a time, and is dead-lettered with the error. Only the database being
unreachable holds messages back (retried with a doubling pause, never acknowledged).

paho's network loop runs in its own thread and only queues messages; this (the main)
thread stores them in batches, acks them, and is the only one touching the database.
"""

from __future__ import annotations

import contextlib
import json
import logging
import queue
import threading
import time
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, TypeVar

from django.conf import settings
from django.db import InterfaceError, OperationalError, close_old_connections, transaction
from django.utils import translation
from django.utils.translation import gettext as _

from smartdistrict.environment.ingestion.base import Decoded, Source
from smartdistrict.environment.services.dead_letters import (
    Letter,
    dead_letters_record,
    reason_of,
)
from smartdistrict.environment.services.ingest import readings_ingest
from smartdistrict.environment.services.parsing import rejection
from smartdistrict.environment.services.result import IngestResult, Rejection

logger = logging.getLogger(__name__)

BATCH = 500  # messages stored in one transaction at most
_T = TypeVar("_T")


@dataclass(frozen=True)
class MqttConfig:
    """How the subscriber connects; from_settings() fills every field from settings (the
    one place their defaults live), tests and commands override some."""

    host: str
    port: int
    prefix: str
    client_id: str
    username: str
    password: str
    tls: bool
    keepalive: int
    session_expiry: int
    receive_maximum: int

    @classmethod
    def from_settings(cls, **overrides: Any) -> MqttConfig:
        values = {
            "host": settings.ENVIRONMENT_MQTT_HOST,
            "port": settings.ENVIRONMENT_MQTT_PORT,
            "prefix": settings.ENVIRONMENT_MQTT_TOPIC_PREFIX,
            "client_id": settings.ENVIRONMENT_MQTT_CLIENT_ID,
            "username": settings.ENVIRONMENT_MQTT_USERNAME,
            "password": settings.ENVIRONMENT_MQTT_PASSWORD,
            "tls": settings.ENVIRONMENT_MQTT_TLS,
            "keepalive": settings.ENVIRONMENT_MQTT_KEEPALIVE,
            "session_expiry": settings.ENVIRONMENT_MQTT_SESSION_EXPIRY,
            "receive_maximum": settings.ENVIRONMENT_MQTT_RECEIVE_MAXIMUM,
        }
        values.update({k: v for k, v in overrides.items() if v is not None})
        return cls(**values)

    @property
    def subscription(self) -> str:
        return f"{self.prefix}/stations/+/readings"

    def warnings(self) -> list[str]:
        """What is unsafe in this configuration (logged when the subscriber starts): the
        broker, not this subscriber, decides who may publish readings (docs/environment.md)."""
        found = []
        if not self.username:
            found.append(
                "MQTT subscriber connecting without credentials (ENVIRONMENT_MQTT_USERNAME is "
                "empty): a broker that accepts anonymous clients lets anyone who can reach it "
                "publish station readings, which feed the alert rules. Require authentication "
                "and per-topic ACLs on the broker (docs/environment.md).")
        elif not self.tls and self.host not in ("127.0.0.1", "localhost", "::1"):
            found.append(
                f"MQTT password sent to {self.host} without TLS (ENVIRONMENT_MQTT_TLS is "
                "false): anyone on the network path can read it.")
        return found


def topic_station(topic: str, prefix: str) -> str:
    """The station code of ``<prefix>/stations/<code>/readings``, else ""."""
    head, _sep, rest = topic.partition(f"{prefix}/stations/")
    code, _sep, tail = rest.partition("/")
    return code if not head and tail == "readings" else ""


def decode_message(topic: str, payload: bytes, prefix: str, index: int = 0) -> Decoded:
    """Rows of one message (index: the message's position, used in rejections)."""
    decoded = Decoded()
    station = topic_station(topic, prefix)
    try:
        body = json.loads(payload.decode("utf-8"))
    except (UnicodeDecodeError, ValueError):
        body = None
    items = body if isinstance(body, list) else [body]
    if not station or body is None or not all(isinstance(i, dict) for i in items):
        decoded.rejected.append(rejection(index, "malformed_message", value=topic))
        decoded.received = 1
        return decoded
    for item in items:
        given = item.get("station")
        if given not in (None, "", station):
            decoded.rejected.append(rejection(index, "station_not_allowed", field="station",
                                              value=given))
            continue
        decoded.rows.append({**item, "station": station})
    decoded.received = len(items)
    return decoded


class MqttSource(Source):
    """Payload: (topic, bytes) of one message."""

    name = "mqtt"
    label = "MQTT (QoS 1)"

    def decode(self, payload: Any, **options: Any) -> Decoded:
        topic, data = payload
        prefix = options.get("prefix") or settings.ENVIRONMENT_MQTT_TOPIC_PREFIX
        return decode_message(topic, data, prefix)


@dataclass
class Counts:
    messages: int = 0
    readings: int = 0
    stored: int = 0
    duplicates: int = 0
    flagged: int = 0
    conflicts: int = 0
    rejected: int = 0
    dead_letters: int = 0
    dropped: int = 0  # neither stored nor kept as a dead letter (logged)
    connects: int = 0
    database_retries: int = 0

    def line(self) -> str:
        return ", ".join(f"{name} {value}" for name, value in vars(self).items())


class _Stopped(Exception):
    """Stopped while waiting for the database: leave the batch unacknowledged."""


@dataclass
class _Message:
    generation: int
    mid: int
    qos: int
    topic: str
    payload: bytes


@dataclass
class Subscriber:
    """Subscribe, store, acknowledge. ``run`` returns when stopped, after ``max_messages``
    stored messages or after ``seconds``; ``stop()`` (e.g. on SIGTERM) ends it cleanly."""

    config: MqttConfig = field(default_factory=MqttConfig.from_settings)
    report_every: float = 60.0
    counts: Counts = field(default_factory=Counts)

    def __post_init__(self) -> None:
        self._queue: queue.Queue[_Message] = queue.Queue()
        self._stop = threading.Event()
        self._aborted = False
        self._generation = 0
        self.connected = threading.Event()
        self.subscribed = threading.Event()
        self.client = self._client()

    # --- paho side (network thread) ---------------------------------------------
    def _client(self):
        import paho.mqtt.client as mqtt
        from paho.mqtt.packettypes import PacketTypes
        from paho.mqtt.properties import Properties

        client = mqtt.Client(
            callback_api_version=mqtt.CallbackAPIVersion.VERSION2,
            client_id=self.config.client_id, protocol=mqtt.MQTTv5, manual_ack=True,
        )
        if self.config.username:
            client.username_pw_set(self.config.username, self.config.password or None)
        if self.config.tls:
            client.tls_set()
        client.reconnect_delay_set(min_delay=1, max_delay=60)  # doubling back-off
        client.on_connect = self._on_connect
        client.on_disconnect = self._on_disconnect
        client.on_message = self._on_message
        client.on_subscribe = self._on_subscribe
        self._connect_properties = Properties(PacketTypes.CONNECT)
        self._connect_properties.SessionExpiryInterval = self.config.session_expiry
        self._connect_properties.ReceiveMaximum = self.config.receive_maximum
        return client

    def _on_connect(self, client, userdata, flags, reason_code, properties) -> None:
        if reason_code.is_failure:
            logger.warning("MQTT connection refused: %s", reason_code)
            return
        self._generation += 1
        self.counts.connects += 1
        logger.info("MQTT connected to %s:%s (session present: %s)", self.config.host,
                    self.config.port, flags.session_present)
        client.subscribe(self.config.subscription, qos=1)
        self.connected.set()

    def _on_subscribe(self, client, userdata, mid, reason_codes, properties) -> None:
        if all(not code.is_failure for code in reason_codes):
            self.subscribed.set()
        else:
            logger.error("MQTT subscription to %s refused: %s", self.config.subscription,
                         reason_codes)

    def _on_disconnect(self, client, userdata, flags, reason_code, properties) -> None:
        self.connected.clear()
        self.subscribed.clear()
        self._generation += 1  # what is queued will come again: do not ack it now
        if not self._stop.is_set():
            logger.warning("MQTT disconnected (%s); reconnecting", reason_code)

    def _on_message(self, client, userdata, message) -> None:
        self._queue.put(_Message(self._generation, message.mid, message.qos, message.topic,
                                 bytes(message.payload)))

    # --- storing side (this thread) ---------------------------------------------
    def stop(self) -> None:
        self._stop.set()

    def abort(self) -> None:
        """End as a crash would (tests): no more acks, the connection dropped without a
        DISCONNECT, so the broker keeps the session and resends what was not acked."""
        import socket

        self._aborted = True
        self._stop.set()
        sock = self.client.socket()
        if sock is not None:
            with contextlib.suppress(OSError):
                sock.shutdown(socket.SHUT_RDWR)

    def run(self, *, max_messages: int | None = None, seconds: float | None = None) -> Counts:
        for warning in self.config.warnings():
            logger.warning(warning)
        self.client.connect_async(
            self.config.host, self.config.port, keepalive=self.config.keepalive,
            clean_start=False, properties=self._connect_properties,
        )
        self.client.loop_start()
        deadline = time.monotonic() + seconds if seconds else None
        last_report = time.monotonic()
        try:
            while not self._stop.is_set():
                if deadline is not None and time.monotonic() >= deadline:
                    break
                if max_messages is not None and self.counts.messages >= max_messages:
                    break
                batch = self._next_batch(max_messages)
                if batch:
                    try:
                        self._store(batch)
                    except Exception:  # a bug must not end ingestion: the broker resends
                        logger.exception("MQTT batch of %d messages failed", len(batch))
                        self._stop.wait(1.0)
                if time.monotonic() - last_report >= self.report_every:
                    logger.info("MQTT ingestion: %s", self.counts.line())
                    last_report = time.monotonic()
        finally:
            if not self._aborted:
                self.client.disconnect()
            self.client.loop_stop()
            if self._aborted and self.client.socket() is not None:
                self.client.socket().close()
            logger.info("MQTT ingestion stopped: %s", self.counts.line())
        return self.counts

    def _next_batch(self, max_messages: int | None) -> list[_Message]:
        limit = BATCH
        if max_messages is not None:
            limit = max(1, min(limit, max_messages - self.counts.messages))
        try:
            batch = [self._queue.get(timeout=0.2)]
        except queue.Empty:
            return []
        while len(batch) < limit:
            try:
                batch.append(self._queue.get_nowait())
            except queue.Empty:
                break
        return batch

    def _store(self, batch: list[_Message]) -> None:
        """Store a batch, then acknowledge it. A message that makes storing fail (anything
        but the database being away) is found by storing the batch's messages one by one;
        the culprit is acknowledged and dead-lettered with the error, and the next goes on."""
        try:
            result, letters = self._retrying(lambda: self._store_batch(batch))
        except _Stopped:
            return  # not acknowledged: the broker sends them again next time
        except Exception as error:
            if len(batch) > 1:
                logger.warning("storing %d MQTT messages failed (%s); storing them one by one",
                               len(batch), type(error).__name__)
                for message in batch:
                    self._store([message])
                return
            failure = error
            try:
                result, letters = self._retrying(
                    lambda: self._dead_letter_failure(batch[0], failure))
            except _Stopped:
                return
            except Exception:
                logger.exception("MQTT message on %s could neither be stored nor kept as a "
                                 "dead letter; dropped: %r", batch[0].topic,
                                 batch[0].payload[:2000])
                result, letters = IngestResult(received=1), 0
                self.counts.dropped += 1
        self._count(batch, result, letters)
        if not self._aborted:
            for message in batch:  # committed: now acknowledge
                if message.generation == self._generation and message.qos > 0:
                    self.client.ack(message.mid, message.qos)
        for item in result.rejected[:5]:
            logger.warning("MQTT reading rejected: %s (%s)", item.message, item.code)

    def _retrying(self, work: Callable[[], _T]) -> _T:
        """``work()``, again with a doubling pause while the database is unreachable;
        _Stopped when stopped meanwhile. Any other error is the message's own: raised."""
        delay = 1.0
        while True:
            try:
                close_old_connections()
                return work()
            except (OperationalError, InterfaceError):
                logger.exception("storing MQTT readings failed; retrying in %.0f s", delay)
                self.counts.database_retries += 1
                if self._stop.wait(delay):
                    raise _Stopped from None
                delay = min(delay * 2, 30.0)

    def _store_batch(self, batch: list[_Message]) -> tuple[IngestResult, int]:
        """The readings of the batch and the dead letters of its refused messages, in one
        transaction: acknowledged only once both are committed."""
        rows: list[dict] = []
        owner: list[int] = []  # the batch position of each row's message
        refused: dict[int, list[Rejection]] = defaultdict(list)
        received = 0
        for position, message in enumerate(batch):
            decoded = decode_message(message.topic, message.payload, self.config.prefix,
                                     position)
            rows.extend(decoded.rows)
            owner.extend([position] * len(decoded.rows))
            refused[position].extend(decoded.rejected)
            received += decoded.received
        from_decoding = [r for position in refused for r in refused[position]]
        with translation.override(settings.LANGUAGE_CODE), transaction.atomic():
            result = readings_ingest(rows=rows, source=self.name_of_source,
                                     rejected=from_decoding, received=received)
            decoded_ids = {id(r) for r in from_decoding}
            for item in result.rejected:
                if id(item) not in decoded_ids:
                    refused[owner[item.index]].append(item)
            letters = []
            for position, rejections in sorted(refused.items()):
                if rejections:
                    code, reason = reason_of(rejections)
                    letters.append(Letter(origin=batch[position].topic,
                                          payload=batch[position].payload, code=code,
                                          reason=reason))
            dead_letters_record(source=self.name_of_source, letters=letters)
        return result, len(letters)

    def _dead_letter_failure(self, message: _Message, error: Exception) -> tuple[IngestResult, int]:
        with translation.override(settings.LANGUAGE_CODE):
            reason = _("Storing this message failed (%(error)s); it was not stored.") % {
                "error": type(error).__name__}
        logger.error("MQTT message on %s could not be stored: %r", message.topic, error)
        dead_letters_record(source=self.name_of_source, letters=[Letter(
            origin=message.topic, payload=message.payload, code="store_failed", reason=reason)])
        result = IngestResult(received=1)
        result.rejected.append(Rejection(index=0, code="store_failed", message=reason))
        return result, 1

    def _count(self, batch: list[_Message], result: IngestResult, letters: int) -> None:
        counts = self.counts
        counts.messages += len(batch)
        counts.readings += result.received
        counts.stored += result.stored
        counts.duplicates += result.duplicates
        counts.flagged += len(result.flagged)
        counts.conflicts += len(result.conflicts)
        counts.rejected += len(result.rejected)
        counts.dead_letters += letters

    name_of_source = MqttSource.name
