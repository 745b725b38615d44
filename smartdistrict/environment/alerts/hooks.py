"""The ingest hook: after every stored batch, whatever its source (HTTP, MQTT, files,
FIWARE), the stations it touched are queued for an alert evaluation.

Add "smartdistrict.environment.alerts.hooks.readings_stored" to
settings.ENVIRONMENT_INGEST_HOOKS. The hook only enqueues (the MQTT source acknowledges
messages after hooks return); the Huey job does the work.
"""

from __future__ import annotations

from collections.abc import Sequence

from smartdistrict.environment.services.result import ParsedReading


def readings_stored(readings: Sequence[ParsedReading]) -> None:
    station_ids = sorted({reading.station_id for reading in readings})
    if station_ids:
        from smartdistrict.environment.tasks import alerts_check_stations

        alerts_check_stations(station_ids)
