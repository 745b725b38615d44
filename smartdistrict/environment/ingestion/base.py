"""What every ingestion source produces and how it is stored."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any, ClassVar

from smartdistrict.environment.services.dead_letters import dead_letters_record, row_letters
from smartdistrict.environment.services.ingest import readings_ingest
from smartdistrict.environment.services.parsing import Scope
from smartdistrict.environment.services.result import IngestResult, Rejection


@dataclass
class Decoded:
    """Raw rows of a payload, ready for parsing; ``rejected`` are rows refused while
    reading the payload itself (a file line with no time, say); ``received`` counts both."""

    rows: list[dict[str, Any]] = field(default_factory=list)
    lines: list[int] | None = None
    rejected: list[Rejection] = field(default_factory=list)
    received: int = 0
    ignored: list[str] = field(default_factory=list)  # columns or attributes not read


class Source:
    """An ingestion source: a name (also the ``Reading.source`` of what it stores), a label,
    and ``decode`` from its payload to raw rows."""

    name: ClassVar[str]
    label: ClassVar[str]

    def decode(self, payload: Any, **options: Any) -> Decoded:
        raise NotImplementedError

    def ingest(
        self,
        payload: Any,
        *,
        scope: Scope | None = None,
        dry_run: bool = False,
        default_tz: dt.tzinfo | None = None,
        dead_letters: str | None = None,
        **options: Any,
    ) -> IngestResult:
        """Decode ``payload`` and store it (see readings_ingest for the rules).

        ``dead_letters`` names the origin (a path and token, a file) of a batch no one
        watches: its rejected rows are then also kept as dead letters (not on a dry run).
        """
        decoded = self.decode(payload, **options)
        result = readings_ingest(
            rows=decoded.rows, source=self.name, scope=scope, dry_run=dry_run,
            default_tz=default_tz, lines=decoded.lines, rejected=decoded.rejected,
            received=decoded.received or len(decoded.rows),
        )
        result.ignored = decoded.ignored
        if dead_letters is not None and not dry_run and result.rejected:
            dead_letters_record(source=self.name, letters=row_letters(
                origin=dead_letters, rows=decoded.rows, rejected=result.rejected,
                decoded=decoded.rejected, whole=payload if isinstance(payload, list) else None,
            ))
        return result
