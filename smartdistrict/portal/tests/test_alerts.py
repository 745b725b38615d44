"""Area alerts: subscribe, confirm by the link, receive new and resolved reports of the
unit or category (public facts only), unsubscribe in one click (List-Unsubscribe)."""

import re

import pytest
from django.core import mail

from smartdistrict.feedback.models import AlertSubscription, Status
from smartdistrict.feedback.services.workflow import report_transition
from smartdistrict.portal.tests.conftest import SECRET

pytestmark = pytest.mark.django_db


@pytest.fixture
def on_commit(django_capture_on_commit_callbacks):
    def run(action):
        with django_capture_on_commit_callbacks(execute=True):
            return action()
    return run


@pytest.fixture(autouse=True)
def _mail(settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    settings.PUBLIC_BASE_URL = "https://phananh.example.vn"


def subscribe(client, on_commit, **values):
    mail.outbox.clear()
    response = on_commit(lambda: client.post("/alerts/", {"email": "theo.doi@example.org",
                                                          **values}))
    assert response.status_code == 200 and 'id="alerts-sent"' in response.content.decode()
    link = re.search(r"https://phananh\.example\.vn(/alerts/confirm/\S+)", mail.outbox[-1].body)
    return link.group(1)


def alerts_to(address="theo.doi@example.org"):
    return [m for m in mail.outbox if m.to == [address]]


def test_subscribe_confirm_receive_and_unsubscribe(client, on_commit, make_report, officer):
    confirm = subscribe(client, on_commit, unit="26911")
    mail.outbox.clear()
    on_commit(lambda: make_report(**SECRET))
    assert alerts_to() == []  # not confirmed yet
    assert 'id="alerts-confirmed"' in client.get(confirm).content.decode()
    mail.outbox.clear()
    report = on_commit(lambda: make_report(**SECRET))
    on_commit(lambda: make_report(ward="26944"))  # another unit: no alert
    [alert] = alerts_to()
    assert report.code in alert.subject and f"/track/{report.code}" in alert.body
    assert all(value not in alert.body for value in SECRET.values())
    unsubscribe = alert.extra_headers["List-Unsubscribe"].strip("<>")
    assert alert.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert unsubscribe in alert.body
    mail.outbox.clear()
    on_commit(lambda: report_transition(report=report, to=Status.RESOLVED, actor=officer,
                                        note="Đã xử lý."))
    assert len(alerts_to()) == 1  # resolved too
    path = unsubscribe.removeprefix("https://phananh.example.vn")
    assert 'id="alerts-unsubscribe"' in client.get(path).content.decode()  # GET: a button
    assert AlertSubscription.objects.count() == 1
    from django.test import Client

    one_click = Client(enforce_csrf_checks=True).post(path, {"List-Unsubscribe": "One-Click"})
    assert one_click.status_code == 200 and not AlertSubscription.objects.exists()
    mail.outbox.clear()
    on_commit(lambda: make_report())
    assert alerts_to() == []


def test_a_category_subscription_and_the_form_errors(client, on_commit, make_report):
    confirm = subscribe(client, on_commit, category="tieng-on")
    client.get(confirm)
    mail.outbox.clear()
    on_commit(lambda: make_report())  # rubbish: not followed
    on_commit(lambda: make_report(category="tieng-on",
                                  description="Karaoke mở rất to sau 23 giờ mỗi đêm."))
    assert len(alerts_to()) == 1
    empty = client.post("/alerts/", {"email": "a@example.org"})
    assert empty.status_code == 400
    bad = client.post("/alerts/", {"email": "khong-phai-thu", "unit": "26911"})
    assert bad.status_code == 400
    assert client.get("/alerts/confirm/khong-co").status_code == 404


def test_null_characters_posted_are_dropped_not_stored(client, make_report, officer):
    """PostgreSQL cannot store U+0000: the residents' forms drop it before any lookup."""
    from smartdistrict.feedback.models import Event
    from smartdistrict.feedback.resident_token import resident_token

    assert client.post("/alerts/", {"email": "a@example.org", "unit": "269\x0011"}
                       ).status_code in (200, 400)
    report = make_report()
    report_transition(report=report, to=Status.RESOLVED, actor=officer, note="Xong.")
    response = client.post(f"/track/{report.code}/fixed", {
        "token": resident_token(report), "answer": "partly", "comment": "Còn\x00 rác."})
    assert response.status_code == 302
    assert "\x00" not in Event.objects.get(report=report, kind="followup").note
