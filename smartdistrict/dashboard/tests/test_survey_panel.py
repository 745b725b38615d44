"""The dashboard's satisfaction panel and the brief's section read the survey's selectors:
the figures shown equal the survey's own, within the viewer's scope."""

from __future__ import annotations

import io

import pytest
from django.utils import timezone, translation
from openpyxl import load_workbook

from smartdistrict.accounts.models import User
from smartdistrict.accounts.selectors import scope_for
from smartdistrict.dashboard.brief.content import gather
from smartdistrict.dashboard.brief.pdf import render_pdf
from smartdistrict.dashboard.brief.workbook import write_workbook
from smartdistrict.dashboard.selectors.scope import Period, selection_in_scope
from smartdistrict.survey import selectors
from smartdistrict.survey.catalogue import catalogue_load
from smartdistrict.survey.selectors import Months
from smartdistrict.survey.services.dossiers import dossier_register
from smartdistrict.survey.services.responses import response_submit
from smartdistrict.survey.tests.conftest import DEMO, GOOD

pytestmark = pytest.mark.django_db


@pytest.fixture
def answers(settings):
    settings.SURVEY_LOW_SCORE = 0
    settings.SURVEY_FEW_ANSWERS = 2
    catalogue_load(DEMO, commit=True)
    now = timezone.now()
    for n, (unit, servant) in enumerate([("26911", 5), ("26911", 4), ("26944", 2),
                                         ("26944", 1), ("26944", 5), ("26929", 3)]):
        dossier, _ = dossier_register(unit=unit, procedure="DEMO-HT-01", code=f"D{n}",
                                      returned_at=now)
        response_submit(token=dossier.token, answers={**GOOD, "servant": servant})
    today = timezone.localdate()
    return Period(today.replace(day=1), today)


def test_dashboard_panel_shows_the_survey_figures(client, answers):
    client.force_login(User.objects.get(username="lanhdao"))
    page = client.get("/dashboard/", {"start": answers.start.isoformat(),
                                      "end": answers.end.isoformat()})
    html = page.content.decode()
    assert page.status_code == 200 and 'id="survey-panel"' in html
    expected = selectors.total(scope_for(User.objects.get(username="lanhdao")),
                               Months.covering(answers.start, answers.end))
    shown = f"{expected.indices.overall:.1f}".replace(".", ",")
    assert shown in html
    assert "Phường Bình Quới" in html and "Phường Gia Định" in html
    client.force_login(User.objects.get(username="canbo.binhquoi"))
    html = client.get("/dashboard/", {"start": answers.start.isoformat(),
                                      "end": answers.end.isoformat()}).content.decode()
    assert 'id="survey-ranking"' in html and "Phường Gia Định" not in html.split(
        'id="survey-panel"')[1]


def test_brief_has_the_survey_section(answers):
    leader = User.objects.get(username="lanhdao")
    with translation.override("vi"):
        content = gather(selection_in_scope(scope_for(leader)), answers, "Toàn thành phố")
        pdf = render_pdf(content)
        buffer = io.BytesIO()
        write_workbook(buffer, content)
    assert pdf.startswith(b"%PDF-")
    book = load_workbook(io.BytesIO(buffer.getvalue()))
    sheet = book["Một cửa"]
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[2] == ("Số phiếu", 6, None, None)
    assert rows[3][1] == pytest.approx(content.survey.total.indices.overall)
    ranked = [r for r in rows if r and isinstance(r[0], int)]
    assert ranked[0][1] == "Phường Bình Quới"
