"""Issue 14, acceptance 3: the Zalo door and channel against a local stand-in of Zalo (a
real HTTP server following the published formats: Zalo cannot be reached from here).

A bad signature is refused; a text + location + photo conversation creates one report;
a state change sends one OA message of the documented shape."""

from __future__ import annotations

import hashlib
import json

import pytest

from smartdistrict.core.testing.standin import Answer, StandIn
from smartdistrict.feedback.models import Channel, Event, Report, ReportConversation, Status
from smartdistrict.feedback.services.workflow import report_transition
from smartdistrict.feedback.tests.conftest import WARD_POINTS
from smartdistrict.feedback.tests.photo_samples import (
    assert_metadata_free,
    encode,
    gps_exif,
    two_colour,
)
from smartdistrict.feedback.tests.zalo_standin import TOKEN_PATH, ZaloFake
from smartdistrict.inbox.models import InboundMessage, Outcome

pytestmark = pytest.mark.django_db
APP_ID, SECRET, OA, USER = "3608465249409039", "oa-secret-key", "3886132808788086", "24684588352"
APP_SECRET = "app-secret-key"  # the app's, for OAuth; SECRET is the OA's, for the webhook
SEND = "/v3.0/oa/message/cs"
PHOTO = encode(two_colour(), "JPEG", exif=gps_exif())


@pytest.fixture
def zalo(settings, tmp_path):
    # Zalo's content server (the resident's photo), its OA API and its OAuth v4.
    fake = ZaloFake(app_id=APP_ID, secret_key=APP_SECRET, access_token="oa-access-token",
                    refresh_token="oa-refresh-token", photo=PHOTO)
    with StandIn(fake) as server:
        server.fake = fake
        settings.MEDIA_ROOT = tmp_path
        settings.ZALO_APP_ID, settings.ZALO_OA_SECRET_KEY = APP_ID, SECRET
        settings.ZALO_OA_ACCESS_TOKEN = "oa-access-token"
        settings.ZALO_OA_REFRESH_TOKEN, settings.ZALO_APP_SECRET_KEY = ("oa-refresh-token",
                                                                        APP_SECRET)
        settings.ZALO_API_URL = settings.ZALO_OAUTH_URL = server.url
        settings.ZALO_MEDIA_HOSTS = ["127.0.0.1"]
        settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
        yield server


def event(name: str, message: dict, msg_id: str) -> dict:
    return {"app_id": APP_ID, "user_id_by_app": "55217727971758", "event_name": name,
            "timestamp": "1765090000000", "sender": {"id": USER}, "recipient": {"id": OA},
            "message": {"msg_id": msg_id, **message}}


def post(client, body: dict, *, secret: str = SECRET, signature: str | None = None):
    raw = json.dumps(body, ensure_ascii=False).encode()
    mac = hashlib.sha256(body["app_id"].encode() + raw + body["timestamp"].encode()
                         + secret.encode()).hexdigest()
    return client.post("/zalo/webhook", raw, content_type="application/json",
                       HTTP_X_ZEVENT_SIGNATURE=signature if signature is not None
                       else f"mac={mac}")


def test_a_bad_signature_is_refused_and_nothing_kept(client, zalo):
    body = event("user_send_text", {"text": "Ổ gà"}, "t0")
    assert post(client, body, secret="not-the-secret").status_code == 401
    assert post(client, body, signature="").status_code == 401
    assert client.post("/zalo/webhook", b"[1]", content_type="application/json").status_code \
        == 400
    assert InboundMessage.objects.count() == 0 and zalo.requests == []


def test_text_location_photo_make_one_report_and_a_state_change_one_oa_message(
        client, zalo, officer, django_capture_on_commit_callbacks):
    lat, lon = WARD_POINTS["26911"]
    with django_capture_on_commit_callbacks(execute=True):
        text = post(client, event("user_send_text",
                                  {"text": "Rác đổ trộm đầu hẻm, bốc mùi mấy ngày nay"}, "t1"))
        assert text.status_code == 200 and text.json()["outcome"] == Outcome.WAITING
        location = post(client, event("user_send_location", {"text": "Hẻm 12", "attachments": [
            {"type": "location", "payload": {"coordinates": {"latitude": str(lat),
                                                             "longitude": str(lon)}}}]}, "t2"))
        assert location.json()["outcome"] == Outcome.CREATED
        photo = post(client, event("user_send_image", {"attachments": [
            {"type": "image", "payload": {"url": f"{zalo.url}/photo/a.jpg",
                                          "thumbnail": f"{zalo.url}/photo/a-t.jpg"}}]}, "t3"))
        assert photo.json()["outcome"] == Outcome.ADDED
        # Zalo delivers an event again: handled once.
        assert post(client, event("user_send_image", {"attachments": []}, "t3")).status_code == 200

    report = Report.objects.get()
    assert report.channel == Channel.ZALO and report.ward.code == "26911"
    assert report.description == "Rác đổ trộm đầu hẻm, bốc mùi mấy ngày nay"
    assert report.photos.count() == 1
    assert_metadata_free(report.photos.get().image.read())
    assert ReportConversation.objects.get(report=report).address == USER
    assert Event.objects.filter(report=report, actor_role="resident", kind="note").count() == 1
    assert InboundMessage.objects.filter(door="zalo").count() == 3
    answers = [r.json() for r in zalo.to(SEND)]
    assert len(answers) == 3 and all(a["recipient"] == {"user_id": USER} for a in answers)
    assert report.code in answers[1]["message"]["text"]  # the acknowledgement

    zalo.requests.clear()
    with django_capture_on_commit_callbacks(execute=True):
        report_transition(report=report, to=Status.RESOLVED, actor=officer,
                          note="Đã thu gom rác.")
    [update] = zalo.to(SEND)
    assert update.method == "POST" and update.headers["access_token"] == "oa-access-token"
    assert update.headers["content-type"] == "application/json"
    body = update.json()
    assert set(body) == {"recipient", "message"} and set(body["message"]) == {"text"}
    assert body["recipient"] == {"user_id": USER}
    assert report.code in body["message"]["text"]


def test_text_with_an_address_is_enough(client, zalo):
    response = post(client, event("user_send_text", {
        "text": "Cây xanh ngã chắn ngang đường\n45 Nơ Trang Long, Phường 13, Bình Thạnh"}, "a1"))
    assert response.json()["outcome"] == Outcome.CREATED
    assert Report.objects.get().ward.name == "Phường Bình Lợi Trung"


def test_other_events_are_kept_and_ignored(client, zalo):
    body = {"app_id": APP_ID, "event_name": "follow", "timestamp": "1765090000001",
            "follower": {"id": USER}, "oa_id": OA}
    assert post(client, body).json()["outcome"] == Outcome.IGNORED
    assert Report.objects.count() == 0


def test_photos_only_from_zalos_servers(client, zalo, settings):
    settings.ZALO_MEDIA_HOSTS = ["zdn.vn"]
    post(client, event("user_send_text", {"text": "Đèn đường tắt cả tuần nay rồi"}, "p1"))
    post(client, event("user_send_image", {"attachments": [
        {"type": "image", "payload": {"url": f"{zalo.url}/photo/a.jpg"}}]}, "p2"))
    assert [r for r in zalo.requests if r.method == "GET"] == []


def test_zalo_refusal_is_not_retried(zalo, make_report):
    from smartdistrict.feedback.channels import DeliveryRefused, Kind, Message
    from smartdistrict.feedback.channels.zalo import ZaloChannel

    report = make_report()
    ReportConversation.objects.create(report=report, channel=Channel.ZALO, address=USER)
    zalo.answer = lambda request: Answer(200, {"error": -213, "message": "user not follow"})
    with pytest.raises(DeliveryRefused) as refused:
        ZaloChannel().send(Message(subject="s", body="b", report_code=report.code,
                                   kind=Kind.STATUS))
    assert refused.value.code == "-213"
    assert not ZaloChannel().reaches(Message(report_code=report.code, kind=Kind.CODE))


def test_an_expired_token_is_renewed_and_the_resident_still_answered(client, zalo):
    zalo.fake.expire("oa-access-token")
    response = post(client, event("user_send_text", {
        "text": "Cây xanh ngã chắn ngang đường\n45 Nơ Trang Long, Phường 13, Bình Thạnh"}, "e1"))
    assert response.json()["outcome"] == Outcome.CREATED
    [(renewed, _refresh)] = zalo.fake.issued
    assert len(zalo.to(TOKEN_PATH)) == 1
    [(token, answer)] = zalo.fake.delivered
    assert token == renewed and Report.objects.get().code in answer["message"]["text"]


def test_anonymous_senders_are_kept_for_staff_and_not_answered(client, zalo):
    body = event("anonymous_send_text", {"text": "Đèn đường tắt cả tuần nay rồi",
                                         "conversation_id": "c-77"}, "an1")
    assert post(client, body).json()["outcome"] == Outcome.RECEIVED
    kept = InboundMessage.objects.get(door="zalo")
    assert kept.subject == "anonymous_send_text" and "c-77" in bytes(kept.raw).decode()
    assert "anonymous" in kept.reason
    assert Report.objects.count() == 0 and zalo.to(SEND) == []
