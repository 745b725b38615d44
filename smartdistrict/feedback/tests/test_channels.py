"""Notification channels: the registry, e-mail, and SMS through an HTTP gateway (a local
stand-in following the adapter's documented request, docs/channels.md)."""

from __future__ import annotations

import pytest
from django.core import mail

from smartdistrict.core.testing.standin import Answer, StandIn
from smartdistrict.feedback.channels import DeliveryRefused, Kind, Message, send
from smartdistrict.feedback.channels.sms import e164, sms_text
from smartdistrict.feedback.models import Status
from smartdistrict.feedback.services.workflow import report_transition


@pytest.fixture
def gateway(settings):
    """SMS on, through a stand-in gateway answering 202 unless a test says otherwise."""
    with StandIn(lambda request: Answer(202, {"id": "gw-1"})) as server:
        settings.SMS_GATEWAY_URL = f"{server.url}/v1/sms"
        settings.SMS_GATEWAY_TOKEN = "gateway-token"
        settings.SMS_SENDER = "SMARTDIST"
        settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
        yield server


def test_phone_numbers_are_written_in_e164():
    assert e164("0912 345 678") == "+84912345678"
    assert e164("84912345678") == "+84912345678"
    assert e164("+84 912.345.678") == "+84912345678"
    with pytest.raises(DeliveryRefused):
        e164("12345")


def test_sms_text_loses_its_marks_and_is_cut_to_the_limit():
    assert sms_text("Phản ánh HCM-2026-000001 đã được xử lý", ascii_only=True, limit=160) == (
        "Phan anh HCM-2026-000001 da duoc xu ly"
    )
    assert sms_text("Đường  Nơ Trang Long", ascii_only=False, limit=160) == "Đường Nơ Trang Long"
    cut = sms_text("x" * 400, ascii_only=True, limit=20)
    assert len(cut) == 20 and cut.endswith("...")


def test_without_a_gateway_url_no_sms_is_sent(settings, make_report,
                                             django_capture_on_commit_callbacks):
    settings.SMS_GATEWAY_URL = ""
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    with StandIn() as server, django_capture_on_commit_callbacks(execute=True):
        make_report()
    assert server.requests == []
    assert any(m.to == ["bi.mat@example.com"] for m in mail.outbox)


def test_a_resident_with_a_phone_is_told_by_sms_and_by_email(
        gateway, make_report, officer, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        report = make_report()
    mail.outbox.clear()
    gateway.requests.clear()
    with django_capture_on_commit_callbacks(execute=True):
        report_transition(report=report, to=Status.RESOLVED, actor=officer, note="Đã thu gom.")
    [request] = gateway.requests
    assert request.method == "POST" and request.path == "/v1/sms"
    assert request.headers["authorization"] == "Bearer gateway-token"
    body = request.json()
    assert set(body) == {"to", "text", "sender", "reference"}
    assert body["to"] == "+84912345678" and body["sender"] == "SMARTDIST"
    assert report.code in body["text"] and body["text"].isascii()
    assert request.headers["idempotency-key"] == body["reference"]
    assert [m.to for m in mail.outbox] == [["bi.mat@example.com"]]


def test_a_gateway_that_is_down_does_not_stop_email_and_is_retried(
        gateway, make_report, django_capture_on_commit_callbacks, monkeypatch):
    from smartdistrict.feedback.channels import sending

    retried = []
    monkeypatch.setattr(sending, "channel_retry", lambda name, data: retried.append(name))
    gateway.answer = lambda request: Answer(503, {"error": "busy"})
    with django_capture_on_commit_callbacks(execute=True):
        make_report()
    assert len(gateway.requests) == 1
    assert retried == ["sms"]
    assert any(m.to == ["bi.mat@example.com"] for m in mail.outbox)


def test_a_refused_number_is_not_retried(gateway, monkeypatch):
    from smartdistrict.feedback.channels import sending

    retried = []
    monkeypatch.setattr(sending, "channel_retry", lambda name, data: retried.append(name))
    gateway.answer = lambda request: Answer(400, {"error": "invalid number"})
    taken = send(Message(phone="0912345678", subject="x", body="y", kind=Kind.CODE),
                 via=["sms"])
    assert taken == [] and retried == [] and len(gateway.requests) == 1


def test_a_retry_job_sends_again_through_the_one_channel(gateway):
    from smartdistrict.feedback.channels import channel_retry

    message = Message(email="a@example.com", phone="0912345678", subject="Mã xác thực",
                      body="Mã của bạn: 123456", sms="Ma xac thuc: 123456", kind=Kind.CODE)
    channel_retry("sms", message.as_data())
    assert [r.json()["text"] for r in gateway.requests] == ["Ma xac thuc: 123456"]
    assert mail.outbox == []


def test_a_one_time_code_goes_only_where_it_is_asked(gateway):
    message = Message(email="a@example.com", phone="0912345678", subject="Mã xác thực",
                      body="Mã của bạn: 123456", sms="Ma xac thuc: 123456", kind=Kind.CODE)
    assert send(message, via=["sms"]) == ["sms"]
    assert mail.outbox == [] and len(gateway.requests) == 1
    assert send(message) == ["email", "sms"]
    assert len(mail.outbox) == 1 and len(gateway.requests) == 2
