"""Loading the catalogue: a dry run writes nothing, a commit writes, a second commit
changes nothing, and every faulty row is listed with nothing written."""

from __future__ import annotations

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.utils import translation
from openpyxl import Workbook

from smartdistrict.survey.catalogue import CatalogueInvalid, catalogue_load
from smartdistrict.survey.models import CivilServant, Counter, Procedure, UnitProcedure
from smartdistrict.survey.tests.conftest import DEMO

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _english():
    """The messages below are matched in English (Vietnamese is the default)."""
    with translation.override("en"):
        yield


def test_dry_run_then_commit_then_nothing_to_do():
    dry = catalogue_load(DEMO)
    assert dry.changed == 8 + 40 + 15 + 15
    assert not Procedure.objects.exists() and not Counter.objects.exists()
    committed = catalogue_load(DEMO, commit=True)
    assert committed.changed == dry.changed
    assert Procedure.objects.count() == 8 and UnitProcedure.objects.count() == 40
    assert Counter.objects.count() == 15 and CivilServant.objects.count() == 15
    servant = CivilServant.objects.get(unit__code="26911", code="CC02")
    assert [c.code for c in servant.counters.all()] == ["Q2"]
    assert catalogue_load(DEMO, commit=True).changed == 0


def test_a_change_is_one_update_and_a_dropped_unit_is_deactivated(tmp_path):
    catalogue_load(DEMO, commit=True)
    (tmp_path / "procedures.csv").write_text(
        "code,name,field,time_limit_days,units\n"
        "DEMO-HT-05,Cấp Giấy xác nhận tình trạng hôn nhân,Hộ tịch,5,26911\n", encoding="utf-8")
    report = catalogue_load(tmp_path / "procedures.csv", commit=True)
    assert report.tally.counts["procedures"]["updated"] == 1
    assert report.tally.counts["procedures of one-stop shops"]["deleted"] == 4
    assert Procedure.objects.get(code="DEMO-HT-05").time_limit_days == 5
    assert list(UnitProcedure.objects.filter(procedure__code="DEMO-HT-05", active=True)
                .values_list("unit__code", flat=True)) == ["26911"]


def test_every_faulty_row_is_listed_and_nothing_is_written(tmp_path):
    (tmp_path / "procedures.csv").write_text(
        "code,name,field,time_limit_days,units\n"
        "P1,Đăng ký khai sinh,Hộ tịch,0,26911\n"
        "P2,,Hộ tịch,ba ngày,26911\n"
        "P3,Chứng thực,Chứng thực,2,99999\n"
        "P1,Trùng mã,Hộ tịch,1,26911\n", encoding="utf-8")
    (tmp_path / "counters.csv").write_text(
        "unit,code,name,active\n26911,Q1,Quầy 1,maybe\n", encoding="utf-8")
    (tmp_path / "staff.csv").write_text(
        "unit,code,full_name,title,counters\n26911,CC1,Nguyễn Văn A,,Q9\n", encoding="utf-8")
    with pytest.raises(CatalogueInvalid) as caught:
        catalogue_load(tmp_path, commit=True)
    faults = [str(e) for e in caught.value.errors]
    assert any(f.startswith("procedures.csv:3:") and "name" in f for f in faults)
    assert any(f.startswith("procedures.csv:3:") and "working days" in f for f in faults)
    assert any(f.startswith("procedures.csv:4:") and "99999" in f for f in faults)
    assert any(f.startswith("procedures.csv:5:") and "twice" in f for f in faults)
    assert any(f.startswith("counters.csv:2:") and "active" in f for f in faults)
    assert any(f.startswith("staff.csv:2:") and "Q9" in f for f in faults)
    assert not Procedure.objects.exists() and not Counter.objects.exists()


def test_missing_columns_and_unknown_files(tmp_path):
    (tmp_path / "procedures.csv").write_text("code,name\nP1,X\n", encoding="utf-8")
    with pytest.raises(CatalogueInvalid, match="time_limit_days"):
        catalogue_load(tmp_path)
    (tmp_path / "other.csv").write_text("a\n", encoding="utf-8")
    with pytest.raises(Exception, match="procedures, counters or staff"):
        catalogue_load(tmp_path / "other.csv")


def test_excel_file_with_the_same_columns(tmp_path):
    book = Workbook()
    book.active.append(["code", "name", "field", "time_limit_days", "units"])
    book.active.append(["X-1", "Chứng thực chữ ký", "Chứng thực", 0, "26911;26944"])
    book.save(tmp_path / "procedures.xlsx")
    catalogue_load(tmp_path / "procedures.xlsx", commit=True)
    assert UnitProcedure.objects.filter(procedure__code="X-1").count() == 2


def test_command_dry_run_and_faults(tmp_path, capsys):
    call_command("survey_load", str(DEMO))
    assert "dry run, 78 changes would be written" in capsys.readouterr().out
    assert not Procedure.objects.exists()
    call_command("survey_load", str(DEMO), "--commit")
    assert "78 changes written" in capsys.readouterr().out
    (tmp_path / "counters.csv").write_text("unit,code,name\n00000,Q1,Quầy\n", encoding="utf-8")
    with pytest.raises(CommandError, match="1 faults; nothing was written"):
        call_command("survey_load", str(tmp_path / "counters.csv"), "--commit")
