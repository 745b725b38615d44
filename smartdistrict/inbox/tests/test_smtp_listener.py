"""Issue 14, acceptance 2: the real SMTP listener, started in-process on a free port,
receives a message sent with smtplib and the report appears, photo without EXIF, with
an answer carrying its code; a reply adds to the timeline; a malformed message is
answered and kept."""

from __future__ import annotations

import smtplib
import socket
from email.message import EmailMessage

import pytest
from django.core import mail

from smartdistrict.feedback.models import Channel, Event, Report
from smartdistrict.feedback.tests.photo_samples import (
    assert_metadata_free,
    encode,
    gps_exif,
    two_colour,
)
from smartdistrict.inbox.models import InboundMessage, Outcome
from smartdistrict.inbox.smtp import intake_listener

RESIDENT = "nguoi.dan@example.com"


@pytest.fixture
def seeded(transactional_db, settings, tmp_path):
    """The listener's thread has its own database connection: the test's data must be
    committed (a transactional test starts from an emptied database)."""
    from smartdistrict.demo.data import seed_demo

    settings.MEDIA_ROOT = tmp_path
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    settings.EMAIL_INTAKE_ADDRESS = "phananh@smartdistrict.test"
    seed_demo()


@pytest.fixture
def listener(seeded):
    with socket.socket() as probe:  # a free port, then released for the listener
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    server = intake_listener("127.0.0.1", port)
    server.start()
    yield server
    server.stop()
    server.handler.close()


def send(listener, message: EmailMessage | bytes, sender: str = RESIDENT) -> None:
    with smtplib.SMTP(listener.hostname, listener.port, timeout=30) as client:
        if isinstance(message, bytes):
            client.sendmail(sender, ["phananh@smartdistrict.test"], message)
        else:
            client.send_message(message)


def test_a_mail_with_a_photo_and_a_ward_becomes_a_report_and_is_answered(listener):
    message = EmailMessage()
    message["From"] = f"Nguyễn Văn Dân <{RESIDENT}>"
    message["To"] = "phananh@smartdistrict.test"
    message["Subject"] = "Ổ gà lớn trước nhà"
    message["Message-ID"] = "<first@example.com>"
    message.set_content("Ổ gà sâu giữa đường, xe máy té mấy lần rồi.\n"
                        "Địa chỉ: 45 Nơ Trang Long, Phường 13, Bình Thạnh.\n\n-- \nDân")
    photo = encode(two_colour(), "JPEG", exif=gps_exif())
    message.add_attachment(photo, maintype="image", subtype="jpeg", filename="o-ga.jpg")
    send(listener, message)

    report = Report.objects.get()
    assert report.channel == Channel.EMAIL
    assert report.ward.name == "Phường Bình Lợi Trung"
    assert report.reporter_email == RESIDENT and report.reporter_name == "Nguyễn Văn Dân"
    assert "Ổ gà sâu giữa đường" in report.description and "Dân" not in report.description[-5:]
    assert report.address == "Địa chỉ: 45 Nơ Trang Long, Phường 13, Bình Thạnh"
    stored = report.photos.get()
    assert_metadata_free(stored.image.read())
    answer = mail.outbox[-1]
    assert answer.to == [RESIDENT]
    assert report.code in answer.subject and report.code in answer.body
    assert answer.extra_headers["In-Reply-To"] == "<first@example.com>"
    assert answer.extra_headers["Auto-Submitted"] == "auto-replied"
    kept = InboundMessage.objects.get()
    assert (kept.outcome, kept.report, kept.reply_id) == (
        Outcome.CREATED, report, answer.extra_headers["Message-ID"])

    # The resident answers our mail: the answer goes to the report's timeline.
    reply = EmailMessage()
    reply["From"] = RESIDENT
    reply["To"] = "phananh@smartdistrict.test"
    reply["Subject"] = f"Re: {answer.subject}"
    reply["In-Reply-To"] = answer.extra_headers["Message-ID"]
    reply["References"] = f"<first@example.com> {answer.extra_headers['Message-ID']}"
    reply.set_content("Chiều nay ổ gà còn sâu hơn.\n\n> Chúng tôi đã nhận phản ánh")
    send(listener, reply)
    assert Report.objects.count() == 1
    note = Event.objects.filter(report=report, actor_role="resident", kind="note").get()
    assert "Chiều nay ổ gà còn sâu hơn." in note.note and "Chúng tôi" not in note.note
    assert InboundMessage.objects.filter(outcome=Outcome.ADDED, report=report).count() == 1

    # A malformed message: answered politely, kept with its reason, nothing created.
    before = len(mail.outbox)
    send(listener, b"From: " + RESIDENT.encode() + b"\r\nSubject: \r\nContent-Type: "
         b"multipart/mixed; boundary=\"x\"\r\n\r\n--x\r\nContent-Type: text/plain\r\n"
         b"Content-Transfer-Encoding: base64\r\n\r\n!!!!\r\n")
    assert Report.objects.count() == 1
    refused = InboundMessage.objects.order_by("-id").first()
    assert refused.outcome == Outcome.REFUSED and refused.reason == "empty"
    assert b"multipart/mixed" in bytes(refused.raw)
    assert len(mail.outbox) == before + 1 and mail.outbox[-1].to == [RESIDENT]
    assert "kept" in mail.outbox[-1].body or "lưu" in mail.outbox[-1].body
