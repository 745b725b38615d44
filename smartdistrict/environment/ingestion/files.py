"""Laboratory results in CSV or Excel (.xlsx), the usual way manual samples arrive.

Two layouts, told apart by the header row:
- wide: one row per sample — station, time, then one column per parameter
  ("Trạm, Thời điểm, pH, DO (mg/L), BOD5, …"); a unit in brackets after a parameter is used;
- long: one row per value — station, parameter, time, value and optionally unit.

Headers are matched without case or accents, in English or Vietnamese ("Trạm", "Mã trạm",
"Thời điểm", "Thời gian lấy mẫu", "Chỉ tiêu", "Giá trị", "Đơn vị"); parameter columns by
code or other name (parameters.aliases). The header is the first of the first ten rows
that names a station and a time; rows above it (a title) are skipped. Line numbers in the
answer are the file's (CSV line, spreadsheet row). Empty cells of the wide layout are not
readings. Columns that are neither known fields nor parameters are ignored and named.
"""

from __future__ import annotations

import csv
import io
import re
from pathlib import PurePath
from typing import Any

from django.utils.translation import gettext as _

from smartdistrict.core.errors import InvalidInput
from smartdistrict.core.text import fold
from smartdistrict.environment.ingestion.base import Decoded, Source
from smartdistrict.environment.services.ingest import catalogue_load
from smartdistrict.environment.services.parsing import Catalogue, rejection

MAX_BYTES = 10 * 1024 * 1024
HEADER_SEARCH_ROWS = 10

# Folded header → field.
FIELD_HEADERS = {
    "station": {"station", "station code", "tram", "ma tram", "tram quan trac",
                "diem quan trac", "ma diem", "vi tri quan trac"},
    "observed_at": {"observed at", "observed_at", "time", "datetime", "date", "sampled at",
                    "thoi diem", "thoi gian", "ngay gio", "ngay lay mau", "thoi gian lay mau",
                    "thoi diem lay mau", "thoi diem quan trac"},
    "parameter": {"parameter", "chi tieu", "thong so"},
    "value": {"value", "gia tri", "ket qua"},
    "unit": {"unit", "don vi", "don vi tinh", "dvt"},
    "quality": {"quality", "chat luong du lieu"},
}
_HEADER_FIELD = {name: field for field, names in FIELD_HEADERS.items() for name in names}
_UNIT_SUFFIX = re.compile(r"^(.*?)\s*[\(\[]([^\)\]]*)[\)\]]\s*$")


def _header_key(text: str) -> str:
    return fold(str(text)).replace("_", " ").strip(" :")


def _table_csv(data: bytes) -> list[tuple[int, list[Any]]]:
    """(line, cells) of a CSV in UTF-8 (with or without BOM) or Windows-1258, with , ; or tab."""
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = data.decode("cp1258", errors="replace")
    first = text.split("\n", 1)[0]
    delimiter = max((",", ";", "\t"), key=first.count)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    rows = []
    for cells in reader:
        rows.append((reader.line_num, cells))
    return rows


def _table_xlsx(data: bytes) -> list[tuple[int, list[Any]]]:
    """(row number, cells) of the first sheet; dates come as datetimes, numbers as numbers."""
    import openpyxl

    try:
        book = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception as error:  # zipfile/openpyxl raise many kinds for a broken file
        raise InvalidInput(_("This Excel file cannot be read."), field="file",
                           code="unreadable_file") from error
    try:
        sheet = book.worksheets[0]
        return [(number, list(cells)) for number, cells in
                enumerate(sheet.iter_rows(values_only=True), start=1)]
    finally:
        book.close()


def read_table(filename: str, data: bytes) -> list[tuple[int, list[Any]]]:
    if len(data) > MAX_BYTES:
        raise InvalidInput(_("The file is larger than 10 MB."), field="file", code="file_too_large")
    suffix = PurePath(filename or "").suffix.lower()
    if suffix in (".xlsx", ".xlsm") or data[:4] == b"PK\x03\x04":
        return _table_xlsx(data)
    if suffix in ("", ".csv", ".txt", ".tsv"):
        return _table_csv(data)
    raise InvalidInput(_("Upload a CSV or an Excel (.xlsx) file."), field="file",
                       code="unsupported_file")


def _blank(value: Any) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


class _Columns:
    """What each column of the header row holds."""

    def __init__(self, header: list[Any], catalogue: Catalogue):
        self.fields: dict[str, int] = {}
        self.parameters: list[tuple[int, str, str]] = []  # (column, parameter code, unit)
        self.ignored: list[str] = []
        for column, cell in enumerate(header):
            if _blank(cell):
                continue
            text = str(cell).strip()
            field = _HEADER_FIELD.get(_header_key(text))
            if field is not None:
                self.fields.setdefault(field, column)
                continue
            parameter, unit = catalogue.parameter(text), ""
            match = _UNIT_SUFFIX.match(text)
            if parameter is None and match:
                parameter, unit = catalogue.parameter(match.group(1)), match.group(2).strip()
            if parameter is not None:
                self.parameters.append((column, parameter.code, unit))
            else:
                self.ignored.append(text)

    @property
    def long(self) -> bool:
        return "parameter" in self.fields and "value" in self.fields

    def usable(self) -> bool:
        return ("station" in self.fields and "observed_at" in self.fields
                and (self.long or bool(self.parameters)))


def _cell(cells: list[Any], column: int | None) -> Any:
    if column is None or column >= len(cells):
        return None
    value = cells[column]
    return value.strip() if isinstance(value, str) else value


def decode_table(table: list[tuple[int, list[Any]]], catalogue: Catalogue) -> Decoded:
    """Rows of a table (after its header) as raw readings with their line numbers."""
    columns = None
    for position, (_line, cells) in enumerate(table[:HEADER_SEARCH_ROWS]):
        candidate = _Columns(cells, catalogue)
        if candidate.usable():
            columns, table = candidate, table[position + 1 :]
            break
    if columns is None:
        raise InvalidInput(
            _("No header row found: the file needs columns for the station (Trạm), the time "
              "(Thời điểm) and either one column per parameter or Parameter and Value "
              "columns."),
            field="file", code="no_header",
        )
    decoded = Decoded()
    decoded.lines = []
    fields = columns.fields
    for line, cells in table:
        if all(_blank(c) for c in cells):
            continue
        base = {"station": _cell(cells, fields.get("station")),
                "observed_at": _cell(cells, fields.get("observed_at")),
                "quality": _cell(cells, fields.get("quality"))}
        if columns.long:
            decoded.rows.append({**base, "parameter": _cell(cells, fields["parameter"]),
                                 "value": _cell(cells, fields["value"]),
                                 "unit": _cell(cells, fields.get("unit"))})
            decoded.lines.append(line)
            continue
        missing = next((f for f in ("station", "observed_at") if _blank(base[f])), None)
        if missing:
            decoded.rejected.append(rejection(line, "missing_field", line=line, field=missing))
            continue
        for column, code, unit in columns.parameters:
            value = _cell(cells, column)
            if not _blank(value):
                decoded.rows.append({**base, "parameter": code, "value": value, "unit": unit})
                decoded.lines.append(line)
    decoded.received = len(decoded.rows) + len(decoded.rejected)
    decoded.ignored = columns.ignored
    return decoded


class FileSource(Source):
    """Payload: (filename, bytes) of a CSV or .xlsx file."""

    name = "file"
    label = "CSV / Excel laboratory results"

    def decode(self, payload: Any, **options: Any) -> Decoded:
        filename, data = payload
        return decode_table(read_table(filename, data), catalogue_load())
