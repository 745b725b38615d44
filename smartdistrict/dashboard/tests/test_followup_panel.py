"""The "was it fixed?" panel: the residents' answers of the period, in the viewer's scope."""

import re

import pytest
from django.utils import timezone

from smartdistrict.accounts.selectors import Scope
from smartdistrict.dashboard.selectors.followup import followup_panel
from smartdistrict.dashboard.selectors.scope import Period, selection_in_scope
from smartdistrict.feedback.models import Report, Status
from smartdistrict.feedback.resident_token import resident_token
from smartdistrict.feedback.services.followup import report_followup_answer
from smartdistrict.feedback.services.workflow import report_transition
from smartdistrict.feedback.tests.conftest import WARD_POINTS, create_report

pytestmark = pytest.mark.django_db


def answered(username, answer, ward="26911"):
    from smartdistrict.accounts.models import User

    actor = User.objects.get(username=username)
    lat, lon = WARD_POINTS[ward]
    report, _ = create_report(category="rac-thai", lat=lat, lon=lon,
                              description="Rác thải đổ trộm ở đầu hẻm đã ba ngày.",
                              reporter_email="a@example.com")
    report_transition(report=report, to=Status.RESOLVED, actor=actor, note="Xong.")
    report_followup_answer(report=Report.objects.get(pk=report.pk),
                           token=resident_token(report), answer=answer)
    return report


def test_the_panel_counts_the_answers_of_the_period_in_scope(login):
    answered("canbo.binhquoi", "fixed")
    answered("canbo.binhquoi", "not_fixed")
    answered("canbo.giadinh", "fixed", ward="26944")
    today = timezone.localdate()
    period = Period(start=today, end=today)
    everything = followup_panel(selection_in_scope(Scope(everything=True)), period)
    assert (everything.fixed, everything.partly, everything.not_fixed) == (2, 0, 1)
    assert everything.not_fixed_percent == 33
    html = login("canbo.binhquoi").get(
        "/dashboard/", {"start": today.isoformat(), "end": today.isoformat()}).content.decode()
    panel = re.search(r'id="followup-panel">(.*?)</section>', html, re.S).group(1)
    assert re.search(r'id="followup-fixed">1<', panel)  # Gia Định's answer is not in scope
    assert re.search(r'id="followup-not-fixed">1<', panel)
    earlier = Period(start=today.replace(year=today.year - 1), end=today.replace(
        year=today.year - 1))
    assert followup_panel(selection_in_scope(Scope(everything=True)), earlier).total == 0
