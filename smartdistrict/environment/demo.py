"""Demo canal water quality: stations on Bình Thạnh's canals, two years of readings, alert
rules, and a pollution episode under way that has opened one report.

Illustrative values, not measurements: levels typical of the district's canals (Xuyên Tâm
and Cầu Bông worst, Thanh Đa near the river best), improving over the two years as the
canal projects progress, with a rainy season (May–November: more dilution, more runoff,
afternoon storms that stir the water), daily and tidal cycles on the sensors, a few past
episodes, and one episode now: a sewer overflow at the Nhiêu Lộc – Thị Nghè sensor that has
drained the dissolved oxygen below QCVN 08:2023 class C.

Speed: the history is generated with NumPy and written by executemany in chunks (INSERT …
ON CONFLICT DO NOTHING, as the ingest service does), not reading by reading; the last day
goes through the ingest service itself, so the latest values are kept as in production.
Re-running adds only what is missing.
"""

from __future__ import annotations

import datetime as dt
import time
from dataclasses import dataclass

import numpy as np
from django.db import connection, transaction
from django.utils import timezone

from smartdistrict.core.errors import InvalidInput
from smartdistrict.environment.alerts.services import alerts_evaluate
from smartdistrict.environment.models import (
    AlertKind,
    AlertRule,
    Parameter,
    Reading,
    Station,
    StationKind,
)
from smartdistrict.environment.services.ingest import readings_ingest
from smartdistrict.environment.services.reference import parameters_load
from smartdistrict.environment.services.stations import provider_upsert, station_upsert

SENSOR_PARAMETERS = ("DO", "pH", "temperature", "turbidity")
SAMPLE_PARAMETERS = ("pH", "DO", "temperature", "BOD5", "COD", "N-NH4", "P-PO4", "Coliform",
                     "TSS")
SAMPLE_HOUR = 9  # local time of the daily manual sample
CHUNK = 20_000
TIDE_HOURS = 12.42  # semi-diurnal tide of the Saigon river


@dataclass(frozen=True)
class DemoStation:
    code: str
    name: str
    canal: str
    lat: float
    lon: float
    kind: str
    # manual: (start, end) medians of each parameter; automatic: DO (start, end) mg/L
    levels: dict


SENSORS = (
    DemoStation("XT-TD1", "Rạch Xuyên Tâm – trạm tự động", "Xuyên Tâm", 10.8120, 106.7000,
                StationKind.AUTOMATIC, {"DO": (3.2, 5.6)}),
    DemoStation("VT-TD1", "Rạch Văn Thánh – trạm tự động", "Văn Thánh", 10.7965, 106.7215,
                StationKind.AUTOMATIC, {"DO": (4.0, 5.8)}),
    DemoStation("NL-TD1", "Kênh Nhiêu Lộc – Thị Nghè – trạm tự động", "Nhiêu Lộc – Thị Nghè",
                10.7915, 106.7080, StationKind.AUTOMATIC, {"DO": (4.6, 6.0)}),
)
#                 DO          BOD5       COD        N-NH4       P-PO4        Coliform      TSS
SAMPLES = (
    DemoStation("XT-M1", "Rạch Xuyên Tâm – điểm lấy mẫu", "Xuyên Tâm", 10.8250, 106.7025,
                StationKind.MANUAL, {"DO": (1.8, 3.6), "BOD5": (24, 9), "COD": (45, 20),
                                     "N-NH4": (4.0, 1.0), "P-PO4": (0.9, 0.35),
                                     "Coliform": (60000, 5000), "TSS": (60, 35)}),
    DemoStation("VT-M1", "Rạch Văn Thánh – điểm lấy mẫu", "Văn Thánh", 10.7990, 106.7170,
                StationKind.MANUAL, {"DO": (2.5, 4.2), "BOD5": (15, 7), "COD": (32, 16),
                                     "N-NH4": (2.5, 0.8), "P-PO4": (0.6, 0.3),
                                     "Coliform": (30000, 3500), "TSS": (45, 30)}),
    DemoStation("TD-M1", "Kênh Thanh Đa – điểm lấy mẫu", "Thanh Đa", 10.8190, 106.7230,
                StationKind.MANUAL, {"DO": (3.8, 4.8), "BOD5": (8, 5), "COD": (17, 12),
                                     "N-NH4": (0.9, 0.4), "P-PO4": (0.3, 0.18),
                                     "Coliform": (9000, 2500), "TSS": (40, 30)}),
    DemoStation("NL-M1", "Kênh Nhiêu Lộc – Thị Nghè – điểm lấy mẫu", "Nhiêu Lộc – Thị Nghè",
                10.7935, 106.6990, StationKind.MANUAL,
                {"DO": (3.0, 4.5), "BOD5": (12, 6), "COD": (25, 14), "N-NH4": (1.6, 0.6),
                 "P-PO4": (0.45, 0.25), "Coliform": (20000, 3000), "TSS": (50, 32)}),
    DemoStation("CB-M1", "Rạch Cầu Bông – điểm lấy mẫu", "Cầu Bông", 10.7960, 106.6975,
                StationKind.MANUAL, {"DO": (1.5, 3.0), "BOD5": (28, 11), "COD": (55, 24),
                                     "N-NH4": (5.0, 1.4), "P-PO4": (1.0, 0.45),
                                     "Coliform": (80000, 6000), "TSS": (70, 38)}),
)
STATIONS = SENSORS + SAMPLES
EPISODE_STATION = "NL-TD1"

RULES = (
    {"name": "Oxy hòa tan dưới loại C (QCVN 08:2023) – trạm tự động",
     "kind": AlertKind.QCVN_CLASS, "parameter": "DO", "qcvn_class": "C",
     "station_kind": StationKind.AUTOMATIC},
    {"name": "pH ngoài giới hạn loại C (QCVN 08:2023)", "kind": AlertKind.QCVN_CLASS,
     "parameter": "pH", "qcvn_class": "C"},
    {"name": "VN_WQI ở mức “Kém” hoặc xấu hơn", "kind": AlertKind.WQI_BAND, "wqi_level": 5},
    {"name": "Trạm tự động không gửi số liệu quá một ngày", "kind": AlertKind.SILENCE,
     "silence_factor": 288.0, "station_kind": StationKind.AUTOMATIC},
)


@dataclass(frozen=True)
class DemoSummary:
    stations: int
    bulk_readings: int
    ingested_readings: int
    rules: int
    alerts_opened: int
    reports_opened: tuple[str, ...]
    seconds: float


def seed_environment(*, days: int = 730, sensor_minutes: int = 5, now: dt.datetime | None = None,
                     seed: int = 2026, log=None) -> DemoSummary:
    """Stations, parameters, a data provider, ``days`` of readings (daily samples, sensor
    values every ``sensor_minutes``), the alert rules, and one evaluation of them at the end
    (the episode opens one report). Needs the geography and the feedback configuration
    (seed_demo) first. Idempotent: a second run adds only missing readings."""
    began = time.monotonic()
    if days < 1 or sensor_minutes < 1:
        raise InvalidInput("days and sensor_minutes must be at least 1")
    now = (now or timezone.now()).replace(second=0, microsecond=0)
    log = log or (lambda message: None)
    parameters_load()
    stations = _stations(sensor_minutes)
    parameters = {p.code: p for p in Parameter.objects.filter(
        code__in=set(SENSOR_PARAMETERS) | set(SAMPLE_PARAMETERS))}
    rng = np.random.default_rng(seed)
    cutoff = now - dt.timedelta(days=1)  # older: bulk; newer: through the ingest service
    start = now - dt.timedelta(days=days)
    bulk = 0
    recent: list[dict] = []
    for demo in STATIONS:
        station = stations[demo.code]
        if demo.kind == StationKind.AUTOMATIC:
            times, series = sensor_series(demo, start, now, sensor_minutes, rng,
                                          episode=demo.code == EPISODE_STATION)
        else:
            times, series = sample_series(demo, start, now, rng)
        bulk += _insert_history(station, parameters, times, series, cutoff)
        recent += _recent_rows(demo.code, times, series, cutoff)
        log(f"{demo.code}: {len(times)} instants × {len(series)} parameters")
    ingested = 0
    for first in range(0, len(recent), 5000):
        result = readings_ingest(rows=recent[first:first + 5000], source="demo", now=now)
        ingested += result.stored
    rules = _rules(parameters)
    summary = alerts_evaluate(now=now)
    return DemoSummary(
        stations=len(stations), bulk_readings=bulk, ingested_readings=ingested, rules=rules,
        alerts_opened=len(summary.opened), reports_opened=tuple(summary.reports_opened),
        seconds=round(time.monotonic() - began, 1),
    )


def _stations(sensor_minutes: int) -> dict[str, Station]:
    provider = provider_upsert(
        code="quan-trac-hcm", name="Trung tâm Quan trắc Tài nguyên và Môi trường TP.HCM",
        contact="Số liệu minh họa (demo)")
    found = {}
    for demo in STATIONS:
        automatic = demo.kind == StationKind.AUTOMATIC
        station = station_upsert(
            code=demo.code, name=demo.name, canal=demo.canal, lat=demo.lat, lon=demo.lon,
            kind=demo.kind, provider=provider,
            reporting_interval=dt.timedelta(minutes=sensor_minutes) if automatic
            else dt.timedelta(days=1),
            parameters=SENSOR_PARAMETERS if automatic else SAMPLE_PARAMETERS,
        )
        if station.ward_id is None:
            raise InvalidInput(f"demo station {demo.code} is not inside a ward: load the "
                               "geography (seed_demo) first")
        found[demo.code] = station
    return found


def _rules(parameters: dict[str, Parameter]) -> int:
    for spec in RULES:
        fields = dict(spec)
        name = fields.pop("name")
        if "parameter" in fields:
            fields["parameter"] = parameters[fields["parameter"]]
        AlertRule.objects.get_or_create(name=name, defaults=fields)
    return len(RULES)


def _grid(start: dt.datetime, end: dt.datetime, step: dt.timedelta) -> np.ndarray:
    """Instants start < t ≤ end on a grid aligned to whole steps (UTC, datetime64[s])."""
    seconds = int(step.total_seconds())
    first = (int(start.timestamp()) // seconds + 1) * seconds
    last = int(end.timestamp()) // seconds * seconds
    return np.arange(first, last + 1, seconds).astype("datetime64[s]")


def _local_hours(times: np.ndarray) -> np.ndarray:
    offset = timezone.localtime(timezone.now()).utcoffset().total_seconds()
    seconds = times.astype(np.int64) + int(offset)
    return (seconds % 86400) / 3600.0


def _rainy(times: np.ndarray) -> np.ndarray:
    """True in the rainy season (May–November)."""
    months = times.astype("datetime64[M]").astype(np.int64) % 12 + 1
    return (months >= 5) & (months <= 11)


def _trend(times: np.ndarray, pair: tuple[float, float]) -> np.ndarray:
    """From the first value (start of the period) to the second (now), geometric."""
    position = np.linspace(0.0, 1.0, len(times)) if len(times) > 1 else np.ones(len(times))
    return pair[0] * (pair[1] / pair[0]) ** position


def _smooth_noise(rng: np.random.Generator, count: int, scale: float, span: int) -> np.ndarray:
    """Slowly varying noise: white noise smoothed over ``span`` steps, unit variance × scale."""
    kernel = np.exp(-np.arange(span) / (span / 3.0))
    kernel /= np.sqrt(np.sum(kernel ** 2))
    noise = np.convolve(rng.normal(size=count + span), kernel, mode="valid")[:count]
    return noise * scale


def sensor_series(demo: DemoStation, start: dt.datetime, end: dt.datetime, minutes: int,
                  rng: np.random.Generator, *, episode: bool = False
                  ) -> tuple[np.ndarray, dict[str, np.ndarray]]:
    """DO, pH, temperature, turbidity every ``minutes`` from a start to now."""
    times = _grid(start, end, dt.timedelta(minutes=minutes))
    n = len(times)
    hours = _local_hours(times)
    elapsed_h = (times - times[0]).astype(np.int64) / 3600.0 if n else np.zeros(0)
    day_of_year = (times.astype("datetime64[D]") - times.astype("datetime64[Y]")).astype(int)
    rainy = _rainy(times)
    span = max(3, int(120 / minutes))
    daily = np.sin(2 * np.pi * (hours - 8) / 24)  # peaks mid-afternoon
    tide = np.sin(2 * np.pi * elapsed_h / TIDE_HOURS)
    temperature = (29.0 + 1.3 * np.sin(2 * np.pi * (day_of_year - 60) / 365) + 1.0 * daily
                   + _smooth_noise(rng, n, 0.25, span))
    do = (_trend(times, demo.levels["DO"]) * np.where(rainy, 0.95, 1.0) + 0.4 * daily
          + 0.25 * tide + _smooth_noise(rng, n, 0.12, span))
    ph = 7.1 + 0.12 * daily + _smooth_noise(rng, n, 0.05, span)
    turbidity = np.exp(np.log(np.where(rainy, 45.0, 30.0)) + _smooth_noise(rng, n, 0.2, span)
                       + 0.1 * tide)
    # Afternoon storms in the rainy season: turbidity up, oxygen down, for some hours
    # (none in the last two days, so that only the episode below is under way now).
    steps_per_day = int(24 * 60 / minutes)
    for day in range(0, max(n // steps_per_day - 2, 0)):
        first = day * steps_per_day + int(15 * 60 / minutes)
        if first < n and rainy[first] and rng.random() < 0.3:
            decay = np.exp(-np.arange(min(steps_per_day, n - first)) * minutes / 240.0)
            turbidity[first:first + len(decay)] *= 1 + 2.5 * decay
            do[first:first + len(decay)] -= 0.9 * decay
    # Past episodes (4 and 11 months ago at the episode station, 7 months ago elsewhere).
    for months_ago in ((4, 11) if episode else (7,)):
        first = n - int(months_ago * 30.4 * steps_per_day)
        if first > 0:
            _episode(first, min(n, first + steps_per_day), do, ph, turbidity, minutes)
    if episode:  # now: a sewer overflow since eight hours ago, not over yet
        _episode(max(0, n - int(8 * 60 / minutes)), n, do, ph, turbidity, minutes,
                 recovering=False)
    values = {"DO": np.clip(do, 0.2, 9.5), "pH": np.clip(ph, 5.5, 8.8),
              "temperature": np.clip(temperature, 24.0, 35.0),
              "turbidity": np.clip(turbidity, 3.0, 900.0)}
    return times, {key: np.round(value, 2) for key, value in values.items()}


def _episode(first: int, last: int, do, ph, turbidity, minutes: int, *,
             recovering: bool = True) -> None:
    """Oxygen drained to about 1.2 mg/L within 90 minutes, turbid, slightly acid water."""
    length = last - first
    if length <= 0:
        return
    steps = np.arange(length) * minutes / 60.0  # hours since the start
    onset = np.clip(steps / 1.5, 0.0, 1.0)
    if recovering:
        onset *= np.clip((steps[-1] - steps) / 4.0, 0.0, 1.0)
    target = 1.2 + 0.2 * np.sin(steps)
    do[first:last] = do[first:last] * (1 - onset) + target * onset
    turbidity[first:last] *= 1 + 3.5 * onset
    ph[first:last] -= 0.45 * onset


def sample_series(demo: DemoStation, start: dt.datetime, end: dt.datetime,
                  rng: np.random.Generator) -> tuple[np.ndarray, dict[str, np.ndarray]]:
    """One laboratory sample a day at 09:00 local; the last one exactly at the medians of
    now, so that the demo's final state does not depend on the random draw."""
    local_start = timezone.localtime(start)
    first = local_start.replace(hour=SAMPLE_HOUR, minute=0, second=0, microsecond=0)
    if first <= start:
        first += dt.timedelta(days=1)
    moments = []
    moment = first
    while moment <= end:
        moments.append(moment)
        moment += dt.timedelta(days=1)
    times = np.array([m.astimezone(dt.UTC).replace(tzinfo=None) for m in moments],
                     dtype="datetime64[s]")
    n = len(times)
    rainy = _rainy(times)
    day_of_year = (times.astype("datetime64[D]") - times.astype("datetime64[Y]")).astype(int)
    rain = {"BOD5": 0.85, "COD": 0.85, "N-NH4": 0.85, "P-PO4": 0.9, "Coliform": 1.4,
            "TSS": 1.3, "DO": 0.95}
    sigma = {"Coliform": 0.35, "DO": 0.15}
    values = {}
    for key, pair in demo.levels.items():
        noise = np.exp(rng.normal(0.0, sigma.get(key, 0.2), n))
        noise[-1:] = 1.0
        seasonal = np.where(rainy, rain[key], 1.0)
        if n:
            seasonal[-1] = 1.0
        values[key] = _trend(times, pair) * seasonal * noise
    # A past episode at each sampling point: three bad days about seven months ago.
    if n > 220:
        bad = slice(n - 214, n - 211)
        for key, factor in (("BOD5", 2.5), ("COD", 2.2), ("N-NH4", 2.5), ("P-PO4", 2.0),
                            ("Coliform", 4.0), ("DO", 0.4)):
            values[key][bad] *= factor
    values["pH"] = 7.05 + rng.normal(0.0, 0.15, n)
    values["temperature"] = 29.0 + 1.3 * np.sin(2 * np.pi * (day_of_year - 60) / 365) \
        + rng.normal(0.0, 0.4, n)
    if n:
        values["pH"][-1], values["temperature"][-1] = 7.05, 29.5
    rounded = {key: np.round(value, 0 if key == "Coliform" else 2) for key, value in
               values.items()}
    return times, rounded


def _insert_history(station: Station, parameters: dict[str, Parameter], times: np.ndarray,
                    series: dict[str, np.ndarray], cutoff: dt.datetime) -> int:
    """Readings older than ``cutoff``, by executemany in chunks (quality ok: the values
    are generated inside every plausible range)."""
    keep = times < np.datetime64(cutoff.astimezone(dt.UTC).replace(tzinfo=None), "s")
    adapt = connection.ops.adapt_datetimefield_value
    moments = [adapt(t.replace(tzinfo=dt.UTC)) for t in times[keep].astype(dt.datetime)]
    received = adapt(timezone.now())
    table = connection.ops.quote_name(Reading._meta.db_table)
    sql = (f"INSERT INTO {table} (station_id, parameter_id, observed_at, value, unit, "  # noqa: S608
           "source, quality, received_at) VALUES (%s, %s, %s, %s, %s, %s, %s, %s) "
           "ON CONFLICT (station_id, parameter_id, observed_at) DO NOTHING")
    written = 0
    for code, values in series.items():
        parameter = parameters[code]
        kept = values[keep].tolist()
        for first in range(0, len(kept), CHUNK):
            rows = [(station.id, parameter.id, moment, value, parameter.unit, "demo", "ok",
                     received)
                    for moment, value in zip(moments[first:first + CHUNK],
                                             kept[first:first + CHUNK], strict=True)]
            with transaction.atomic(), connection.cursor() as cursor:
                cursor.executemany(sql, rows)
                # Rows actually added (a re-run skips existing ones); -1 if unknown.
                written += cursor.rowcount if cursor.rowcount >= 0 else len(rows)
    return written


def _recent_rows(code: str, times: np.ndarray, series: dict[str, np.ndarray],
                 cutoff: dt.datetime) -> list[dict]:
    """The last day as rows for the ingest service."""
    keep = times >= np.datetime64(cutoff.astimezone(dt.UTC).replace(tzinfo=None), "s")
    moments = [t.replace(tzinfo=dt.UTC) for t in times[keep].astype(dt.datetime)]
    rows = []
    for key, values in series.items():
        rows += [{"station": code, "parameter": key, "observed_at": moment, "value": value}
                 for moment, value in zip(moments, values[keep].tolist(), strict=True)]
    return rows
