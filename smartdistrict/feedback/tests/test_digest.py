"""Staff notifications: demo staff have addresses, messages link to the console, and the
daily digest lists each recipient's overdue and soon-due reports once."""

import datetime as dt

import pytest
from django.core import mail
from django.utils import timezone

from smartdistrict.accounts.models import User
from smartdistrict.feedback.models import Report, Status
from smartdistrict.feedback.services.digest import staff_digest_send
from smartdistrict.feedback.services.workflow import report_transition
from smartdistrict.organisations.models import Department

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _mail(settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    settings.PUBLIC_BASE_URL = "https://phananh.example.vn"


def test_demo_staff_and_departments_have_addresses():
    assert User.objects.get(username="canbo.binhquoi").email == "canbo.binhquoi@example.gov.vn"
    assert Department.objects.get(code="cong-ich-binh-thanh").email


def test_staff_messages_link_to_the_report_in_the_console(
        make_report, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        report = make_report()
    staff = [m for m in mail.outbox if m.to == ["canbo.binhquoi@example.gov.vn"]]
    assert staff and f"https://phananh.example.vn/console/reports/{report.code}" in staff[0].body


def test_the_digest_lists_what_is_due_to_each_recipient(make_report, officer):
    now = timezone.now()
    overdue = make_report()
    soon = make_report()
    later = make_report()
    done = make_report()
    elsewhere = make_report(ward="26944")
    Report.objects.filter(pk=overdue.pk).update(due_at=now - dt.timedelta(hours=3))
    Report.objects.filter(pk__in=[soon.pk, done.pk, elsewhere.pk]).update(
        due_at=now + dt.timedelta(hours=5))
    Report.objects.filter(pk=later.pk).update(due_at=now + dt.timedelta(days=9))
    report_transition(report=done, to=Status.RESOLVED, actor=officer, note="Xong.")
    mail.outbox.clear()
    reached = staff_digest_send(now)
    officer_mail = [m for m in mail.outbox if m.to == ["canbo.binhquoi@example.gov.vn"]]
    assert len(officer_mail) == 1 and reached >= 2
    body = officer_mail[0].body
    assert overdue.code in body and soon.code in body
    assert later.code not in body and done.code not in body and elsewhere.code not in body
    assert f"/console/reports/{overdue.code}" in body
    assert "(1 " in officer_mail[0].subject  # one of them overdue
    giadinh = [m for m in mail.outbox if m.to == ["canbo.giadinh@example.gov.vn"]]
    assert len(giadinh) == 1 and elsewhere.code in giadinh[0].body
