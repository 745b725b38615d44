"""Commands: reference parameters, tokens, and the MQTT subscriber's stop conditions."""

from __future__ import annotations

import io
import json
import os
import signal
import threading
import time
import uuid

import pytest
from django.core.management import CommandError, call_command

from smartdistrict.conftest import require_service
from smartdistrict.environment.models import IngestToken, Parameter, Reading
from smartdistrict.environment.services.tokens import ingest_token_check

pytestmark = pytest.mark.django_db


def test_reference_parameters_load_once_and_keep_edits(db):
    out = io.StringIO()
    call_command("load_environment_reference", stdout=out)
    assert "created: " in out.getvalue()
    do = Parameter.objects.get(code="DO")
    assert (do.unit, do.plausible_min, do.plausible_max) == ("mg/L", 0, 25)
    assert do.source and Parameter.objects.filter(code="N-NH4", unit="mg/L").exists()
    do.plausible_max = 30
    do.save()
    call_command("load_environment_reference", stdout=io.StringIO())
    assert Parameter.objects.get(code="DO").plausible_max == 30
    call_command("load_environment_reference", "--overwrite", stdout=io.StringIO())
    assert Parameter.objects.get(code="DO").plausible_max == 25


def test_a_token_is_printed_once_listed_by_prefix_and_revoked(station):
    out = io.StringIO()
    call_command("environment_token", "--station", "XT-01", "--name", "sensor", stdout=out)
    raw = out.getvalue().strip().splitlines()[-1]
    record = ingest_token_check(raw)
    assert record.station == station and raw not in str(IngestToken.objects.values_list())
    listing = io.StringIO()
    call_command("environment_token", "--list", stdout=listing)
    assert record.prefix in listing.getvalue() and raw not in listing.getvalue()
    call_command("environment_token", "--revoke", record.prefix, stdout=io.StringIO())
    record.refresh_from_db()
    assert not record.usable
    with pytest.raises(CommandError):
        call_command("environment_token", "--station", "NOPE")
    with pytest.raises(CommandError):
        call_command("environment_token", "--station", "XT-01", "--provider", "lab-hcm")


@pytest.mark.slow
@pytest.mark.service
@pytest.mark.django_db(transaction=True)
def test_ingest_mqtt_stores_then_stops_after_max_messages():
    require_service("Mosquitto", "127.0.0.1", 1883)
    import paho.mqtt.client as mqtt

    from smartdistrict.environment.models import StationKind
    from smartdistrict.environment.services.reference import parameters_load
    from smartdistrict.environment.services.stations import station_upsert

    parameters_load()
    station_upsert(code="XT-09", name="XT-09", lat=10.81, lon=106.705,
                   kind=StationKind.AUTOMATIC)
    run = uuid.uuid4().hex[:8]
    prefix = f"cmd-{run}"
    bodies = [
        [{"parameter": "DO", "observed_at": "2026-11-29T08:00:00+07:00", "value": 4.2},
         {"parameter": "pH", "observed_at": "2026-11-29T08:00:00+07:00", "value": 7.1}],
        {"parameter": "DO", "observed_at": "2026-11-29T08:05:00+07:00", "value": "x"},
        {"parameter": "DO", "observed_at": "2026-11-29T08:10:00+07:00", "value": 4.0},
    ]

    def publish_then(signal_after: bool) -> None:
        publisher = mqtt.Client(callback_api_version=mqtt.CallbackAPIVersion.VERSION2,
                                protocol=mqtt.MQTTv5)
        publisher.connect("127.0.0.1", 1883)
        publisher.loop_start()
        time.sleep(1.0)  # let the subscriber subscribe
        for body in bodies if not signal_after else []:
            publisher.publish(f"{prefix}/stations/XT-09/readings", json.dumps(body),
                              qos=1).wait_for_publish(5)
        publisher.loop_stop()
        publisher.disconnect()
        if signal_after:
            os.kill(os.getpid(), signal.SIGTERM)

    out = io.StringIO()
    threading.Thread(target=publish_then, args=(False,), daemon=True).start()
    call_command("ingest_mqtt", prefix=prefix, client_id=f"cmd-{run}", max_messages=3,
                 seconds=20, stdout=out, stderr=io.StringIO())
    assert "messages 3, readings 4, stored 3" in out.getvalue()
    assert "rejected 1" in out.getvalue()
    assert Reading.objects.filter(station__code="XT-09").count() == 3

    started = time.monotonic()  # SIGTERM stops it cleanly, long before --seconds
    threading.Thread(target=publish_then, args=(True,), daemon=True).start()
    out = io.StringIO()
    call_command("ingest_mqtt", prefix=prefix, client_id=f"cmd-{run}", seconds=20,
                 stdout=out, stderr=io.StringIO())
    assert time.monotonic() - started < 10 and "messages 0" in out.getvalue()
