""""My reports": a one-time code by e-mail (or SMS when configured), then the resident's
reports, contact corrected or erased; codes are throttled, used once, tried a few times."""

import re

import pytest
from django.core import mail

from smartdistrict.feedback.models import Report, ResidentCode
from smartdistrict.feedback.services import my_reports

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _mail(settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    settings.RESIDENT_CODE_RATES = ["20/m"]


@pytest.fixture
def ask(client, django_capture_on_commit_callbacks):
    """Ask for a code: the message is sent once the request's transaction commits."""
    def post(address):
        with django_capture_on_commit_callbacks(execute=True):
            return client.post("/my/", {"address": address})
    return post


def sign_in(client, ask, address="Bi.Mat@example.com"):
    mail.outbox.clear()
    response = ask(address)
    assert response.status_code == 302 and response["Location"] == "/my/verify"
    code = re.search(r"\b(\d{6})\b", mail.outbox[-1].body).group(1)
    assert client.post("/my/verify", {"code": code}).status_code == 302
    return code


def test_a_resident_signs_in_with_a_code_and_sees_all_their_reports(client, ask, make_report):
    mine = [make_report(), make_report(ward="26944")]
    other = make_report(reporter_email="nguoi.khac@example.com")
    assert 'id="my-sign-in"' in client.get("/my/").content.decode()
    code = sign_in(client, ask)
    assert mail.outbox[-1].to == ["bi.mat@example.com"]
    page = client.get("/my/").content.decode()
    listed = set(re.findall(r'data-code="([^"]+)"', page))
    assert listed == {r.code for r in mine} and other.code not in listed
    assert "?token=" in page  # links to rate, reopen, answer
    client.post("/my/sign-out")
    again = client.post("/my/", {"address": "bi.mat@example.com"})
    assert again.status_code == 302
    assert client.post("/my/verify", {"code": code}).status_code == 400  # used once


def test_no_code_for_an_address_without_reports_and_the_same_answer(client, ask, make_report):
    make_report()
    mail.outbox.clear()
    response = ask("khong.ai@example.com")
    assert response.status_code == 302 and response["Location"] == "/my/verify"
    assert mail.outbox == []
    assert client.post("/my/", {"address": "không phải địa chỉ"}).status_code == 400


def test_a_code_takes_five_tries_at_most(client, ask, make_report):
    make_report()
    ask("bi.mat@example.com")
    code = re.search(r"\b(\d{6})\b", mail.outbox[-1].body).group(1)
    wrong = f"{(int(code) + 1) % 1_000_000:06d}"
    for _ in range(my_reports.MAX_ATTEMPTS):
        assert client.post("/my/verify", {"code": wrong}).status_code == 400
    assert client.post("/my/verify", {"code": code}).status_code == 400
    stored = ResidentCode.objects.get()
    assert len(stored.code_hash) == 64 and stored.attempts == my_reports.MAX_ATTEMPTS


def test_code_requests_are_throttled(client, make_report, settings):
    settings.RESIDENT_CODE_RATES = ["2/m"]
    make_report()
    for _ in range(2):
        assert client.post("/my/", {"address": "bi.mat@example.com"}).status_code == 302
    refused = client.post("/my/", {"address": "bi.mat@example.com"})
    assert refused.status_code == 429 and "Retry-After" in refused


def test_by_phone_only_where_sms_is_configured(client, make_report):
    make_report()
    refused = client.post("/my/", {"address": "0912 345 678"})
    assert refused.status_code == 400
    assert "e-mail" in refused.content.decode() or "thư điện tử" in refused.content.decode()
    phone = my_reports.address_clean("0912345678")
    assert my_reports.resident_reports(phone).count() == 1  # "0912…" stored, "+84…" asked


def test_correct_then_erase_the_contact(client, ask, make_report):
    reports = [make_report(), make_report()]
    sign_in(client, ask)
    client.post("/my/contact", {"name": "Nguyễn Thị B", "phone": "0987 000 111",
                                "email": "moi@example.com"})
    for report in reports:
        report.refresh_from_db()
        assert (report.reporter_name, report.reporter_phone, report.reporter_email) == (
            "Nguyễn Thị B", "0987000111", "moi@example.com")
    assert 'data-code="' in client.get("/my/").content.decode()  # still signed in, new address
    response = client.post("/my/erase", {"confirm": "yes"}, follow=True)
    assert response.status_code == 200
    for report in reports:
        report.refresh_from_db()
        assert (report.reporter_name, report.reporter_phone, report.reporter_email) == ("", "", "")
        assert report.personal_data_removed_at is not None
    assert 'id="my-sign-in"' in client.get("/my/").content.decode()
    assert Report.objects.count() == 2  # the reports stay


def test_by_phone_the_code_goes_by_sms_when_a_gateway_is_configured(client, make_report,
                                                                     settings, on_commit_sms):
    make_report()
    response = on_commit_sms(lambda: client.post("/my/", {"address": "0912 345 678"}))
    assert response.status_code == 302
    [sent] = on_commit_sms.gateway.requests
    assert sent.json()["to"] == "+84912345678"
    code = re.search(r"\b(\d{6})\b", sent.json()["text"]).group(1)
    assert mail.outbox == []  # by SMS only
    assert client.post("/my/verify", {"code": code}).status_code == 302
    assert 'data-code="' in client.get("/my/").content.decode()


@pytest.fixture
def on_commit_sms(settings, django_capture_on_commit_callbacks):
    """SMS on, through the local stand-in gateway (docs/channels.md)."""
    from smartdistrict.core.testing.standin import Answer, StandIn

    with StandIn(lambda request: Answer(202, {"id": "gw-1"})) as server:
        settings.SMS_GATEWAY_URL = f"{server.url}/v1/sms"
        settings.SMS_GATEWAY_TOKEN = "gateway-token"
        settings.SMS_SENDER = "SMARTDIST"

        def run(action):
            with django_capture_on_commit_callbacks(execute=True):
                return action()
        run.gateway = server
        yield run
