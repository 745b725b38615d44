"""A station's charts (SVG with the QCVN limits) and its table exports (CSV, Excel)."""

from __future__ import annotations

import datetime as dt
import io

import numpy as np
import pytest
from django.utils import timezone

from smartdistrict.environment.pages.charts import MAX_POINTS, _reduce, qcvn_lines
from smartdistrict.environment.services.ingest import readings_ingest
from smartdistrict.environment.tests.test_pages import DAY, POOR, TODAY, sample

pytestmark = pytest.mark.django_db

CLEAN = {"pH": 7.0, "DO": 6.7, "temperature": 29.5, "BOD5": 4, "COD": 10, "N-NH4": 0.3,
         "Coliform": 2500}
PERIOD = f"start={TODAY - dt.timedelta(days=9):%Y-%m-%d}&end={TODAY:%Y-%m-%d}"


@pytest.fixture
def samples(other_station):
    sample("VT-01", CLEAN, at=DAY - dt.timedelta(days=1))  # VN_WQI 100
    sample("VT-01", POOR)  # VN_WQI 10
    readings_ingest(rows=[{"station": "VT-01", "parameter": "turbidity",
                           "observed_at": DAY + dt.timedelta(hours=1), "value": 55}],
                    source="file")  # an instant with a parameter the index does not use
    return other_station


def test_a_parameter_chart_is_svg_with_the_qcvn_class_bounds(client, samples):
    response = client.get(f"/environment/stations/VT-01/charts/BOD5.svg?{PERIOD}")
    assert response.status_code == 200
    assert response["Content-Type"] == "image/svg+xml"
    svg = response.content.decode()
    assert svg.lstrip().startswith("<?xml") and "<svg" in svg
    # BOD5 classes A ≤ 4, B ≤ 6, C ≤ 10 drawn as labelled lines; text stays text.
    assert "QCVN 08 A: 4" in svg and "QCVN 08 B: 6" in svg and "QCVN 08 C: 10" in svg
    assert client.get(f"/environment/stations/VT-01/charts/BOD5.svg?{PERIOD}").content == \
        response.content  # deterministic
    assert "Content-Security-Policy" not in response  # an image, not a page


def test_two_sided_and_lower_bounds_are_labelled_once_per_value():
    assert qcvn_lines("pH") == [(6.0, "B/C"), (6.5, "A"), (8.5, "A/B/C")]
    assert qcvn_lines("DO") == [(4.0, "C"), (5.0, "B"), (6.0, "A")]
    assert qcvn_lines("turbidity") == []


def test_the_wqi_chart_and_an_empty_period(client, samples):
    response = client.get(f"/environment/stations/VT-01/wqi.svg?{PERIOD}",
                          HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 200 and response["Content-Type"] == "image/svg+xml"
    empty = client.get("/environment/stations/VT-01/wqi.svg?start=2020-01-01&end=2020-01-05",
                       HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "VN_WQI could not be computed in this period" in empty
    none = client.get("/environment/stations/VT-01/charts/DO.svg?start=2020-01-01"
                      "&end=2020-01-05", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "No readings in this period." in none


def test_a_bad_period_is_a_400_for_charts_and_exports(client, samples):
    for url in ("/environment/stations/VT-01/wqi.svg", "/environment/stations/VT-01/export.csv",
                "/environment/stations/VT-01/charts/DO.svg"):
        response = client.get(f"{url}?start=2026-02-01&end=2026-01-01")
        assert response.status_code == 400
    assert client.get(f"/environment/stations/VT-01/charts/NOPE.svg?{PERIOD}").status_code \
        == 404
    assert client.get("/environment/stations/VT-01/export.pdf").status_code == 404


def test_long_series_are_reduced_to_bins_with_their_range():
    times = np.arange(np.datetime64("2026-01-01T00:00:00"), np.datetime64("2026-03-01"),
                      np.timedelta64(5, "m"))
    values = np.sin(np.arange(len(times)) / 50.0)
    x, mean, low, high = _reduce(times, values)
    assert len(x) <= MAX_POINTS and len(x) == len(mean) == len(low) == len(high)
    assert np.all(low <= mean) and np.all(mean <= high)
    assert low.min() == values.min() and high.max() == values.max()
    short = _reduce(times[:100], values[:100])
    assert short[2] is None and len(short[0]) == 100


def test_the_csv_export_has_one_row_per_instant_and_the_index(client, samples):
    response = client.get(f"/environment/stations/VT-01/export.csv?{PERIOD}",
                          HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    name = f"VT-01_{TODAY - dt.timedelta(days=9):%Y-%m-%d}_{TODAY:%Y-%m-%d}.csv"
    assert response["Content-Disposition"] == f'attachment; filename="{name}"'
    text = b"".join(response.streaming_content).decode("utf-8")
    assert text.startswith("\ufeff")
    lines = text.lstrip("\ufeff").splitlines()
    header = lines[0].split(",")
    assert header[:2] == ["station", "time (Asia/Ho_Chi_Minh)"] and header[-1] == "VN_WQI"
    assert "BOD5 (mg/L)" in header and "turbidity (NTU)" in header
    assert len(lines) == 4  # header, the clean sample, the poor one, the turbidity reading
    rows = [line.split(",") for line in lines[1:]]
    day_before = timezone.localtime(DAY - dt.timedelta(days=1)).replace(tzinfo=None)
    assert rows[0][1] == day_before.isoformat(sep=" ")
    assert [row[-1] for row in rows] == ["100", "10", ""]
    bod = header.index("BOD5 (mg/L)")
    assert rows[0][bod] == "4.0" and rows[1][bod] == "60.0" and rows[2][bod] == ""


def test_the_excel_export_is_a_workbook_with_the_same_table(client, samples):
    from openpyxl import load_workbook

    response = client.get(f"/environment/stations/VT-01/export.xlsx?{PERIOD}")
    assert response.status_code == 200
    assert response["Content-Type"].startswith(
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
    assert "attachment" in response["Content-Disposition"]
    workbook = load_workbook(io.BytesIO(b"".join(response.streaming_content)), read_only=True)
    rows = list(workbook["VT-01"].iter_rows(values_only=True))
    assert len(rows) == 4 and rows[0][-1] == "VN_WQI"
    width = len(rows[0])
    rows = [row + (None,) * (width - len(row)) for row in rows]  # empty trailing cells
    assert rows[1][0] == "VT-01" and isinstance(rows[1][1], dt.datetime)
    assert rows[1][1] == timezone.localtime(DAY - dt.timedelta(days=1)).replace(tzinfo=None)
    assert [row[-1] for row in rows[1:]] == [100, 10, None]


@pytest.mark.parametrize("extension", ["csv", "xlsx"])
def test_a_long_export_is_built_in_the_background_with_the_same_content(client, samples,
                                                                        settings, extension):
    """Past ENVIRONMENT_EXPORT_INLINE_DAYS the export is a download page, then the same
    file from the shared private storage; the same public export is built once."""
    from django.test import TestCase

    from smartdistrict.core.models import Download
    from smartdistrict.core.tests import downloads

    url = f"/environment/stations/VT-01/export.{extension}?{PERIOD}"
    inline = b"".join(client.get(url, HTTP_ACCEPT_LANGUAGE="en").streaming_content)
    settings.ENVIRONMENT_EXPORT_INLINE_DAYS = 3
    name, content = downloads.fetch(client, url, {})
    assert name == f"VT-01_{TODAY - dt.timedelta(days=9):%Y-%m-%d}_{TODAY:%Y-%m-%d}.{extension}"
    if extension == "csv":
        assert content.decode("utf-8").splitlines()[1:] == \
            inline.decode("utf-8").splitlines()[1:]
    else:
        from openpyxl import load_workbook

        def table(data):
            return list(load_workbook(io.BytesIO(data), read_only=True)["VT-01"]
                        .iter_rows(values_only=True))[1:]

        assert table(content) == table(inline)
    with TestCase.captureOnCommitCallbacks(execute=True):
        again = client.get(url)
    assert again.status_code == 302 and Download.objects.count() == 1
