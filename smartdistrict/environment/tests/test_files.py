"""Laboratory files: wide and long layouts, Vietnamese headers, dry run, line numbers."""

from __future__ import annotations

import datetime as dt
import io

import openpyxl
import pytest
from django.core.management import call_command

from smartdistrict.environment.ingestion.registry import get_source
from smartdistrict.environment.models import Reading
from smartdistrict.environment.services.parsing import time_zone

pytestmark = pytest.mark.django_db

HCM = time_zone("Asia/Ho_Chi_Minh")

# Issue 6, acceptance 3: good and bad rows mixed; line numbers are the file's.
MIXED_CSV = """\
Trạm,Thời điểm,pH,DO (mg/L),BOD5,N-NH4,Ghi chú
VT-01,2026-11-02T08:30:00+07:00,7.1,"4,2",12,0.9,
VT-01,2026-11-03T08:30:00+07:00,6.9,3.8,NaN,1.2,BOD5 hỏng mẫu
ZZ-99,2026-11-03T08:30:00+07:00,7.0,4.0,10,0.8,
VT-01,2026-11-04 08:30,7.2,4.1,9,0.7,
VT-01,,7.0,4.0,10,0.8,
VT-01,2026-11-05T08:30:00+07:00,15.5,<0.5,11,0.6,
"""


def ingest_file(name: str, data: bytes, **options):
    return get_source("file").ingest((name, data), **options)


def test_a_mixed_csv_stores_the_good_values_and_reports_each_bad_one(other_station):
    result = ingest_file("lab.csv", MIXED_CSV.encode("utf-8"))
    assert sorted((r.line, r.code) for r in result.rejected) == [
        (3, "not_a_number"),                 # BOD5 "NaN"
        *[(4, "unknown_station")] * 4,       # ZZ-99: each of its four values
        *[(5, "naive_time")] * 4,            # no zone, and none stated for the file
        (6, "missing_field"),                # no time at all: the row as a whole
        (7, "censored_value"),               # DO "<0.5"
    ]
    assert sorted(r.line for r in result.rejected) == [3, 4, 4, 4, 4, 5, 5, 5, 5, 6, 7]
    assert [(f.line, f.parameter_code, f.quality) for f in result.flagged] == [
        (7, "pH", "out_of_range")]
    assert result.stored == 4 + 3 + 3  # line 2 whole, line 3 less BOD5, line 7 less DO
    assert result.ignored == ["Ghi chú"]
    stored = Reading.objects.filter(station=other_station)
    assert stored.count() == 10
    do = stored.get(parameter__code="DO", observed_at=dt.datetime(2026, 11, 2, 1, 30,
                                                                   tzinfo=dt.UTC))
    assert do.value == 4.2 and do.source == "file"
    assert all(r.message for r in result.rejected)


def test_a_dry_run_previews_and_a_commit_stores(other_station):
    data = MIXED_CSV.encode("utf-8")
    preview = ingest_file("lab.csv", data, dry_run=True)
    assert Reading.objects.count() == 0 and preview.stored == 10
    assert preview.as_dict(preview_limit=3)["readings_truncated"] is True
    committed = ingest_file("lab.csv", data)
    assert committed.stored == 10 and Reading.objects.count() == 10
    again = ingest_file("lab.csv", data)
    assert again.stored == 0 and again.duplicates == 10


def test_a_stated_zone_applies_to_times_without_one(other_station):
    result = ingest_file("lab.csv", MIXED_CSV.encode("utf-8"), default_tz=HCM)
    assert result.stored == 14
    assert Reading.objects.filter(
        observed_at=dt.datetime(2026, 11, 4, 1, 30, tzinfo=dt.UTC)).count() == 4


def test_the_long_layout_with_english_headers_semicolons_and_a_bom(other_station):
    text = ("\ufeffstation;parameter;observed_at;value;unit\n"
            "VT-01;DO;2026-11-02T08:30:00+07:00;4,2;mg/L\n"
            "VT-01;Amoni;2026-11-02T08:30:00+07:00;0.9;mg/l\n"
            "VT-01;Coliform;2026-11-02T08:30:00+07:00;4600;MPN/100mL\n"
            "VT-01;DO;2026-11-02T08:30:00+07:00;4.2;°C\n")
    result = ingest_file("long.csv", text.encode("utf-8"))
    assert result.stored == 3
    assert [(r.line, r.code) for r in result.rejected] == [(5, "unit_mismatch")]


def test_an_excel_file_with_a_title_row_and_local_dates(other_station):
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["KẾT QUẢ QUAN TRẮC CHẤT LƯỢNG NƯỚC MẶT – THÁNG 11/2026"])
    sheet.append(["STT", "Mã trạm", "Thời gian lấy mẫu", "pH", "Oxy hòa tan", "COD"])
    sheet.append([1, "VT-01", dt.datetime(2026, 11, 2, 8, 30), 7.1, 4.2, 18])
    sheet.append([2, "VT-01", dt.datetime(2026, 11, 3, 8, 30), 7.0, None, "abc"])
    buffer = io.BytesIO()
    book.save(buffer)
    naive = ingest_file("ket-qua.xlsx", buffer.getvalue(), dry_run=True)
    assert {r.code for r in naive.rejected} == {"naive_time", "not_a_number"}
    result = ingest_file("ket-qua.xlsx", buffer.getvalue(), default_tz=HCM)
    assert result.stored == 4 and [(r.line, r.code) for r in result.rejected] == [
        (4, "not_a_number")]
    assert result.ignored == ["STT"]
    assert Reading.objects.filter(
        observed_at=dt.datetime(2026, 11, 2, 1, 30, tzinfo=dt.UTC)).count() == 3


def test_a_file_without_a_usable_header_is_refused(other_station):
    from smartdistrict.core.errors import InvalidInput

    with pytest.raises(InvalidInput) as error:
        ingest_file("x.csv", b"a,b,c\n1,2,3\n")
    assert error.value.code == "no_header"
    with pytest.raises(InvalidInput) as error:
        ingest_file("x.pdf", b"%PDF-1.4")
    assert error.value.code == "unsupported_file"


def test_the_command_is_a_dry_run_unless_commit(other_station, tmp_path):
    path = tmp_path / "lab.csv"
    path.write_text(MIXED_CSV, encoding="utf-8")
    out = io.StringIO()
    call_command("import_readings", str(path), stdout=out)
    assert "would store 10" in out.getvalue() and "line 4: unknown_station" in out.getvalue()
    assert Reading.objects.count() == 0
    out = io.StringIO()
    call_command("import_readings", str(path), "--commit", "--timezone", "Asia/Ho_Chi_Minh",
                 stdout=out)
    assert "stored 14" in out.getvalue() and Reading.objects.count() == 14


def test_the_upload_endpoint_defaults_to_a_dry_run(client, other_station, provider_token,
                                                   django_user_model):
    url = "/api/v1/environment/readings/import"
    upload = io.BytesIO(MIXED_CSV.encode("utf-8"))
    upload.name = "lab.csv"
    assert client.post(url, {"file": upload}).status_code == 401
    staff = django_user_model.objects.get(username="canbo.binhquoi")
    client.force_login(staff)
    upload.seek(0)
    preview = client.post(url, {"file": upload}).json()
    assert preview["dry_run"] is True and preview["stored"] == 10
    assert preview["readings"][0] == {
        "index": 0, "line": 2, "station": "VT-01", "parameter": "pH",
        "observed_at": "2026-11-02T01:30:00+00:00", "value": 7.1, "unit": "", "quality": "ok"}
    assert {"line": 4, "code": "unknown_station"}.items() <= preview["rejected"][3].items()
    assert Reading.objects.count() == 0
    upload.seek(0)
    stored = client.post(url, {"file": upload, "dry_run": "false",
                               "timezone": "Asia/Ho_Chi_Minh"}).json()
    assert stored["stored"] == 14 and Reading.objects.count() == 14
    upload.seek(0)
    bad_zone = client.post(url, {"file": upload, "timezone": "Mars/Olympus"})
    assert bad_zone.status_code == 400 and bad_zone.json()["field"] == "timezone"
