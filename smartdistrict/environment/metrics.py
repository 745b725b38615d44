"""What /metrics reads of the environment at each scrape (settings.METRICS_SOURCES):
how old each active station's newest reading is, and the newest of all (ingest lag)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

from django.db.models import Max
from prometheus_client.core import GaugeMetricFamily

from smartdistrict.core.observability.metrics import gauge
from smartdistrict.environment.models import LatestReading


def gauges(now: dt.datetime) -> Iterator[GaugeMetricFamily]:
    rows = (
        LatestReading.objects.filter(station__active=True)
        .values_list("station__code")
        .annotate(newest=Max("observed_at"))
    )
    per_station = GaugeMetricFamily(
        "smartdistrict_environment_station_reading_age_seconds",
        "Age of each active station's newest reading.", labels=["station"],
    )
    newest = None
    for code, observed_at in rows:
        per_station.add_metric([code], max(0.0, (now - observed_at).total_seconds()))
        newest = observed_at if newest is None else max(newest, observed_at)
    yield per_station
    if newest is not None:
        yield gauge("smartdistrict_environment_newest_reading_age_seconds",
                    "Age of the newest reading of any active station (ingest lag).",
                    max(0.0, (now - newest).total_seconds()))
