"""Jurisdiction packs: dry run, idempotent commit, row-level errors, another territory."""

from __future__ import annotations

import datetime as dt
import json
import shutil

import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse
from django.utils import timezone

from smartdistrict.accounts.selectors import Scope
from smartdistrict.core.models import ConfigVersion
from smartdistrict.dashboard.facts.refresh import facts_refresh
from smartdistrict.dashboard.selectors.figures import figures
from smartdistrict.dashboard.selectors.scope import Period, Selection
from smartdistrict.feedback.models import Category, Report, RoutingRule
from smartdistrict.feedback.tests.conftest import create_report
from smartdistrict.geography.models import Boundary, Jurisdiction, Succession, Unit
from smartdistrict.geography.selectors import lookup_point
from smartdistrict.jurisdictions.loading import pack_load
from smartdistrict.jurisdictions.reading import PACKS_DIR, PackInvalid
from smartdistrict.organisations.models import Department

SYNTHETIC = PACKS_DIR / "synthetic"


def counts() -> tuple:
    return (Unit.objects.count(), Succession.objects.count(), Boundary.objects.count(),
            Department.objects.count(), Category.objects.count(), RoutingRule.objects.count(),
            list(ConfigVersion.objects.order_by("name").values_list("name", "version")))


@pytest.mark.django_db
def test_dry_run_of_the_city_pack_reports_and_changes_nothing(capsys):
    before = counts()
    stamps = list(Unit.objects.order_by("id").values_list("updated_at", flat=True)[:50])
    call_command("pack_load", "hcmc")
    out = capsys.readouterr().out
    assert "dry run, 0 changes would be written (nothing was)" in out
    assert "units: 678 unchanged" in out and "routing rules: 3451 unchanged" in out
    assert counts() == before
    assert list(Unit.objects.order_by("id").values_list("updated_at", flat=True)[:50]) == stamps


@pytest.mark.django_db
def test_a_second_commit_of_the_city_pack_changes_nothing(capsys):
    before = counts()
    call_command("pack_load", "hcmc", "--commit")
    assert "pack hcmc: 0 changes written" in capsys.readouterr().out
    assert counts() == before


@pytest.mark.django_db
def test_a_changed_pack_dry_run_lists_the_change_and_writes_nothing(tmp_path, capsys):
    pack = tmp_path / "hcmc"
    shutil.copytree(PACKS_DIR / "hcmc", pack)
    text = (pack / "departments.csv").read_text(encoding="utf-8")
    (pack / "departments.csv").write_text(
        text.replace("ubnd.gia-dinh@example.gov.vn", "tiepdan.giadinh@example.gov.vn"),
        encoding="utf-8")
    call_command("pack_load", str(pack))
    assert "departments: 1 updated, 535 unchanged" in capsys.readouterr().out
    assert Department.objects.get(code="ubnd-gia-dinh").email == "ubnd.gia-dinh@example.gov.vn"
    call_command("pack_load", str(pack), "--commit")
    assert Department.objects.get(code="ubnd-gia-dinh").email == "tiepdan.giadinh@example.gov.vn"


@pytest.mark.django_db
def test_faulty_rows_are_all_named_and_nothing_is_written(tmp_path):
    pack = tmp_path / "broken"
    shutil.copytree(SYNTHETIC, pack)
    units = (pack / "units.csv").read_text(encoding="utf-8").splitlines()
    units[2] = units[2].replace(",district,huyen,", ",district,phuong,")  # a ward kind
    units.append("T01009,,ward,xa,Xã Chín,,T09,,,T01.nowhere,,-5,,,")
    (pack / "units.csv").write_text("\n".join(units) + "\n", encoding="utf-8")
    with open(pack / "departments.csv", "a", encoding="utf-8") as handle:
        handle.write("x,Phòng X,,no_such_kind,T01001,not-an-email,\n")
    before = counts()
    with pytest.raises(PackInvalid) as caught:
        pack_load(pack, commit=True)
    messages = [str(e) for e in caught.value.errors]
    assert "units.csv:3: a phuong is a unit of level ward, not district" in messages
    assert "units.csv:10: parent 'T09' must be listed above this row" in messages
    assert "units.csv:10: population '-5' is not a whole number" in messages
    assert any(m.startswith("departments.csv:8: kind 'no_such_kind'") for m in messages)
    assert "departments.csv:8: e-mail 'not-an-email' is not valid" in messages
    assert counts() == before
    with pytest.raises(CommandError, match="faulty rows; nothing was written"):
        call_command("pack_load", str(pack), "--commit")


@pytest.mark.django_db
def test_not_a_pack_is_a_clear_error(tmp_path):
    with pytest.raises(PackInvalid, match=r"no pack\.toml"):
        pack_load(tmp_path, commit=True)


@pytest.mark.django_db(transaction=True)
def test_another_territory_works_end_to_end_without_the_city(client, settings):
    """Acceptance 4: the synthetic pack alone — a report is created, routed, listed over
    Open311 and counted on the dashboard."""
    call_command("flush", "--noinput")
    report = pack_load(SYNTHETIC, commit=True)
    assert report.changed > 0
    assert not Unit.objects.filter(code__startswith="765").exists()
    assert Jurisdiction.objects.get().report_code_prefix == "TM"
    found = lookup_point(20.025, 105.025)
    assert (found.ward.code, found.approximate) == ("T01001", False)
    assert lookup_point(20.025, 105.01, dt.date(2025, 3, 1)).ward.code == "T01.cu.an"
    created, _ = create_report(category="o-ga", description="Ổ gà lớn giữa đường",
                               lat=20.02, lon=105.02)
    assert created.code.startswith("TM-")
    assert created.ward.code == "T01001"
    assert created.department.code == "do-thi-mot"
    light, _ = create_report(category="den-duong", description="Đèn đường tắt cả tuần nay",
                             lat=20.03, lon=105.08)
    assert (light.ward.code, light.department.code) == ("T01002", "cong-trinh-tinh")
    listed = client.get("/open311/v2/requests.json", {"jurisdiction_id": "mau.example.vn"})
    assert listed.status_code == 200
    assert {r["service_request_id"] for r in listed.json()} == {created.code, light.code}
    assert client.get("/open311/v2/requests.json",
                      {"jurisdiction_id": "hochiminhcity.gov.vn"}).status_code == 404
    units = client.get(reverse("geography-units"), {"level": "ward"}).json()
    assert {u["code"]: u["kind"] for u in units["results"]} == {
        "T01001": "phuong", "T01002": "xa", "T01003": "phuong"}
    facts_refresh(full=True)
    today = timezone.localdate()
    found = figures(Selection(scope=Scope(everything=True)), Period(today, today))
    assert found.current.received == 2 == Report.objects.count()
    assert {row.code: row.sums.received for row in found.by_ward} == {"T01001": 1, "T01002": 1}


def test_the_shipped_packs_are_well_formed():
    from smartdistrict.jurisdictions.reading import read_pack

    for name in ("hcmc", "synthetic"):
        pack = read_pack(PACKS_DIR / name)
        assert pack.units and pack.boundaries and pack.departments and pack.categories
    city = read_pack(PACKS_DIR / "hcmc")
    today = [u for u in city.units if u.valid_from == dt.date(2025, 7, 1)]
    assert len(today) == 168
    assert all(u.code in city.boundaries for u in today)
    assert json.loads((PACKS_DIR / "hcmc" / "categories.json").read_text(encoding="utf-8"))
