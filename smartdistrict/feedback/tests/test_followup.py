""""Was it fixed?": asked once, some days after resolution, with the resident's link; the
answer goes in the timeline; "not fixed" puts the report back in its department's queue."""

import datetime as dt
import re

import pytest
from django.core import mail
from django.utils import timezone

from smartdistrict.core.errors import InvalidInput, PermissionDenied
from smartdistrict.feedback.models import Event, EventKind, Report, Status
from smartdistrict.feedback.resident_token import resident_token
from smartdistrict.feedback.services.followup import followups_send, report_followup_answer
from smartdistrict.feedback.services.workflow import report_transition
from smartdistrict.organisations.models import Department
from smartdistrict.organisations.services import departments_changed

pytestmark = pytest.mark.django_db


@pytest.fixture
def inbox(settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    settings.FOLLOWUP_AFTER_DAYS = 5
    settings.PUBLIC_BASE_URL = "https://phananh.example.vn"
    Department.objects.filter(code="cong-ich-binh-thanh").update(email="congich@example.org")
    departments_changed()


def resolved_days_ago(report, officer, days):
    report_transition(report=report, to=Status.RESOLVED, actor=officer, note="Đã thu gom.")
    Report.objects.filter(pk=report.pk).update(
        resolved_at=timezone.now() - dt.timedelta(days=days))
    report.refresh_from_db()
    return report


def test_residents_are_asked_once_after_the_set_days(
        inbox, make_report, officer, django_capture_on_commit_callbacks):
    due = resolved_days_ago(make_report(), officer, 6)
    early = resolved_days_ago(make_report(), officer, 2)
    anonymous = resolved_days_ago(
        make_report(reporter_name="", reporter_phone="", reporter_email=""), officer, 6)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        assert followups_send() == 1
    [question] = mail.outbox
    assert question.to == ["bi.mat@example.com"] and due.code in question.subject
    link = f"https://phananh.example.vn/track/{due.code}/fixed?token={resident_token(due)}"
    assert link in question.body
    with django_capture_on_commit_callbacks(execute=True):
        assert followups_send() == 0  # asked once
    for report in (early, anonymous):
        report.refresh_from_db()
        assert report.followup_sent_at is None


def test_not_fixed_reopens_into_the_departments_queue(
        inbox, make_report, officer, client, django_capture_on_commit_callbacks):
    report = resolved_days_ago(make_report(), officer, 6)
    followups_send()
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        report_followup_answer(report=report, token=resident_token(report),
                               answer="not_fixed", comment="Rác lại bị đổ ra hẻm.")
    report.refresh_from_db()
    assert report.status == Status.REOPENED and report.followup_answer == "not_fixed"
    assert report.due_at > timezone.now()
    answer = Event.objects.get(report=report, kind=EventKind.FOLLOWUP)
    assert answer.public and "Rác lại bị đổ ra hẻm." in answer.note
    assert report.events.filter(to_status=Status.REOPENED, actor_role="resident").exists()
    assert "congich@example.org" in {m.to[0] for m in mail.outbox}  # the department is told
    client.force_login(officer)
    queue = client.get("/console/").content.decode()
    assert report.code in queue
    page = client.get(f"/track/{report.code}").content.decode()
    assert "Rác lại bị đổ ra hẻm." in page


def test_answers_are_taken_once_with_the_residents_token(inbox, make_report, officer):
    report = resolved_days_ago(make_report(), officer, 6)
    with pytest.raises(PermissionDenied):
        report_followup_answer(report=report, token="forged", answer="fixed")
    with pytest.raises(InvalidInput):
        report_followup_answer(report=report, token=resident_token(report), answer="maybe")
    report_followup_answer(report=report, token=resident_token(report), answer="fixed")
    report.refresh_from_db()
    assert report.status == Status.RESOLVED and report.followup_answer == "fixed"
    with pytest.raises(InvalidInput) as again:
        report_followup_answer(report=report, token=resident_token(report), answer="not_fixed")
    assert again.value.code == "already_answered"


def test_the_question_page_answers_with_one_click(inbox, make_report, officer, client):
    report = resolved_days_ago(make_report(), officer, 6)
    token = resident_token(report)
    page = client.get(f"/track/{report.code}/fixed", {"token": token}).content.decode()
    assert {'id="followup-fixed"', 'id="followup-partly"', 'id="followup-not_fixed"'} <= set(
        re.findall(r'id="followup-[a-z_]+"', page))
    assert 'id="followup-no-token"' in client.get(f"/track/{report.code}/fixed").content.decode()
    tracked = client.get(f"/track/{report.code}", {"token": token}).content.decode()
    assert 'id="followup-link"' in tracked  # the resident's page offers the question too
    assert 'id="followup-link"' not in client.get(f"/track/{report.code}").content.decode()
    response = client.post(f"/track/{report.code}/fixed",
                           {"token": token, "answer": "partly", "comment": "Còn một ít."})
    assert response.status_code == 302
    report.refresh_from_db()
    assert report.followup_answer == "partly" and report.status == Status.RESOLVED
    again = client.post(f"/track/{report.code}/fixed", {"token": token, "answer": "fixed"})
    assert again.status_code == 400


def test_the_job_is_listed_for_the_consumer():
    from smartdistrict.feedback import tasks

    assert "ask_was_it_fixed" in tasks.__all__
