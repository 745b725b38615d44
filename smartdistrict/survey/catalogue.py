"""Loading a one-stop shop catalogue: procedures, counters and civil servants, from files.

A catalogue is a folder with any of three files (CSV in UTF-8, or .xlsx with the same
columns in the first sheet), or one of those files alone:

    procedures  code, name, field, time_limit_days, units[, illustrative]
                units: unit codes separated by ";" (the one-stop shops that handle it)
    counters    unit, code, name[, active, illustrative]
    staff       unit, code, full_name, title, counters[, active, illustrative]
                counters: counter codes of that unit separated by ";"

As with ``pack_load``: everything is read and checked first, every faulty row is listed
(file, row, what is wrong) and a faulty catalogue writes nothing; a dry run performs the
writes and rolls them back, so it reports exactly what a commit would change; loading
the same files again changes nothing.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass, field
from pathlib import Path

from django.db import transaction
from django.utils.translation import gettext as _

from smartdistrict.core.errors import InvalidInput
from smartdistrict.core.sync import CREATED, DELETED, UNCHANGED, Tally, upsert
from smartdistrict.core.text import clean_text
from smartdistrict.geography.models import Level, Unit
from smartdistrict.survey.models import CivilServant, Counter, Procedure, UnitProcedure

KINDS = ("procedures", "counters", "staff")
COLUMNS = {
    "procedures": ("code", "name", "field", "time_limit_days", "units"),
    "counters": ("unit", "code", "name"),
    "staff": ("unit", "code", "full_name", "title", "counters"),
}
MAX_TIME_LIMIT_DAYS = 365


@dataclass(frozen=True)
class RowError:
    file: str
    row: int
    message: str

    def __str__(self) -> str:
        where = f"{self.file}:{self.row}" if self.row else self.file
        return f"{where}: {self.message}"


class CatalogueInvalid(InvalidInput):
    code = "catalogue_invalid"

    def __init__(self, errors: list[RowError]) -> None:
        self.errors = errors
        super().__init__("\n".join(map(str, errors)), field="file")


@dataclass
class LoadReport:
    committed: bool
    tally: Tally = field(default_factory=Tally)

    @property
    def changed(self) -> int:
        return self.tally.changed()


def _rows(path: Path) -> list[dict[str, str]]:
    if path.suffix.lower() == ".xlsx":
        from openpyxl import load_workbook

        book = load_workbook(path, read_only=True, data_only=True)
        values = list(book.worksheets[0].iter_rows(values_only=True))
        book.close()
        if not values:
            return []
        header = [str(h or "").strip() for h in values[0]]
        return [{h: "" if v is None else str(v) for h, v in zip(header, row, strict=False)}
                for row in values[1:] if any(v not in (None, "") for v in row)]
    text = path.read_bytes().decode("utf-8-sig")
    lines = [line for line in io.StringIO(text) if not line.lstrip().startswith("#")]
    return list(csv.DictReader(lines))


def files_of(path: str | Path) -> dict[str, Path]:
    """kind → file of a catalogue folder, or of one file named after its kind."""
    path = Path(path)
    if path.is_dir():
        found = {}
        for kind in KINDS:
            for suffix in (".csv", ".xlsx"):
                if (path / f"{kind}{suffix}").is_file():
                    found[kind] = path / f"{kind}{suffix}"
        if not found:
            raise InvalidInput(_("No procedures, counters or staff file in this folder."),
                               field="file")
        return found
    if not path.is_file():
        raise InvalidInput(_("No such file or folder: %(path)s") % {"path": path}, field="file")
    kind = path.stem.split(".")[0].lower()
    if kind not in KINDS:
        raise InvalidInput(_("Name the file procedures, counters or staff (.csv or .xlsx)."),
                           field="file")
    return {kind: path}


def _flag(value: str, default: bool) -> bool | None:
    value = (value or "").strip().lower()
    if not value:
        return default
    if value in ("1", "true", "yes", "có", "x"):
        return True
    if value in ("0", "false", "no", "không"):
        return False
    return None


def _codes(value: str) -> list[str]:
    return [c.strip() for c in (value or "").split(";") if c.strip()]


@dataclass
class Checked:
    procedures: list[dict] = field(default_factory=list)
    counters: list[dict] = field(default_factory=list)
    staff: list[dict] = field(default_factory=list)


def _check(files: dict[str, Path]) -> Checked:
    wards = {u.code: u for u in Unit.objects.filter(level=Level.WARD)}
    checked, errors = Checked(), []
    counters_named = {(c.unit.code, c.code) for c in Counter.objects.select_related("unit")}
    for kind in KINDS:
        if kind not in files:
            continue
        name = files[kind].name
        rows = _rows(files[kind])
        missing = [c for c in COLUMNS[kind] if rows and c not in rows[0]]
        if not rows:
            errors.append(RowError(name, 0, _("The file has no rows.")))
            continue
        if missing:
            errors.append(RowError(name, 0, _("Missing columns: %(columns)s")
                                   % {"columns": ", ".join(missing)}))
            continue
        seen: set = set()
        for number, raw in enumerate(rows, start=2):
            row = {k: clean_text(str(v or "")).strip() for k, v in raw.items() if k}
            problems = _check_row(kind, row, wards, counters_named)
            key = (row.get("unit", ""), row.get("code", ""))
            if key in seen:
                problems.append(_("This code appears twice in the file."))
            seen.add(key)
            errors.extend(RowError(name, number, p) for p in problems)
            if not problems:
                getattr(checked, kind).append(row)
                if kind == "counters":
                    counters_named.add(key)
    if errors:
        raise CatalogueInvalid(errors)
    return checked


def _check_row(kind: str, row: dict, wards: dict, counters_named: set) -> list:
    problems = []
    if not row.get("code"):
        problems.append(_("The code is empty."))
    if kind == "procedures":
        if not row.get("name"):
            problems.append(_("The name is empty."))
        days = row.get("time_limit_days", "")
        if not days.isdigit() or int(days) > MAX_TIME_LIMIT_DAYS:
            problems.append(_("The time limit must be a whole number of working days "
                              "(0 = the same day, at most 365)."))
        unknown = [c for c in _codes(row.get("units", "")) if c not in wards]
        if unknown:
            problems.append(_("Unknown ward, commune or special zone: %(codes)s")
                            % {"codes": ", ".join(unknown)})
    else:
        if row.get("unit") not in wards:
            problems.append(_("Unknown ward, commune or special zone: %(codes)s")
                            % {"codes": row.get("unit") or "—"})
        if not row.get("name" if kind == "counters" else "full_name"):
            problems.append(_("The name is empty."))
    if kind == "staff":
        unknown = [c for c in _codes(row.get("counters", ""))
                   if (row.get("unit"), c) not in counters_named]
        if unknown:
            problems.append(_("Unknown counter of this unit: %(codes)s")
                            % {"codes": ", ".join(unknown)})
    for column in ("active", "illustrative"):
        if _flag(row.get(column, ""), column == "active") is None:
            problems.append(_("Write true or false in the column %(column)s.")
                            % {"column": column})
    return problems


def catalogue_load(path: str | Path, *, commit: bool = False) -> LoadReport:
    """Load the catalogue at ``path``; CatalogueInvalid (every faulty row) if it is faulty."""
    checked = _check(files_of(path))
    report = LoadReport(committed=commit)
    with transaction.atomic():
        _apply(checked, report.tally)
        if not commit:
            transaction.set_rollback(True)
    return report


def _apply(checked: Checked, tally: Tally) -> None:
    wards = {u.code: u for u in Unit.objects.filter(level=Level.WARD)}
    for row in checked.procedures:
        procedure, outcome = upsert(Procedure, {"code": row["code"]}, {
            "name": row["name"], "field": row.get("field", ""),
            "time_limit_days": int(row["time_limit_days"]),
            "illustrative": bool(_flag(row.get("illustrative", ""), False)),
        })
        tally.add("procedures", outcome)
        wanted = {wards[c].id for c in _codes(row.get("units", ""))}
        offered = {o.unit_id: o for o in UnitProcedure.objects.filter(procedure=procedure)}
        for unit_id in wanted:
            _row, outcome = upsert(UnitProcedure, {"unit_id": unit_id, "procedure": procedure},
                                   {"active": True})
            tally.add("procedures of one-stop shops", outcome)
        for unit_id, link in offered.items():
            if unit_id not in wanted and link.active:
                link.active = False
                link.save(update_fields=["active"])
                tally.add("procedures of one-stop shops", DELETED)
    counters = {}
    for row in checked.counters:
        unit = wards[row["unit"]]
        counter, outcome = upsert(Counter, {"unit": unit, "code": row["code"]}, {
            "name": row["name"], "active": bool(_flag(row.get("active", ""), True)),
            "illustrative": bool(_flag(row.get("illustrative", ""), False)),
        })
        counters[(row["unit"], row["code"])] = counter
        tally.add("counters", outcome)
    for row in checked.staff:
        unit = wards[row["unit"]]
        servant, outcome = upsert(CivilServant, {"unit": unit, "code": row["code"]}, {
            "full_name": row["full_name"], "title": row.get("title", ""),
            "active": bool(_flag(row.get("active", ""), True)),
            "illustrative": bool(_flag(row.get("illustrative", ""), False)),
        })
        wanted = {counters.get((row["unit"], c)) or Counter.objects.filter(
            unit=unit, code=c).first() for c in _codes(row.get("counters", ""))} - {None}
        current = set(servant.counters.all())
        if wanted != current:
            servant.counters.set(wanted)
            outcome = outcome if outcome == CREATED else "updated"
        tally.add("civil servants", outcome if outcome else UNCHANGED)
