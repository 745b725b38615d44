"""Loading a jurisdiction pack: everything in one transaction, a dry run unless committed.

The dry run performs the very same writes and then rolls them back, so what it reports
is exactly what a commit would do, and it changes nothing. A second commit of the same
pack reports no change (every write compares before it saves).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from django.db import transaction

from smartdistrict.core.sync import Tally
from smartdistrict.feedback.services.config import categories_load, routing_plan, routing_sync
from smartdistrict.geography import index
from smartdistrict.geography.index import get_index
from smartdistrict.geography.models import Level
from smartdistrict.geography.selectors import territory_ids
from smartdistrict.geography.services import (
    approximate_within_successors,
    boundary_sync,
    jurisdiction_set,
    units_sync,
)
from smartdistrict.jurisdictions.reading import Pack, pack_path, read_pack
from smartdistrict.organisations.services import departments_sync


@dataclass
class LoadReport:
    pack: str
    committed: bool
    tally: Tally = field(default_factory=Tally)

    @property
    def changed(self) -> int:
        return self.tally.changed()


def pack_load(path: str | Path | None = None, *, commit: bool = False) -> LoadReport:
    """Load the pack at ``path`` (or a shipped pack's name); PackInvalid if it is faulty."""
    folder = pack_path(path)
    pack = read_pack(folder)
    report = LoadReport(pack=pack.code, committed=commit)
    with transaction.atomic():
        _apply(pack, report.tally)
        if not commit:
            transaction.set_rollback(True)
    if not commit:
        index.invalidate()
    return report


def _apply(pack: Pack, tally: Tally) -> None:
    settings = pack.settings
    units = units_sync(pack.units, tally)
    official = set(pack.boundaries)
    source = settings.get("boundary_source", f"pack {pack.code}")
    for code, geometry in pack.boundaries.items():
        _boundary, outcome = boundary_sync(
            unit=units[code], geometry=geometry, approximate=False, source=source
        )
        tally.add("boundaries (official)", outcome)
    approximate_within_successors(
        units, official, tally=tally,
        source=settings.get("approximate_source", f"approximation in pack {pack.code}"),
    )
    jurisdiction_set(
        code=pack.code, name=settings["name"], name_en=settings.get("name_en", ""),
        root=units[settings["root"]], report_code_prefix=settings["report_code_prefix"],
        open311_jurisdiction_id=settings["open311_jurisdiction_id"], pack=str(pack.path.name),
        tally=tally,
    )
    written = get_index()  # the units just written, as this transaction sees them

    def territory(code: str) -> list[str]:
        """A department's "CODE+": the same rule as every scoped read (territory_ids)."""
        return [written.units[i].code for i in territory_ids({units[code].id})]

    departments = departments_sync(pack.departments, units, territory, tally)
    if pack.categories:
        categories_load(pack.categories, tally)
        communes = [u for u in units.values() if u.level == Level.WARD]
        plan = routing_plan(pack.categories, units=communes, departments=departments.values())
        routing_sync(plan, tally=tally)
