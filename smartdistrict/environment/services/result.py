"""What an ingestion did, row by row: the answer of every source (HTTP, MQTT, files, FIWARE)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True)
class Rejection:
    """A row that was not stored, with a stable ``code`` and a message in the active language.

    ``index`` is the row's position in the batch (0-based); ``line`` its line in a file.
    """

    index: int
    code: str
    message: str
    line: int | None = None
    field: str | None = None

    def as_dict(self) -> dict[str, Any]:
        body: dict[str, Any] = {"index": self.index, "code": self.code, "message": self.message}
        if self.line is not None:
            body["line"] = self.line
        if self.field:
            body["field"] = self.field
        return body


@dataclass(frozen=True)
class ParsedReading:
    """A validated reading, ready to store: ids resolved, value in the parameter's unit,
    time aware and in UTC."""

    index: int
    station_id: int
    station_code: str
    parameter_id: int
    parameter_code: str
    observed_at: dt.datetime
    value: float
    unit: str
    quality: str
    line: int | None = None

    @property
    def key(self) -> tuple[int, int, dt.datetime]:
        return (self.station_id, self.parameter_id, self.observed_at)

    def as_dict(self) -> dict[str, Any]:
        body: dict[str, Any] = {
            "index": self.index,
            "station": self.station_code,
            "parameter": self.parameter_code,
            "observed_at": self.observed_at.isoformat(),
            "value": self.value,
            "unit": self.unit,
            "quality": self.quality,
        }
        if self.line is not None:
            body["line"] = self.line
        return body


STORED, DUPLICATE, CONFLICT, REJECTED = "stored", "duplicate", "conflict", "rejected"


@dataclass
class IngestResult:
    """Counts and lists of one batch. ``stored_readings`` are the readings this call added
    (empty on a dry run): the hook point for alert rules and other follow-ups."""

    received: int = 0
    dry_run: bool = False
    stored_readings: list[ParsedReading] = field(default_factory=list)
    would_store: list[ParsedReading] = field(default_factory=list)
    duplicates: int = 0
    flagged: list[ParsedReading] = field(default_factory=list)
    rejected: list[Rejection] = field(default_factory=list)
    conflicts: list[Rejection] = field(default_factory=list)
    statuses: list[str] = field(default_factory=list)
    ignored: list[str] = field(default_factory=list)  # columns/attributes a source skipped

    @property
    def stored(self) -> int:
        return len(self.would_store if self.dry_run else self.stored_readings)

    def as_dict(self, *, preview_limit: int = 0, statuses: bool = True) -> dict[str, Any]:
        """A JSON-ready summary; ``preview_limit`` rows of what is (or would be) stored."""
        body: dict[str, Any] = {
            "dry_run": self.dry_run,
            "received": self.received,
            "stored": self.stored,
            "duplicates": self.duplicates,
            "flagged": [r.as_dict() for r in self.flagged],
            "rejected": [r.as_dict() for r in self.rejected],
            "conflicts": [r.as_dict() for r in self.conflicts],
        }
        if self.ignored:
            body["ignored"] = self.ignored
        if statuses:
            body["statuses"] = self.statuses
        if preview_limit:
            rows = self.would_store if self.dry_run else self.stored_readings
            body["readings"] = [r.as_dict() for r in rows[:preview_limit]]
            body["readings_truncated"] = len(rows) > preview_limit
        return body
