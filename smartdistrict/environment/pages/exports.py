"""A station's readings over a period as a table, exported as CSV or Excel, streamed.

One row per instant, one column per parameter ("DO (mg/L)"), then VN_WQI where the row
has enough data. Times are local (Asia/Ho_Chi_Minh). Rows are read from one query in
chunks and the index is computed per chunk (vectorised), so memory stays flat however
long the period. CSV streams as it is written; Excel is written by openpyxl's write-only
workbook to a temporary file, then streamed from it.
"""

from __future__ import annotations

import csv
import datetime as dt
import tempfile
from collections.abc import Iterator
from itertools import islice

from django.http import FileResponse, StreamingHttpResponse
from django.utils import timezone
from django.utils.translation import gettext as _

from smartdistrict.environment.models import Parameter, Station
from smartdistrict.environment.pages.queries import table_rows, wqi_of_rows

CHUNK = 2000
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def header(parameters: list[Parameter]) -> list[str]:
    columns = [_("station"), _("time (Asia/Ho_Chi_Minh)")]
    columns += [f"{p.code} ({p.unit})" if p.unit else p.code for p in parameters]
    columns.append("VN_WQI")
    return columns


def rows(station: Station, parameters: list[Parameter], start: dt.datetime,
         end: dt.datetime) -> Iterator[list]:
    """Data rows: [station code, local naive datetime, value or None…, VN_WQI or None]."""
    codes = {p.id: p.code for p in parameters}
    stream = table_rows(station, parameters, start, end, chunk=CHUNK)
    while True:
        block = list(islice(stream, CHUNK))
        if not block:
            return
        index = wqi_of_rows(block, codes)
        for (observed_at, cells), wqi in zip(block, index, strict=True):
            local = timezone.localtime(observed_at).replace(tzinfo=None)
            values = [cells[p.id][0] if p.id in cells else None for p in parameters]
            yield [station.code, local, *values, int(wqi) if wqi >= 0 else None]


def filename(station: Station, start_date: dt.date, end_date: dt.date, extension: str) -> str:
    return f"{station.code}_{start_date:%Y-%m-%d}_{end_date:%Y-%m-%d}.{extension}"


class _Echo:
    def write(self, value: str) -> str:
        return value


def csv_response(station: Station, parameters: list[Parameter], start: dt.datetime,
                 end: dt.datetime, name: str) -> StreamingHttpResponse:
    writer = csv.writer(_Echo())

    def lines() -> Iterator[str]:
        yield "\ufeff" + writer.writerow(header(parameters))  # BOM: Excel reads UTF-8
        for row in rows(station, parameters, start, end):
            row[1] = row[1].isoformat(sep=" ")
            yield writer.writerow(["" if cell is None else cell for cell in row])

    response = StreamingHttpResponse(lines(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


def xlsx_response(station: Station, parameters: list[Parameter], start: dt.datetime,
                  end: dt.datetime, name: str) -> FileResponse:
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Font

    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(title=station.code[:31])
    sheet.freeze_panes = "C2"
    sheet.column_dimensions["B"].width = 19
    bold = Font(bold=True)
    titles = []
    for text in header(parameters):
        cell = WriteOnlyCell(sheet, value=text)
        cell.font = bold
        titles.append(cell)
    sheet.append(titles)
    for row in rows(station, parameters, start, end):
        moment = WriteOnlyCell(sheet, value=row[1])
        moment.number_format = "yyyy-mm-dd hh:mm"
        sheet.append([row[0], moment, *row[2:]])
    handle = tempfile.TemporaryFile()  # noqa: SIM115 — FileResponse closes (and so removes) it
    workbook.save(handle)
    handle.seek(0)
    return FileResponse(handle, as_attachment=True, filename=name, content_type=XLSX)
