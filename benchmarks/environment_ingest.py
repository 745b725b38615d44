"""Water-quality ingestion: readings/s over HTTP batches (against raw executemany of the
same rows) and over MQTT, and the latest-values query of every station."""

from __future__ import annotations

import datetime as dt
import http.client
import json
import socket
import statistics
import threading
import time
import uuid

from django.db import connection, transaction
from django.utils import timezone

from benchmarks.report import Figure
from benchmarks.server import gunicorn
from smartdistrict.environment import selectors
from smartdistrict.environment.ingestion.mqtt import MqttConfig, Subscriber
from smartdistrict.environment.models import Parameter, Reading, Station, StationKind
from smartdistrict.environment.services.reference import parameters_load
from smartdistrict.environment.services.stations import provider_upsert, station_upsert
from smartdistrict.environment.services.tokens import ingest_token_create

STATIONS = 50
PARAMETERS = ("DO", "pH", "temperature", "turbidity", "conductivity", "BOD5", "COD", "N-NH4",
              "P-PO4", "TSS")
BATCH = 1_000
HTTP_BATCHES = 100
MQTT_READINGS = 10_000
LATEST_RUNS = 200
MQTT_HOST, MQTT_PORT = "127.0.0.1", 1883


def _setup() -> str:
    parameters_load()
    provider = provider_upsert(code="bench-lab", name="Benchmark laboratory")
    for n in range(STATIONS):
        station_upsert(code=f"BN-{n:02d}", name=f"Trạm đo thử {n}", canal="Xuyên Tâm",
                       lat=10.81 + n * 0.0002, lon=106.705, kind=StationKind.AUTOMATIC,
                       provider=provider)
    _token, raw = ingest_token_create(provider=provider, name="benchmark")
    return raw


def _start(years_back: int) -> dt.datetime:
    """A start time of this run (seconds of now kept), so a rerun on the same database
    sends new keys rather than duplicates."""
    return timezone.now().replace(microsecond=0) - dt.timedelta(days=365 * years_back)


def _rows(start: dt.datetime, count: int, offset: int = 0) -> list[dict]:
    """``count`` readings: every station and parameter, 5-minute steps from ``start``."""
    rows = []
    per_step = STATIONS * len(PARAMETERS)
    for n in range(offset, offset + count):
        step, rest = divmod(n, per_step)
        station, parameter = divmod(rest, len(PARAMETERS))
        rows.append({
            "station": f"BN-{station:02d}", "parameter": PARAMETERS[parameter],
            "observed_at": (start + dt.timedelta(minutes=5 * step)).isoformat(),
            "value": round(3 + (n % 97) / 10, 2),
        })
    return rows


def _post(port: int, token: str, body: bytes) -> dict:
    client = http.client.HTTPConnection("127.0.0.1", port, timeout=120)
    client.request("POST", "/api/v1/environment/readings", body,
                   {"Content-Type": "application/json", "Authorization": f"Token {token}"})
    response = client.getresponse()
    data = response.read()
    client.close()
    assert response.status == 200, data[:300]
    return json.loads(data)


def _http_rate(token: str) -> tuple[float, float]:
    """(readings/s over HTTP, readings/s of raw executemany of the same rows)."""
    start = _start(3)
    bodies = [json.dumps({"readings": _rows(start, BATCH, b * BATCH)}).encode()
              for b in range(HTTP_BATCHES + 3)]
    with gunicorn(workers=1) as port:
        for body in bodies[:3]:  # warm-up
            _post(port, token, body)
        started = time.perf_counter()
        stored = sum(_post(port, token, body)["stored"] for body in bodies[3:])
        elapsed = time.perf_counter() - started
    assert stored == HTTP_BATCHES * BATCH, stored
    return stored / elapsed, _baseline_rate()


def _baseline_rate() -> float:
    """The same shape of rows (other times), inserted with executemany, one commit per batch."""
    stations = dict(Station.objects.values_list("code", "id"))
    parameters = dict(Parameter.objects.values_list("code", "id"))
    units = dict(Parameter.objects.values_list("code", "unit"))
    table = connection.ops.quote_name(Reading._meta.db_table)
    sql = (f"INSERT INTO {table} (station_id, parameter_id, observed_at, value, unit, source, "
           "quality, received_at) VALUES (%s, %s, %s, %s, %s, %s, %s, %s)")
    start = _start(6)
    now = timezone.now()
    batches = []
    for b in range(HTTP_BATCHES):
        batches.append([
            (stations[r["station"]], parameters[r["parameter"]],
             dt.datetime.fromisoformat(r["observed_at"]), r["value"], units[r["parameter"]],
             "http", "ok", now)
            for r in _rows(start, BATCH, b * BATCH)
        ])
    started = time.perf_counter()
    for rows in batches:
        with transaction.atomic(), connection.cursor() as cursor:
            cursor.executemany(sql, rows)
    return HTTP_BATCHES * BATCH / (time.perf_counter() - started)


def _mqtt_rate() -> float | None:
    try:
        socket.create_connection((MQTT_HOST, MQTT_PORT), timeout=1).close()
    except OSError:
        return None
    import paho.mqtt.client as mqtt

    run = uuid.uuid4().hex[:8]
    config = MqttConfig.from_settings(host=MQTT_HOST, port=MQTT_PORT, prefix=f"bench-{run}",
                        client_id=f"smartdistrict-bench-{run}", session_expiry=60)
    subscriber = Subscriber(config=config)
    thread = threading.Thread(target=subscriber.run, daemon=True)
    thread.start()
    subscriber.subscribed.wait(10)
    publisher = mqtt.Client(callback_api_version=mqtt.CallbackAPIVersion.VERSION2,
                            client_id=f"bench-publisher-{run}", protocol=mqtt.MQTTv5)
    publisher.max_queued_messages_set(0)
    publisher.connect(MQTT_HOST, MQTT_PORT)
    publisher.loop_start()
    rows = _rows(_start(9), MQTT_READINGS)
    started = time.perf_counter()
    for n, row in enumerate(rows):
        while n - subscriber.counts.stored > 300:  # Mosquitto queues ≤ 1,000 by default
            time.sleep(0.001)
        station = row.pop("station")
        publisher.publish(f"{config.prefix}/stations/{station}/readings", json.dumps(row), qos=1)
    deadline = time.monotonic() + 120
    while subscriber.counts.stored < MQTT_READINGS and time.monotonic() < deadline:
        time.sleep(0.001)
    elapsed = time.perf_counter() - started
    subscriber.stop()
    thread.join(10)
    publisher.loop_stop()
    publisher.disconnect()
    assert subscriber.counts.stored == MQTT_READINGS, subscriber.counts
    return MQTT_READINGS / elapsed


def _latest_ms() -> tuple[float, int]:
    timings = []
    rows = 0
    for _ in range(LATEST_RUNS):
        started = time.perf_counter()
        rows = len(list(selectors.latest_values()))
        timings.append((time.perf_counter() - started) * 1000)
    return statistics.median(timings), rows


def run() -> list[Figure]:
    token = _setup()
    http_rate, base_rate = _http_rate(token)
    mqtt_rate = _mqtt_rate()
    latest_ms, latest_rows = _latest_ms()
    database = connection.vendor
    figures = [
        Figure(
            name=f"readings ingested over HTTP batches ({database})",
            value=f"{http_rate:,.0f} readings/s ({http_rate / base_rate:.2f}× baseline)",
            goal="≥ 20,000 readings/s on SQLite and ≥ 0.5× baseline",
            baseline=f"{base_rate:,.0f} readings/s (raw executemany of the same rows, "
                     "one commit per 1,000)",
            how=f"{HTTP_BATCHES} sequential POST /api/v1/environment/readings of {BATCH:,} "
                "readings (JSON, provider token) to gunicorn (1 sync worker) on loopback; "
                "validation, duplicate check, insert and latest values included",
        ),
        Figure(
            name=f"readings ingested over MQTT ({database})",
            value=(f"{mqtt_rate:,.0f} readings/s" if mqtt_rate is not None
                   else "not measured (no broker at 127.0.0.1:1883)"),
            how=f"{MQTT_READINGS:,} messages of one reading, QoS 1, through Mosquitto to the "
                "ingest_mqtt subscriber (stored, then acknowledged); publisher paced to ≤ 300 "
                "outstanding",
        ),
        Figure(
            name=f"latest values of all stations ({database})",
            value=f"{latest_ms:.2f} ms (median)",
            goal="≤ 5 ms",
            how=f"selectors.latest_values(): {latest_rows} rows ({STATIONS} stations × "
                f"{len(PARAMETERS)} parameters) with station and parameter, one query, "
                f"{Reading.objects.count():,} readings stored; median of {LATEST_RUNS}",
        ),
    ]
    return figures
