"""Storing readings: one atomic, idempotent batch, whichever source it came from.

Idempotency: (station, parameter, observed_at) is unique. A row whose key is already
stored with the same value is a duplicate and changes nothing; with a different value it
is a *conflict*: the first value is kept and the conflict is reported (correcting a value
is an officer's edit, not a resend). Within one batch the first row of a key wins the same
way. New rows go in with INSERT … ON CONFLICT DO NOTHING (executemany),
and the stations of the batch are locked first (PostgreSQL; SQLite's write lock does the
same), so the duplicate check and the insert agree even with concurrent senders.

LatestReading moves only forward in time, in the same transaction.

Hook point: ``IngestResult.stored_readings`` lists exactly the readings this call added;
after the commit each callable named in settings.ENVIRONMENT_INGEST_HOOKS (dotted paths)
is called with that list — alert rules plug in there, once, for every source. A hook
should be quick (enqueue a job): the MQTT source acknowledges messages after it returns.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Sequence
from typing import Any

from django.conf import settings
from django.db import connection, transaction
from django.utils import timezone
from django.utils.module_loading import import_string

from smartdistrict.environment.models import LatestReading, Parameter, Reading, Station
from smartdistrict.environment.services.parsing import (
    Catalogue,
    ParameterRef,
    Scope,
    StationRef,
    parse_reading,
    rejection,
)
from smartdistrict.environment.services.result import (
    CONFLICT,
    DUPLICATE,
    REJECTED,
    STORED,
    IngestResult,
    ParsedReading,
    Rejection,
)

logger = logging.getLogger(__name__)

# SQLite accepts 999 parameters per statement in old builds: stay under with the times.
_TIMES_PER_QUERY = 900


def catalogue_load() -> Catalogue:
    """Every station and parameter, as plain values (two small queries)."""
    stations = [
        StationRef(id=i, code=c, active=a, provider_id=p)
        for i, c, a, p in Station.objects.values_list("id", "code", "active", "provider_id")
    ]
    parameters = [
        ParameterRef(id=i, code=c, unit=u, plausible_min=lo, plausible_max=hi,
                     aliases=tuple(a.strip() for a in aliases.split(";") if a.strip()))
        for i, c, u, lo, hi, aliases in Parameter.objects.values_list(
            "id", "code", "unit", "plausible_min", "plausible_max", "aliases"
        )
    ]
    return Catalogue(stations, parameters)


def max_skew() -> dt.timedelta:
    return dt.timedelta(seconds=settings.ENVIRONMENT_FUTURE_SKEW_SECONDS)


def earliest() -> dt.datetime:
    """The earliest instant a reading may carry (midnight UTC of the configured date)."""
    day = settings.ENVIRONMENT_EARLIEST_OBSERVATION
    if isinstance(day, str):
        day = dt.date.fromisoformat(day)
    return dt.datetime(day.year, day.month, day.day, tzinfo=dt.UTC)


def readings_ingest(
    *,
    rows: Sequence[Any],
    source: str,
    scope: Scope | None = None,
    dry_run: bool = False,
    default_tz: dt.tzinfo | None = None,
    lines: Sequence[int] | None = None,
    rejected: Sequence[Rejection] = (),
    received: int | None = None,
    now: dt.datetime | None = None,
    catalogue: Catalogue | None = None,
) -> IngestResult:
    """Validate ``rows`` (raw mappings) and store the good ones in one transaction.

    ``scope`` limits the stations a token may write (None: any, for staff uploads).
    ``lines`` gives each row's line in a file; ``rejected`` are rows a file reader already
    refused (counted in ``received`` when given). A dry run checks everything, duplicates
    and conflicts included, and writes nothing.
    """
    now = now or timezone.now()
    catalogue = catalogue or catalogue_load()
    result = IngestResult(received=len(rows) if received is None else received, dry_run=dry_run)
    result.rejected.extend(rejected)
    result.statuses = [""] * len(rows)
    skew, first_instant = max_skew(), earliest()
    fresh: dict[tuple, ParsedReading] = {}
    for index, raw in enumerate(rows):
        line = lines[index] if lines is not None else None
        parsed = parse_reading(raw, index=index, catalogue=catalogue, now=now, scope=scope,
                               default_tz=default_tz, max_skew=skew,
                               earliest=first_instant, line=line)
        if isinstance(parsed, Rejection):
            result.rejected.append(parsed)
            result.statuses[index] = REJECTED
            continue
        first = fresh.get(parsed.key)
        if first is None:
            fresh[parsed.key] = parsed
        else:
            _repeat(result, parsed, first.value)
    if fresh:
        with transaction.atomic():
            new = _store(result, list(fresh.values()), source=source, now=now, dry_run=dry_run)
        if not dry_run and new:
            hooks = _hooks()
            if hooks:
                transaction.on_commit(lambda: _run_hooks(hooks, new))
    result.rejected.sort(key=lambda r: (-1 if r.line is None else r.line, r.index))
    return result


def _repeat(result: IngestResult, parsed: ParsedReading, stored_value: float) -> None:
    """A row whose key is already taken (stored before, or earlier in this batch)."""
    if parsed.value == stored_value:
        result.duplicates += 1
        result.statuses[parsed.index] = DUPLICATE
    else:
        result.conflicts.append(
            rejection(parsed.index, "conflict", line=parsed.line, field="value",
                      stored=stored_value)
        )
        result.statuses[parsed.index] = CONFLICT


def _existing(candidates: list[ParsedReading]) -> dict[tuple, float]:
    """Stored values of the candidates' keys (a superset query by exact times)."""
    station_ids = {c.station_id for c in candidates}
    parameter_ids = {c.parameter_id for c in candidates}
    times = sorted({c.observed_at for c in candidates})
    found: dict[tuple, float] = {}
    for start in range(0, len(times), _TIMES_PER_QUERY):
        chunk = times[start : start + _TIMES_PER_QUERY]
        for station_id, parameter_id, observed_at, value in Reading.objects.filter(
            station_id__in=station_ids, parameter_id__in=parameter_ids, observed_at__in=chunk
        ).values_list("station_id", "parameter_id", "observed_at", "value"):
            found[(station_id, parameter_id, observed_at)] = value
    return found


def _store(result: IngestResult, candidates: list[ParsedReading], *, source: str,
           now: dt.datetime, dry_run: bool) -> list[ParsedReading]:
    station_ids = sorted({c.station_id for c in candidates})
    if not dry_run:  # serialise writers of the same stations (a no-op on SQLite)
        list(Station.objects.select_for_update().filter(id__in=station_ids).values_list("id"))
    existing = _existing(candidates)
    new: list[ParsedReading] = []
    for parsed in candidates:
        stored_value = existing.get(parsed.key)
        if stored_value is None:
            new.append(parsed)
            result.statuses[parsed.index] = STORED
        else:
            _repeat(result, parsed, stored_value)
    new.sort(key=lambda p: p.index)
    result.flagged.extend(p for p in new if p.quality != "ok")
    result.flagged.sort(key=lambda p: p.index)
    if dry_run:
        result.would_store = new
        return []
    _insert(new, source=source, now=now)
    _advance_latest(new, now)
    result.stored_readings = new
    return new


def _insert(new: list[ParsedReading], *, source: str, now: dt.datetime) -> None:
    """INSERT … ON CONFLICT DO NOTHING by executemany (SQLite ≥ 3.24 and PostgreSQL): the
    same statement bulk_create(ignore_conflicts=True) writes, without building a model
    instance and preparing each field of every row."""
    table = connection.ops.quote_name(Reading._meta.db_table)
    adapt = connection.ops.adapt_datetimefield_value
    received = adapt(now)
    rows = [(p.station_id, p.parameter_id, adapt(p.observed_at), p.value, p.unit, source,
             p.quality, received) for p in new]
    with connection.cursor() as cursor:
        cursor.executemany(
            f"INSERT INTO {table} (station_id, parameter_id, observed_at, value, unit, "  # noqa: S608
            "source, quality, received_at) VALUES (%s, %s, %s, %s, %s, %s, %s, %s) "
            "ON CONFLICT (station_id, parameter_id, observed_at) DO NOTHING",
            rows,
        )


def _advance_latest(new: list[ParsedReading], now: dt.datetime) -> None:
    """Move each (station, parameter)'s latest reading forward, never back."""
    newest: dict[tuple[int, int], ParsedReading] = {}
    for parsed in new:
        pair = (parsed.station_id, parsed.parameter_id)
        if pair not in newest or parsed.observed_at > newest[pair].observed_at:
            newest[pair] = parsed
    if not newest:
        return
    current = {
        (station_id, parameter_id): (pk, observed_at)
        for pk, station_id, parameter_id, observed_at in LatestReading.objects.filter(
            station_id__in={s for s, _ in newest}, parameter_id__in={p for _, p in newest}
        ).values_list("id", "station_id", "parameter_id", "observed_at")
    }
    adapt = connection.ops.adapt_datetimefield_value
    received = adapt(now)
    to_create, to_update = [], []
    for pair, parsed in newest.items():
        found = current.get(pair)
        if found is None:
            to_create.append(LatestReading(
                station_id=pair[0], parameter_id=pair[1], observed_at=parsed.observed_at,
                value=parsed.value, unit=parsed.unit, quality=parsed.quality, received_at=now,
            ))
        elif parsed.observed_at > found[1]:
            to_update.append((adapt(parsed.observed_at), parsed.value, parsed.unit,
                              parsed.quality, received, found[0]))
    LatestReading.objects.bulk_create(to_create)
    if to_update:
        table = connection.ops.quote_name(LatestReading._meta.db_table)
        with connection.cursor() as cursor:
            cursor.executemany(
                f"UPDATE {table} SET observed_at = %s, value = %s, unit = %s, quality = %s, "  # noqa: S608
                "received_at = %s WHERE id = %s",
                to_update,
            )


def _hooks() -> list:
    return [import_string(path) for path in settings.ENVIRONMENT_INGEST_HOOKS]


def _run_hooks(hooks: list, readings: list[ParsedReading]) -> None:
    for hook in hooks:
        try:
            hook(readings)
        except Exception:  # a follow-up must not undo or block stored readings
            logger.exception("ingest hook %s failed", hook)
