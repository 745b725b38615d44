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
import io
import tempfile
from collections.abc import Iterator
from itertools import islice

from django.http import FileResponse, StreamingHttpResponse
from django.utils import timezone
from django.utils.translation import gettext as _

from smartdistrict.core.downloads.services import Output, download_request
from smartdistrict.core.models import Download
from smartdistrict.environment import selectors
from smartdistrict.environment.models import Parameter, Station
from smartdistrict.environment.pages.period import Period
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
    handle = tempfile.TemporaryFile()  # noqa: SIM115 — FileResponse closes (and so removes) it
    write_xlsx(handle, station, parameters, start, end)
    handle.seek(0)
    return FileResponse(handle, as_attachment=True, filename=name, content_type=XLSX)


def write_csv(handle, station: Station, parameters: list[Parameter], start: dt.datetime,
              end: dt.datetime, progress=None) -> int:
    """The CSV of csv_response into a binary file; returns the number of rows."""
    text = io.TextIOWrapper(handle, encoding="utf-8", newline="", write_through=True)
    writer = csv.writer(text)
    text.write("\ufeff")
    writer.writerow(header(parameters))
    count = 0
    for row in rows(station, parameters, start, end):
        row[1] = row[1].isoformat(sep=" ")
        writer.writerow(["" if cell is None else cell for cell in row])
        count += 1
        if progress and count % CHUNK == 0:
            progress(row[1])
    text.detach()
    return count


def write_xlsx(handle, station: Station, parameters: list[Parameter], start: dt.datetime,
               end: dt.datetime, progress=None) -> int:
    """The workbook of a station's readings into ``handle``; returns the number of rows."""
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
    count = 0
    for row in rows(station, parameters, start, end):
        moment = WriteOnlyCell(sheet, value=row[1])
        moment.number_format = "yyyy-mm-dd hh:mm"
        sheet.append([row[0], moment, *row[2:]])
        count += 1
        if progress and count % CHUNK == 0:
            progress(row[1])
    workbook.save(handle)
    return count


def export_request(station: Station, period: Period, extension: str) -> Download:
    """A long export, built in the background; public data, so anyone with the link (and
    everyone asking for the same export) gets the same file."""
    return download_request(
        kind="environment-readings", builder="smartdistrict.environment.pages.exports.build",
        params={"station": station.code, "start": period.start_date.isoformat(),
                "end": period.end_date.isoformat(), "extension": extension},
        owner_id=None,
    )


def build(download: Download, output: Output) -> int:
    """The download's builder: progress follows the rows' dates through the period."""
    params = download.params
    station = selectors.station_by_code(params["station"])
    period = Period(dt.date.fromisoformat(params["start"]), dt.date.fromisoformat(params["end"]))
    parameters = [p for p in _parameters_of(station)]
    span = (period.end - period.start).total_seconds()

    def progress(moment) -> None:
        moment = dt.datetime.fromisoformat(str(moment)) if isinstance(moment, str) else moment
        done = (timezone.make_aware(moment) - period.start).total_seconds() / span
        output.progress(int(95 * done), _("Writing the rows"))

    name = filename(station, period.start_date, period.end_date, params["extension"])
    writer = write_csv if params["extension"] == "csv" else write_xlsx
    content_type = "text/csv; charset=utf-8" if params["extension"] == "csv" else XLSX
    with output.file(name, content_type) as handle:
        return writer(handle, station, parameters, period.start, period.end, progress)


def _parameters_of(station: Station) -> list[Parameter]:
    latest = selectors.latest_values(station_ids=[station.id])
    by_id = Parameter.objects.in_bulk([row.parameter_id for row in latest])
    return [by_id[row.parameter_id] for row in latest if row.parameter_id in by_id]
