"""Configuration as data: the loader command, and routing changes in the audit log."""

import json
import shutil

import pytest
from django.core.management import call_command

from smartdistrict.accounts.models import User
from smartdistrict.feedback.config_cache import config_changed
from smartdistrict.feedback.models import RoutingRule, RoutingRuleChange
from smartdistrict.feedback.services.routing import routing_rule_set
from smartdistrict.feedback.tests.conftest import WARD_POINTS, create_report
from smartdistrict.jurisdictions.reading import PACKS_DIR
from smartdistrict.organisations.models import Department

pytestmark = pytest.mark.django_db


def test_a_rule_change_is_logged_and_applies_to_new_reports(make_report):
    before = make_report(ward="26911", category="rac-thai")
    committee = Department.objects.get(code="ubnd-binh-quoi")
    admin = User.objects.get(username="admin")
    routing_rule_set(category=before.category, unit=before.ward, department=committee,
                     actor=admin)
    change = RoutingRuleChange.objects.filter(category=before.category, unit=before.ward).first()
    assert change.new_department == committee and change.actor == admin
    assert change.old_department.code == "cong-ich-binh-thanh"
    after = make_report(ward="26911", category="rac-thai")
    assert after.department == committee
    before.refresh_from_db()
    assert before.department.code == "cong-ich-binh-thanh"


def test_without_a_rule_the_ward_committee_takes_it(make_report):
    RoutingRule.objects.filter(category__code="trom-cap", unit__code="26944").delete()
    config_changed()  # an edit outside the services tells the caches itself
    report = make_report(ward="26944", category="trom-cap")
    assert report.department.code == "ubnd-gia-dinh"


def test_a_category_added_to_the_pack_is_loaded_and_routed(tmp_path, capsys):
    pack = tmp_path / "hcmc"
    shutil.copytree(PACKS_DIR / "hcmc", pack)
    rows = json.loads((pack / "categories.json").read_text(encoding="utf-8"))
    rows.append({"code": "cho-tam", "name": "Chợ tạm, chợ cóc", "name_en": "Makeshift market",
                 "deadline_days": 4, "department_kind": "urban_management", "keywords": []})
    (pack / "categories.json").write_text(json.dumps(rows, ensure_ascii=False), encoding="utf-8")
    call_command("pack_load", str(pack), "--commit")
    out = capsys.readouterr().out
    assert "categories: 1 created, 17 unchanged" in out
    assert "units: 678 unchanged" in out
    lat, lon = WARD_POINTS["26956"]
    report, _ = create_report(category="cho-tam", description="Chợ cóc họp giữa đường mỗi sáng.",
                              lat=lat, lon=lon)
    assert report.department.code == "kthtdt-thanh-my-tay"
