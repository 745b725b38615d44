"""Excel export of 100,000 indicators, streamed: time, and memory flat in the row count.

The export (smartdistrict.targets.workbook.writer) reads indicators in chunks and writes
with openpyxl's write-only mode. "Flat" is shown by the peak of Python allocations
(tracemalloc) for a tenth of the rows and for all of them; the baseline is the same rows
written through an ordinary (in-memory) openpyxl workbook, in the same run.
"""

from __future__ import annotations

import datetime as dt
import tempfile
import time
import tracemalloc

from openpyxl import Workbook

from benchmarks.report import Figure
from smartdistrict.targets.models import Indicator, Measurement
from smartdistrict.targets.workbook import writer

ROWS = 100_000
SMALL = 10_000
YEARS = range(2021, 2025)  # four yearly actuals per indicator
PREFIX = "BENCH-"
BATCH = 5_000


def _populate(count: int) -> None:
    """``count`` indicators with a yearly actual for each of YEARS (bulk inserts)."""
    for start in range(0, count, BATCH):
        indicators = Indicator.objects.bulk_create([
            Indicator(
                code=f"{PREFIX}{n:06d}", name=f"Chỉ tiêu đo hiệu năng số {n}", unit="%",
                direction="higher", baseline_value=50.0 + n % 7, baseline_year=2020,
                target_value=80.0 + n % 11, target_year=2025, position=1000 + n,
            )
            for n in range(start, min(start + BATCH, count))
        ])
        Measurement.objects.bulk_create([
            Measurement(
                indicator=indicator, period_label=str(year), period_start=dt.date(year, 1, 1),
                period_end=dt.date(year, 12, 31), actual=55.0 + (year - 2020) * 1.5,
            )
            for indicator in indicators
            for year in YEARS
        ])


def _bench_rows():
    return Indicator.objects.filter(code__startswith=PREFIX)


def _streamed(count: int) -> tuple[float, int, int]:
    """Seconds, peak traced bytes and file size of the streamed export of ``count`` rows."""
    subset = _bench_rows().filter(code__lt=f"{PREFIX}{count:06d}")
    with tempfile.TemporaryFile() as handle:  # on disk: the file is not the rows' memory
        started = time.perf_counter()
        writer.write_workbook(handle, subset, language="vi")
        seconds = time.perf_counter() - started
        size = handle.tell()
    with tempfile.TemporaryFile() as handle:
        tracemalloc.start()
        writer.write_workbook(handle, subset, language="vi")
        peak = tracemalloc.get_traced_memory()[1]
        tracemalloc.stop()
    return seconds, peak, size


def _in_memory(count: int) -> int:
    """Peak traced bytes of the same rows through an ordinary openpyxl workbook."""
    indicators = _bench_rows()
    years = writer.year_columns(indicators)
    tracemalloc.start()
    workbook = Workbook()
    sheet = workbook.active
    for n, row in enumerate(writer.indicator_rows(indicators, years)):
        if n >= count:
            break
        sheet.append(row)
    with tempfile.TemporaryFile() as handle:
        workbook.save(handle)
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    return peak


def run() -> list[Figure]:
    _populate(ROWS)
    try:
        small_seconds, small_peak, _size = _streamed(SMALL)
        seconds, peak, size = _streamed(ROWS)
        baseline_peak = _in_memory(ROWS)
    finally:
        Measurement.objects.filter(indicator__code__startswith=PREFIX).delete()
        _bench_rows().delete()
    mib = 1024 * 1024
    return [
        Figure(
            name="Targets workbook export, 100,000 indicators (streamed)",
            value=f"{seconds:.1f} s ({ROWS / seconds:,.0f} rows/s), peak Python memory "
            f"{peak / mib:.1f} MiB for {ROWS:,} rows vs {small_peak / mib:.1f} MiB for "
            f"{SMALL:,} ({small_seconds:.1f} s)",
            goal="streamed, memory flat in the number of rows",
            baseline=f"ordinary openpyxl workbook, same rows: peak {baseline_peak / mib:.0f} MiB",
            how=f"`write_workbook` (write-only sheet, indicators read 2,000 at a time with their "
            f"yearly figures) to a temporary file, {len(YEARS)} yearly actuals per indicator, "
            f"{size / mib:.1f} MiB .xlsx; peaks by tracemalloc in a second pass",
        )
    ]
