"""Overdue escalation and notifications (run inline in tests, by Huey in production)."""

import datetime as dt

import pytest
from django.core import mail
from django.utils import timezone

from smartdistrict.feedback.models import Event, Report, Status
from smartdistrict.feedback.services.overdue import reports_mark_overdue
from smartdistrict.feedback.services.workflow import report_transition
from smartdistrict.organisations.models import Department
from smartdistrict.organisations.services import departments_changed

pytestmark = pytest.mark.django_db


@pytest.fixture
def mailboxes(settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    Department.objects.filter(code="cong-ich-binh-thanh").update(email="congich@example.org")
    departments_changed()  # an edit outside the services tells the caches itself
    from smartdistrict.accounts.models import User

    User.objects.filter(username="canbo.binhquoi").update(email="canbo@example.org")


def test_resident_told_of_acceptance_and_resolution(mailboxes, make_report, officer,
                                                     django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        report = make_report()
    to_resident = [m for m in mail.outbox if m.to == ["bi.mat@example.com"]]
    assert len(to_resident) == 1
    assert report.code in to_resident[0].body
    assert "/track/" in to_resident[0].body and "token=" in to_resident[0].body
    staff = sorted(m.to[0] for m in mail.outbox if m.to != ["bi.mat@example.com"])
    assert staff == ["canbo@example.org", "congich@example.org"]
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        report_transition(report=report, to=Status.RESOLVED, actor=officer, note="Đã thu gom.")
    assert [m.to for m in mail.outbox] == [["bi.mat@example.com"]]
    assert "1–5" in mail.outbox[0].body


def test_nothing_is_sent_for_a_refused_report(mailboxes, django_capture_on_commit_callbacks):
    from smartdistrict.core.errors import InvalidInput
    from smartdistrict.feedback.tests.conftest import create_report

    with django_capture_on_commit_callbacks(execute=True), pytest.raises(InvalidInput):
        create_report(category="khac", description="ngắn", lat=10.82, lon=106.74,
                      reporter_email="x@example.com")
    assert mail.outbox == []


def test_overdue_reports_are_marked_once_and_escalated(mailboxes, make_report,
                                                       django_capture_on_commit_callbacks):
    late = make_report()
    on_time = make_report()
    resolved = make_report()
    past = timezone.now() - dt.timedelta(hours=1)
    Report.objects.filter(pk__in=[late.pk, resolved.pk]).update(due_at=past)
    Report.objects.filter(pk=resolved.pk).update(status=Status.RESOLVED)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        assert reports_mark_overdue() == 1
    assert reports_mark_overdue() == 0
    late.refresh_from_db()
    assert late.overdue_at is not None
    assert Event.objects.filter(report=late, kind="escalation", public=False).count() == 1
    assert not Event.objects.filter(report=on_time, kind="escalation").exists()
    assert {m.to[0] for m in mail.outbox} == {"canbo@example.org", "congich@example.org"}
    assert all(late.code in m.subject for m in mail.outbox)


def test_a_failing_channel_does_not_stop_the_others(mailboxes, make_report, settings,
                                                    django_capture_on_commit_callbacks):
    settings.NOTIFICATION_CHANNELS = [
        "smartdistrict.feedback.tests.test_jobs.BrokenChannel",
        "smartdistrict.feedback.channels.email.EmailChannel",
    ]
    with django_capture_on_commit_callbacks(execute=True):
        make_report()
    assert len(mail.outbox) == 3


class BrokenChannel:
    """A channel whose gateway is down (as an SMS gateway may be)."""

    name = "broken"

    def enabled(self):
        return True

    def reaches(self, message):
        return True

    def send(self, message):
        raise ConnectionError("gateway unreachable")


def test_the_reopen_window_in_the_message_is_the_policys(mailboxes, make_report, officer,
                                                         monkeypatch,
                                                         django_capture_on_commit_callbacks):
    from smartdistrict.feedback import policy

    monkeypatch.setattr(policy, "RESIDENT_REOPEN_DAYS", 10)
    report = make_report()
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        report_transition(report=report, to=Status.RESOLVED, actor=officer, note="Đã thu gom.")
    [message] = [m for m in mail.outbox if m.to == ["bi.mat@example.com"]]
    assert "trong vòng 10 ngày" in message.body
