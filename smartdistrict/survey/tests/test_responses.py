"""Answering a dossier's survey: once per dossier, validated, and linked to feedback."""

from __future__ import annotations

import pytest
from django.db import IntegrityError

from smartdistrict.accounts.models import User
from smartdistrict.accounts.selectors import scope_for
from smartdistrict.console.queue import QueueFilters, queue_page
from smartdistrict.core.errors import InvalidInput, NotFound
from smartdistrict.feedback.models import Report
from smartdistrict.survey.models import MonthlyTally, Response
from smartdistrict.survey.services.responses import AlreadyAnswered, response_submit
from smartdistrict.survey.tests.conftest import GOOD

pytestmark = pytest.mark.django_db


def test_a_dossier_token_answers_once(make_dossier):
    dossier = make_dossier()
    first = response_submit(token=dossier.token, answers=GOOD)
    assert first.report_code == ""
    with pytest.raises(AlreadyAnswered):
        response_submit(token=dossier.token, answers=GOOD)
    assert Response.objects.filter(dossier=dossier).count() == 1
    unit_row = MonthlyTally.objects.get(scope="unit", unit=dossier.unit)
    assert unit_row.responses == 1 and unit_row.access_sat == 1 and unit_row.feedback_n == 0


def test_the_database_refuses_a_second_answer_too(make_dossier):
    dossier = make_dossier()
    response_submit(token=dossier.token, answers=GOOD)
    existing = Response.objects.get(dossier=dossier)
    with pytest.raises(IntegrityError):
        Response.objects.create(dossier=dossier, unit=existing.unit,
                                procedure=existing.procedure, answered_at=existing.answered_at,
                                channel="qr")


def test_unknown_token_and_bad_answers_store_nothing(make_dossier):
    with pytest.raises(NotFound):
        response_submit(token="x" * 16, answers=GOOD)
    dossier = make_dossier()
    for answers, field in (({**GOOD, "servant": None}, "servant"),
                           ({**GOOD, "access": 7}, "access"),
                           ({**GOOD, "general": "năm"}, "general")):
        with pytest.raises(InvalidInput) as caught:
            response_submit(token=dossier.token, answers=answers)
        assert caught.value.field == field
    with pytest.raises(InvalidInput):
        response_submit(token=dossier.token, answers=GOOD, improve=["access", "result", "servant"])
    with pytest.raises(InvalidInput):
        response_submit(token=dossier.token, answers=GOOD, statements=["no-such-statement"])
    with pytest.raises(InvalidInput) as caught:
        response_submit(token=dossier.token, answers={**GOOD, "servant": 1}, phone="12")
    assert caught.value.field == "reporter_phone"
    assert not Response.objects.exists() and not MonthlyTally.objects.exists()


def test_a_low_score_opens_a_report_for_the_unit_with_its_deadline(make_dossier):
    dossier = make_dossier()
    before = Report.objects.count()
    submitted = response_submit(
        token=dossier.token, answers={**GOOD, "servant": 1, "general": 2},
        comment="Cán bộ không hướng dẫn, phải đi lại ba lần.", phone="0903123456")
    report = Report.objects.get(code=submitted.report_code)
    assert Report.objects.count() == before + 1
    assert report.category.code == "thu-tuc-hanh-chinh" and report.channel == "survey"
    assert report.ward.code == "26911"
    assert report.department.code == "ubnd-binh-quoi"
    assert report.due_at > report.created_at
    assert "phải đi lại ba lần" in report.description and dossier.code in report.description
    assert report.reporter_phone == "0903123456"
    assert submitted.resident_token
    stored = Response.objects.get(dossier=dossier)
    assert stored.report_code == report.code
    assert MonthlyTally.objects.get(scope="unit", unit=dossier.unit).reports == 1
    # The ward officer of Bình Quới sees it in the console queue; Gia Định's does not.
    def queue(user):
        return queue_page(user, QueueFilters(), scope=scope_for(user)).rows

    officer = User.objects.get(username="canbo.binhquoi")
    other = User.objects.get(username="canbo.giadinh")
    assert report.code in [r.code for r in queue(officer)]
    assert report.code not in [r.code for r in queue(other)]


def test_asking_for_an_answer_opens_a_report_without_a_low_score(make_dossier):
    dossier = make_dossier()
    submitted = response_submit(token=dossier.token, answers=GOOD, follow_up=True,
                                comment="Xin hướng dẫn thêm về bản sao trích lục.")
    assert Report.objects.get(code=submitted.report_code).category.code == "thu-tuc-hanh-chinh"


def test_good_scores_open_no_report(make_dossier):
    dossier = make_dossier()
    before = Report.objects.count()
    submitted = response_submit(token=dossier.token, answers={**GOOD, "general": 3},
                                comment="Ổn.")
    assert submitted.report_code == "" and Report.objects.count() == before


def test_the_answer_is_kept_when_the_report_cannot_be_filed(make_dossier, settings):
    settings.SURVEY_REPORT_CATEGORY = "no-such-category"
    dossier = make_dossier()
    submitted = response_submit(token=dossier.token, answers={**GOOD, "servant": 1})
    assert submitted.report_code == ""
    assert Response.objects.filter(dossier=dossier).exists()
