"""The ingest hook: after every stored batch, whatever its source (HTTP, MQTT, files,
FIWARE), the stations it touched are queued for an alert evaluation.

Add "smartdistrict.environment.alerts.hooks.readings_stored" to
settings.ENVIRONMENT_INGEST_HOOKS. The hook only enqueues (the MQTT source acknowledges
messages after hooks return); the Huey job, defined here and listed in
environment.tasks, does the work.
"""

from __future__ import annotations

from collections.abc import Sequence

from huey.contrib.djhuey import db_task

from smartdistrict.environment.alerts.services import alerts_evaluate
from smartdistrict.environment.services.result import ParsedReading


@db_task(retries=2, retry_delay=30)
def alerts_check_stations(station_ids: list[int]) -> dict:
    return alerts_evaluate(station_ids=station_ids).as_dict()


def readings_stored(readings: Sequence[ParsedReading]) -> None:
    station_ids = sorted({reading.station_id for reading in readings})
    if station_ids:
        alerts_check_stations(station_ids)
