"""Demo reports take their categories and reporters from the loaded pack's demo profile."""

import datetime as dt

import pytest
from django.core.management import call_command

from smartdistrict.demo.reports import seed_reports
from smartdistrict.feedback.models import Report
from smartdistrict.jurisdictions.loading import pack_load
from smartdistrict.jurisdictions.reading import PACKS_DIR

NOW = dt.datetime(2026, 11, 20, 3, 0, tzinfo=dt.UTC)


@pytest.mark.django_db(transaction=True)
def test_the_synthetic_pack_seeds_its_own_categories_and_residents():
    call_command("flush", "--noinput")
    pack_load(PACKS_DIR / "synthetic", commit=True)
    assert seed_reports(60, seed=3, now=NOW).reports == 60
    reports = list(Report.objects.select_related("category"))
    assert {r.category.code for r in reports} == {"o-ga", "den-duong"}  # profile.toml's
    families = {r.reporter_name.split()[0] for r in reports if r.reporter_name}
    assert families and families <= {"Nguyễn", "Trần", "Lê", "Phạm"}
    assert all(r.reporter_phone.startswith("09") for r in reports if r.reporter_phone)
