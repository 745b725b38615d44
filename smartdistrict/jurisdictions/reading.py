"""Reading a jurisdiction pack: a folder of data files, checked row by row.

A pack describes a deployment's territory and organisation (docs/jurisdictions.md):

    pack.toml          code, names, top unit, report code prefix, Open311 jurisdiction id
    units.csv          units with level, kind, codes, validity, predecessors, population
    boundaries.geojson one feature per unit with an official boundary (property "code")
    departments.csv    departments, their kind, e-mail and the units each serves
    categories.json    report categories, deadlines, questions and routing preferences

Everything is read and checked before anything is written, so that an operator sees
every faulty row at once (file, row number, what is wrong) and a faulty pack changes
nothing.
"""

from __future__ import annotations

import csv
import datetime as dt
import json
import tomllib
from dataclasses import dataclass, field
from pathlib import Path

from django.conf import settings
from shapely.geometry import shape
from shapely.geometry.base import BaseGeometry

from smartdistrict.core.errors import InvalidInput
from smartdistrict.core.text import nfc
from smartdistrict.geography.geometry import GeometryRefused, repair
from smartdistrict.geography.models import KIND_LEVEL, Kind, Level
from smartdistrict.geography.services import UnitRow
from smartdistrict.organisations.models import DepartmentKind

PACKS_DIR = Path(__file__).resolve().parent / "packs"
REQUIRED_SETTINGS = ("code", "name", "root", "report_code_prefix", "open311_jurisdiction_id")
UNIT_COLUMNS = ("code", "level", "name")


@dataclass(frozen=True)
class PackError:
    file: str
    row: int  # 0: the file as a whole
    message: str

    def __str__(self) -> str:
        return f"{self.file}:{self.row}: {self.message}" if self.row else (
            f"{self.file}: {self.message}")


class PackInvalid(InvalidInput):
    code = "pack_invalid"

    def __init__(self, errors: list[PackError]) -> None:
        self.errors = errors
        super().__init__("\n".join(map(str, errors)), field="pack")


@dataclass(frozen=True)
class DepartmentRow:
    code: str
    name: str
    name_en: str
    kind: str
    units: tuple[str, ...]  # unit codes; "CODE+" stands for the unit's whole territory
    email: str = ""
    valid_to: dt.date | None = None


@dataclass
class Pack:
    path: Path
    settings: dict
    units: list[UnitRow] = field(default_factory=list)
    boundaries: dict[str, BaseGeometry] = field(default_factory=dict)
    departments: list[DepartmentRow] = field(default_factory=list)
    categories: list[dict] = field(default_factory=list)

    @property
    def code(self) -> str:
        return self.settings["code"]


def pack_path(name_or_path: str | Path | None = None) -> Path:
    """A pack folder from a path, or a shipped pack's name (default SMARTDISTRICT_PACK)."""
    value = str(name_or_path or settings.SMARTDISTRICT_PACK)
    path = Path(value)
    if not path.is_dir() and (PACKS_DIR / value).is_dir():
        path = PACKS_DIR / value
    return path


def read_pack(path: Path) -> Pack:
    """Read and check every file of the pack at ``path``; PackInvalid lists all faults."""
    errors: list[PackError] = []
    if not (path / "pack.toml").is_file():
        raise PackInvalid([PackError(str(path), 0, "not a pack: no pack.toml in this folder")])
    try:
        with open(path / "pack.toml", "rb") as handle:
            pack_settings = tomllib.load(handle)
    except tomllib.TOMLDecodeError as error:
        raise PackInvalid([PackError("pack.toml", 0, str(error))]) from None
    for key in REQUIRED_SETTINGS:
        if not str(pack_settings.get(key) or "").strip():
            errors.append(PackError("pack.toml", 0, f"{key!r} is required"))
    pack = Pack(path=path, settings=pack_settings)
    pack.units = _read_units(path / "units.csv", errors)
    codes = {u.code for u in pack.units}
    if pack_settings.get("root") and pack_settings["root"] not in codes:
        errors.append(
            PackError("pack.toml", 0, f"root {pack_settings['root']!r} is not in units.csv")
        )
    if (path / "boundaries.geojson").is_file():
        pack.boundaries = _read_boundaries(path / "boundaries.geojson", codes, errors)
    if (path / "departments.csv").is_file():
        pack.departments = _read_departments(path / "departments.csv", codes, errors)
    if (path / "categories.json").is_file():
        pack.categories = _read_categories(path / "categories.json", pack.departments, errors)
    if errors:
        raise PackInvalid(errors)
    return pack


def _rows(path: Path, required: tuple[str, ...], errors: list[PackError]) -> list[dict]:
    try:
        with open(path, encoding="utf-8-sig", newline="") as handle:
            reader = csv.DictReader(handle)
            missing = [c for c in required if c not in (reader.fieldnames or [])]
            if missing:
                errors.append(PackError(path.name, 0, f"missing columns: {', '.join(missing)}"))
                return []
            return [{k: nfc(v or "").strip() for k, v in row.items() if k} for row in reader]
    except (OSError, UnicodeDecodeError, csv.Error) as error:
        errors.append(PackError(path.name, 0, f"cannot read: {error}"))
        return []


def _date(value: str, file: str, row: int, column: str, errors: list[PackError]):
    if not value:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        errors.append(PackError(file, row, f"{column}: {value!r} is not a date (YYYY-MM-DD)"))
        return None


def _read_units(path: Path, errors: list[PackError]) -> list[UnitRow]:
    if not path.is_file():
        errors.append(PackError("units.csv", 0, "missing (every pack lists its units)"))
        return []
    units: list[UnitRow] = []
    seen: dict[str, int] = {}
    for number, row in enumerate(_rows(path, UNIT_COLUMNS, errors), start=2):
        before = len(errors)
        code, level, kind = row["code"], row["level"], row.get("kind", "")

        def fault(message: str, number: int = number) -> None:
            errors.append(PackError("units.csv", number, message))

        if not code:
            fault("code is empty")
        elif code in seen:
            fault(f"code {code!r} already on row {seen[code]}")
        if level not in Level.values:
            fault(f"level {level!r} is not one of {', '.join(Level.values)}")
        if kind and kind not in Kind.values:
            fault(f"kind {kind!r} is not one of {', '.join(Kind.values)}")
        elif kind and level in Level.values and KIND_LEVEL[Kind(kind)] != level:
            fault(f"a {kind} is a unit of level {KIND_LEVEL[Kind(kind)]}, not {level}")
        if not row["name"]:
            fault("name is empty")
        parent = row.get("parent", "")
        if parent and parent not in seen and parent != code:
            fault(f"parent {parent!r} must be listed above this row")
        valid_from = _date(row.get("valid_from", ""), "units.csv", number, "valid_from", errors)
        valid_to = _date(row.get("valid_to", ""), "units.csv", number, "valid_to", errors)
        if valid_from and valid_to and valid_to < valid_from:
            fault("valid_to is before valid_from")
        population = None
        if row.get("population"):
            try:
                population = int(row["population"])
                if population < 0:
                    raise ValueError
            except ValueError:
                fault(f"population {row['population']!r} is not a whole number")
        centre = None
        if row.get("centre_lon") or row.get("centre_lat"):
            try:
                lon, lat = float(row["centre_lon"]), float(row["centre_lat"])
                if not (-180 <= lon <= 180 and -90 <= lat <= 90):
                    raise ValueError
                centre = (lon, lat)
            except (KeyError, ValueError):
                fault("centre_lon/centre_lat must be a longitude and a latitude")
        seen.setdefault(code, number)
        if len(errors) > before:
            continue
        units.append(UnitRow(
            code=code, level=level, kind=kind, name=row["name"],
            gso_code=row.get("gso_code", ""), name_en=row.get("name_en", ""), parent=parent,
            valid_from=valid_from, valid_to=valid_to,
            predecessors=tuple(p for p in row.get("predecessors", "").split(";") if p),
            legal_basis=row.get("legal_basis", ""), population=population, centre=centre,
        ))
    codes = {u.code for u in units}
    for number, unit in enumerate(units, start=2):
        for predecessor in unit.predecessors:
            if predecessor not in codes:
                errors.append(PackError("units.csv", seen.get(unit.code, number),
                                        f"predecessor {predecessor!r} is not a unit of the pack"))
    return units


def _read_boundaries(path: Path, codes: set[str], errors: list[PackError]) -> dict:
    try:
        with open(path, encoding="utf-8") as handle:
            features = json.load(handle).get("features") or []
    except (OSError, ValueError, AttributeError) as error:
        errors.append(PackError(path.name, 0, f"not a GeoJSON FeatureCollection: {error}"))
        return {}
    boundaries: dict[str, BaseGeometry] = {}
    for number, feature in enumerate(features, start=1):
        code = str((feature.get("properties") or {}).get("code") or "")
        if code not in codes:
            errors.append(PackError(path.name, number, f"feature code {code!r} is not a unit"))
            continue
        if code in boundaries:
            errors.append(PackError(path.name, number, f"a second feature for {code!r}"))
            continue
        try:
            boundaries[code], _note = repair(shape(feature["geometry"]))
        except (GeometryRefused, KeyError, TypeError, ValueError, AttributeError) as error:
            reason = getattr(error, "message", None) or f"unreadable geometry ({error})"
            errors.append(PackError(path.name, number, f"{code}: {reason}"))
    return boundaries


def _read_departments(path: Path, codes: set[str], errors: list[PackError]) -> list:
    rows: list[DepartmentRow] = []
    seen: set[str] = set()
    required = ("code", "name", "kind", "units")
    for number, row in enumerate(_rows(path, required, errors), start=2):
        before = len(errors)
        if not row["code"] or row["code"] in seen:
            errors.append(
                PackError(path.name, number, f"code {row['code']!r} is empty or repeated")
            )
        if row["kind"] not in DepartmentKind.values:
            errors.append(PackError(path.name, number, f"kind {row['kind']!r} is not one of "
                                    f"{', '.join(DepartmentKind.values)}"))
        units = tuple(u for u in row["units"].split(";") if u)
        for unit in units:
            if unit.removesuffix("+") not in codes:
                errors.append(PackError(path.name, number, f"unit {unit!r} is not in units.csv"))
        if row.get("email") and "@" not in row["email"]:
            errors.append(PackError(path.name, number, f"e-mail {row['email']!r} is not valid"))
        valid_to = _date(row.get("valid_to", ""), path.name, number, "valid_to", errors)
        seen.add(row["code"])
        if len(errors) == before:
            rows.append(DepartmentRow(row["code"], row["name"], row.get("name_en", ""),
                                      row["kind"], units, row.get("email", ""), valid_to))
    return rows


def _read_categories(path: Path, departments: list[DepartmentRow], errors: list) -> list[dict]:
    try:
        with open(path, encoding="utf-8") as handle:
            rows = json.load(handle)
        if not isinstance(rows, list):
            raise ValueError("expected a list of categories")
    except (OSError, ValueError) as error:
        errors.append(PackError(path.name, 0, f"cannot read: {error}"))
        return []
    known = {d.code for d in departments}
    for number, row in enumerate(rows, start=1):
        if not isinstance(row, dict) or not row.get("code") or not row.get("name"):
            errors.append(PackError(path.name, number, "a category needs a code and a name"))
            continue
        named = row.get("department") or []
        for code in [named] if isinstance(named, str) else named:
            if code not in known:
                errors.append(PackError(path.name, number,
                                        f"department {code!r} is not in departments.csv"))
        kind = row.get("department_kind")
        if kind and kind not in DepartmentKind.values:
            errors.append(PackError(path.name, number, f"department_kind {kind!r} is unknown"))
        for key in ("deadline_days", "deadline_hours"):
            value = row.get(key)
            if value is not None and (not isinstance(value, int) or value <= 0):
                errors.append(PackError(path.name, number, f"{key} must be a positive number"))
        minimum = row.get("description_min")
        if minimum is not None and (
            not isinstance(minimum, int) or isinstance(minimum, bool) or not 0 <= minimum <= 500
        ):
            errors.append(PackError(path.name, number,
                                    "description_min must be a whole number from 0 to 500"))
        if not isinstance(row.get("after_photo_required", False), bool):
            errors.append(PackError(path.name, number,
                                    "after_photo_required must be true or false"))
    return rows
