"""The suggester learns from staff re-categorisations and is shared through the database."""

import pytest

from smartdistrict.feedback.models import Category, SuggesterModel
from smartdistrict.feedback.services.workflow import report_recategorise
from smartdistrict.feedback.suggestions import (
    current_suggester,
    invalidate,
    staff_corrections,
    suggester_retrain,
)

pytestmark = pytest.mark.django_db
ODD = "xe ba gác chở đầy thùng sơn chắn ngang lối đi trước cổng trường mầm non sáng nay"


def test_retraining_learns_what_staff_corrected(make_report, officer):
    before = current_suggester().suggest(ODD, k=1)[0].code
    target = "gay-roi" if before != "gay-roi" else "khoi-bui-mui"
    for _ in range(6):
        report = make_report(category="khac", description=ODD)
        report_recategorise(report=report, category=Category.objects.get(code=target),
                            actor=officer)
    assert len(staff_corrections()) == 6
    stored = suggester_retrain()
    assert stored.corrections == 6
    invalidate()
    assert current_suggester().suggest(ODD, k=1)[0].code == target
    assert SuggesterModel.objects.count() == 1


def test_retrain_command_reports_the_evaluation(capsys):
    from django.core.management import call_command

    call_command("retrain_suggester")
    out = capsys.readouterr().out
    assert "held-apart" in out and "macro-F1" in out
