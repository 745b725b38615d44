"""The illustrative demo: catalogue and answers of the five Bình Thạnh wards, marked
illustrative, tallies consistent with the answers, idempotent."""

from __future__ import annotations

import pytest
from django.core.management import call_command

from smartdistrict.accounts.selectors import Scope
from smartdistrict.feedback.models import Report
from smartdistrict.survey import selectors
from smartdistrict.survey.demo import PROFILES
from smartdistrict.survey.forms import default_months
from smartdistrict.survey.models import Dossier, Response

pytestmark = pytest.mark.django_db


def test_seed_survey(capsys):
    call_command("seed_survey", "--answers", "120")
    assert "120 answers" in capsys.readouterr().out
    assert Response.objects.count() == 120 and not Response.objects.filter(
        illustrative=False).exists()
    assert not Dossier.objects.filter(illustrative=False).exists()
    months = default_months()
    lines = selectors.by_unit(Scope(everything=True), months)
    assert {line.code for line in lines} <= set(PROFILES)
    assert sum(line.indices.responses for line in lines) == 120
    codes = list(Response.objects.exclude(report_code="").values_list("report_code", flat=True))
    assert Report.objects.filter(code__in=codes, channel="survey").count() == len(codes)
    call_command("seed_survey", "--answers", "120")
    assert "none added" in capsys.readouterr().out
    assert Response.objects.count() == 120
