"""Reading an indicators workbook into rows: each parsed, or rejected with its reasons.

Nothing here touches the database: ``plan.py`` compares the rows with what is stored.
"""

from __future__ import annotations

import zipfile
from dataclasses import dataclass, field
from typing import IO

from django.utils.translation import get_language
from django.utils.translation import gettext as _
from openpyxl import load_workbook
from openpyxl.utils.exceptions import InvalidFileException

from smartdistrict.core.errors import DomainError, InvalidInput
from smartdistrict.core.text import fold
from smartdistrict.targets import values as parse
from smartdistrict.targets.workbook.layout import (
    COLUMNS,
    REQUIRED,
    Column,
    YearColumn,
    match_header,
)

# The header is looked for in the first rows (officials put a title above the table).
HEADER_SEARCH_ROWS = 20
# A workbook of indicators is small; a larger one is a mistake (or a wrong file).
MAX_ROWS = 20_000
SHEET_NAMES = {"chi tieu", "indicators"}


class WorkbookError(InvalidInput):
    """The file as a whole cannot be read: nothing is imported."""

    code = "workbook_invalid"


@dataclass
class ParsedRow:
    row: int  # the row number in the sheet, as Excel shows it
    code: str
    cells: dict[str, object] = field(default_factory=dict)  # column key → parsed value
    actuals: dict[int, float] = field(default_factory=dict)
    planned: dict[int, float] = field(default_factory=dict)
    problems: list[str] = field(default_factory=list)


@dataclass
class Sheet:
    name: str
    header_row: int
    columns: dict[int, Column | YearColumn]  # position → column
    ignored: list[str]  # headers not understood
    rows: list[ParsedRow]

    def has(self, key: str) -> bool:
        return any(isinstance(c, Column) and c.key == key for c in self.columns.values())


def _blank(value: object) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def _text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


def _parse_cell(column: Column, value: object) -> object:
    """The value of one known column (raises InvalidInput with the reason)."""
    if column.key in {"baseline_value", "target_value"}:
        return parse.parse_number(value)
    if column.key in {"baseline_year", "target_year"}:
        return parse.parse_year(value)
    if column.key == "direction":
        return parse.parse_direction(value)
    if column.key == "periodicity":
        return parse.parse_periodicity(value)
    if column.key == "kind":
        return parse.parse_kind(value)
    if column.key == "illustrative":
        return parse.parse_flag(value)
    return _text(value)


def _header(
    worksheet_rows: list[tuple[int, tuple]],
) -> tuple[int, dict[int, Column | YearColumn], list]:
    for number, cells in worksheet_rows:
        if number > HEADER_SEARCH_ROWS:
            break
        matched = {i: match_header(v) for i, v in enumerate(cells)}
        if any(isinstance(c, Column) and c.key == "code" for c in matched.values()):
            columns = {i: c for i, c in matched.items() if c is not None}
            ignored = [_text(v) for i, v in enumerate(cells) if matched[i] is None and not
                       _blank(v)]
            return number, columns, ignored
    raise WorkbookError(
        _("No header row found: the first %(rows)s rows have no “Mã” (code) column.")
        % {"rows": HEADER_SEARCH_ROWS}
    )


def _check_columns(columns: dict[int, Column | YearColumn]) -> None:
    seen: dict[object, int] = {}
    for position, column in columns.items():
        key = column.key if isinstance(column, Column) else (column.year, column.planned)
        if key in seen:
            name = column.vi if isinstance(column, Column) else str(column.header("vi"))
            raise WorkbookError(
                _("The column “%(name)s” appears twice.") % {"name": name}
            )
        seen[key] = position
    present = {c.key for c in columns.values() if isinstance(c, Column)}
    missing = [c.vi for c in REQUIRED if c.key not in present]
    if missing:
        raise WorkbookError(
            _("Required columns are missing: %(names)s.") % {"names": ", ".join(missing)}
        )


def _parse_row(number: int, cells: tuple, columns: dict[int, Column | YearColumn]) -> ParsedRow:
    language = get_language() or "vi"
    row = ParsedRow(row=number, code="")
    for position, column in sorted(columns.items()):
        value = cells[position] if position < len(cells) else None
        if isinstance(column, YearColumn):
            if _blank(value):
                continue
            try:
                number_value = parse.parse_number(value)
            except DomainError as error:
                row.problems.append(f"{column.header(language)}: {error.message}")
                continue
            (row.planned if column.planned else row.actuals)[column.year] = number_value
            continue
        if column.required and _blank(value):
            row.problems.append(
                _("%(column)s: this cell is required.") % {"column": column.header(language)}
            )
            continue
        try:
            row.cells[column.key] = _parse_cell(column, value)
        except DomainError as error:
            row.problems.append(f"{column.header(language)}: {error.message}")
    code_position = _position(columns, "code")
    row.code = _text(cells[code_position]) if code_position < len(cells) else ""
    return row


def _position(columns: dict[int, Column | YearColumn], key: str) -> int:
    return next(i for i, c in columns.items() if isinstance(c, Column) and c.key == key)


def read_sheet(source: str | IO[bytes]) -> Sheet:
    """The indicators sheet of an .xlsx file: its columns and its non-empty rows.

    Raises WorkbookError when the file cannot be used at all (not a workbook, no header,
    a required column missing, a column twice, too many rows).
    """
    try:
        workbook = load_workbook(source, read_only=True, data_only=True)
    except (InvalidFileException, zipfile.BadZipFile, KeyError, OSError, ValueError):
        raise WorkbookError(_("This file is not an Excel workbook (.xlsx).")) from None
    try:
        sheet = next(
            (ws for ws in workbook.worksheets if fold(ws.title) in SHEET_NAMES),
            workbook.worksheets[0],
        )
        rows: list[tuple[int, tuple]] = []  # (row number, cells) of the non-empty rows
        for number, cells in enumerate(sheet.iter_rows(values_only=True), start=1):
            if all(_blank(v) for v in cells):
                continue
            rows.append((number, cells))
            if len(rows) > MAX_ROWS + HEADER_SEARCH_ROWS:
                raise WorkbookError(
                    _("The sheet has more than %(rows)s rows.") % {"rows": MAX_ROWS}
                )
    finally:
        workbook.close()
    header_row, columns, ignored = _header(rows)
    _check_columns(columns)
    parsed = [_parse_row(number, cells, columns) for number, cells in rows if number > header_row]
    return Sheet(sheet.title, header_row, columns, ignored, parsed)


__all__ = ["COLUMNS", "ParsedRow", "Sheet", "WorkbookError", "read_sheet"]
