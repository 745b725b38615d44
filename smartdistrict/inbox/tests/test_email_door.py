"""The e-mail door without the listener: replies by code, automatic mail, refusals."""

from __future__ import annotations

from email.message import EmailMessage

import pytest
from django.core import mail

from smartdistrict.feedback.models import Channel, Event, Report
from smartdistrict.inbox.email_door import mail_receive
from smartdistrict.inbox.mail import new_text, read_mail
from smartdistrict.inbox.models import InboundMessage, Outcome

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _mail(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"


def raw(text: str, subject: str = "Đèn đường tắt", sender: str = "dan@example.com",
        **headers: str) -> bytes:
    message = EmailMessage()
    message["From"], message["To"], message["Subject"] = sender, "phananh@localhost", subject
    for name, value in headers.items():
        message[name.replace("_", "-")] = value
    message.set_content(text)
    return bytes(message)


def test_a_report_by_address_only_and_a_reply_naming_its_code():
    kept = mail_receive(raw("Đèn đường trước số 10 Nguyễn Xí tắt cả tuần nay.\n"
                            "P.13, Q. Bình Thạnh"))
    report = kept.report
    assert kept.outcome == Outcome.CREATED and report.channel == Channel.EMAIL
    assert report.ward.name == "Phường Bình Lợi Trung"
    # Another sender naming the code (public) is not the resident: a new message, refused
    # here because it names no place.
    stranger = mail_receive(raw("Tôi cũng thấy vậy", subject=f"Về {report.code}",
                                sender="khac@example.com"))
    assert stranger.report is None and stranger.outcome == Outcome.REFUSED
    # The resident, by hand, with the code in the subject: added to the report.
    added = mail_receive(raw("Đã có người đến xem nhưng chưa sửa.", subject=report.code))
    assert added.outcome == Outcome.ADDED and added.report == report
    assert Event.objects.filter(report=report, actor_role="resident", public=False).exists()


def test_automatic_mail_is_kept_and_never_answered():
    kept = mail_receive(raw("Tôi đang đi vắng.", Auto_Submitted="auto-replied"))
    assert kept.outcome == Outcome.IGNORED and mail.outbox == []


def test_a_refusal_says_why_and_keeps_the_message():
    kept = mail_receive(raw("Có chuyện", subject=""))
    assert kept.outcome == Outcome.REFUSED and "address" in kept.reason
    assert Report.objects.count() == 0
    assert InboundMessage.objects.get() == kept
    answer = mail.outbox[-1]
    assert answer.to == ["dan@example.com"] and answer.subject.startswith("Re:")


def test_a_redelivered_message_is_one_report():
    message = raw("Cây xanh ngã chắn ngang hẻm, Phường 13, Bình Thạnh.", Message_ID="<a@b>")
    first, second = mail_receive(message), mail_receive(message)
    assert first.report == second.report and Report.objects.count() == 1


def test_unreadable_bytes_are_kept_with_their_reason():
    kept = mail_receive(b"\x00\xff garbage without headers", envelope_sender="x@example.com")
    assert kept.outcome == Outcome.REFUSED and kept.reason
    assert mail.outbox[-1].to == ["x@example.com"]
    assert bytes(kept.raw) == b"\x00\xff garbage without headers"


def test_quoted_history_and_signature_are_left_out():
    assert new_text("Mới\n\nVào 10:00 Smartdistrict đã viết:\n> cũ") == "Mới"
    assert new_text("Mới\n-- \nchữ ký") == "Mới"
    assert read_mail(raw("x", subject="[HCM-2026-000001] Re: a")).codes == ["HCM-2026-000001"]


def test_a_reply_giving_the_missing_place_completes_the_first_message():
    first = mail_receive(raw("Cây xanh gãy nhánh đè lên dây điện, rất nguy hiểm.",
                             subject="Cây gãy", Message_ID="<tree@example.com>"))
    assert first.outcome == Outcome.REFUSED and first.reply_id
    reply = mail_receive(raw("Ở hẻm 30, Phường 13, Bình Thạnh", subject="Re: Cây gãy",
                             In_Reply_To=first.reply_id, Message_ID="<tree2@example.com>"))
    assert reply.outcome == Outcome.CREATED
    report = reply.report
    assert report.ward.name == "Phường Bình Lợi Trung"
    assert "Cây xanh gãy nhánh" in report.description and "Cây gãy" in report.description
