"""Proof and accountability: resolving with a public note and photos of the fix (required
where the category says so), refusal reasons from the administrator's list, and the
resident told at every step with the note and the photo links."""

import pytest
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile

from smartdistrict.core.errors import InvalidInput
from smartdistrict.feedback.models import Category, Photo, PhotoStage, RefusalReason, Status
from smartdistrict.feedback.services.workflow import refusal_note, report_transition
from smartdistrict.feedback.tests.photo_samples import SECRETS, encode, gps_exif, two_colour

pytestmark = pytest.mark.django_db


@pytest.fixture
def inbox(settings, tmp_path):
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    settings.MEDIA_ROOT = tmp_path
    settings.PUBLIC_BASE_URL = "https://phananh.example.vn"


def jpeg_with_gps() -> bytes:
    return encode(two_colour((64, 48)), "JPEG", exif=gps_exif())


def to_resident(address="bi.mat@example.com"):
    return [m for m in mail.outbox if m.to == [address]]


def test_resolving_with_photos_of_the_fix_stores_them_clean_and_tells_the_resident(
        inbox, make_report, officer, django_capture_on_commit_callbacks):
    report = make_report()
    mail.outbox.clear()
    upload = SimpleUploadedFile("sau.jpg", jpeg_with_gps(), content_type="image/jpeg")
    with django_capture_on_commit_callbacks(execute=True):
        report_transition(report=report, to=Status.RESOLVED, actor=officer,
                          note="Đã thu gom toàn bộ rác và rửa mặt đường.", photos=[upload])
    after = Photo.objects.get(report=report)
    assert after.stage == PhotoStage.AFTER
    stored = after.image.read()
    assert not any(secret in stored for secret in SECRETS)  # the same pipeline: no EXIF
    [message] = to_resident()
    assert "Đã thu gom toàn bộ rác và rửa mặt đường." in message.body
    assert f"https://phananh.example.vn{after.image.url}" in message.body


def test_a_category_that_requires_a_photo_of_the_fix_cannot_be_resolved_without(
        inbox, make_report, officer):
    assert Category.objects.get(code="quang-cao-trai-phep").after_photo_required  # pack data
    report = make_report(category="quang-cao-trai-phep",
                         description="Quảng cáo dán đầy trụ điện đầu hẻm, rất mất mỹ quan.")
    with pytest.raises(InvalidInput) as refused:
        report_transition(report=report, to=Status.RESOLVED, actor=officer, note="Đã bóc.")
    assert (refused.value.code, refused.value.field) == ("after_photo_required", "photos")
    report.refresh_from_db()
    assert report.status == Status.NEW
    report_transition(report=report, to=Status.RESOLVED, actor=officer, note="Đã bóc.",
                      photos=[jpeg_with_gps()])
    report.refresh_from_db()
    assert report.status == Status.RESOLVED


def test_photos_go_only_with_a_resolution(inbox, make_report, officer):
    report = make_report()
    with pytest.raises(InvalidInput) as refused:
        report_transition(report=report, to=Status.IN_PROGRESS, actor=officer,
                          photos=[jpeg_with_gps()])
    assert refused.value.code == "photos_only_when_resolving"
    assert not Photo.objects.filter(report=report).exists()


def test_the_resident_is_told_at_every_step_with_the_note(
        inbox, make_report, officer, django_capture_on_commit_callbacks):
    report = make_report()
    steps = [
        (Status.ASSIGNED, {"assignee": officer}, ""),
        (Status.IN_PROGRESS, {}, "Tổ vệ sinh sẽ đến trong sáng nay."),
        (Status.RESOLVED, {}, "Đã thu gom."),
        (Status.REOPENED, {}, "Người dân báo rác lại bị đổ."),
    ]
    for to, extra, note in steps:
        mail.outbox.clear()
        with django_capture_on_commit_callbacks(execute=True):
            report_transition(report=report, to=to, actor=officer, note=note, **extra)
        [message] = to_resident()
        assert report.code in message.body and "token=" in message.body, to
        if note:
            assert note in message.body, to


def test_refusal_reasons_come_from_the_administrators_list(
        inbox, make_report, officer, django_capture_on_commit_callbacks):
    reason = RefusalReason.objects.get(code="ngoai-tham-quyen")  # the demo's (seed_demo)
    reason.text = "Việc này thuộc Ban quản lý chung cư."
    reason.save()
    note = refusal_note(reason_code="ngoai-tham-quyen", details="Số điện thoại của Ban ở bảng tin.")
    assert note == "Việc này thuộc Ban quản lý chung cư.\nSố điện thoại của Ban ở bảng tin."
    assert refusal_note(reason_code="", details="Lý do riêng.") == "Lý do riêng."
    with pytest.raises(InvalidInput) as unknown:
        refusal_note(reason_code="khong-co", details="")
    assert unknown.value.field == "reason"
    report = make_report()
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        report_transition(report=report, to=Status.REJECTED, actor=officer, note=note)
    [message] = to_resident()
    assert "Việc này thuộc Ban quản lý chung cư." in message.body


def test_the_console_resolves_with_a_photo_and_refuses_with_a_reason(
        inbox, client, make_report, officer):
    client.force_login(officer)
    report = make_report()
    page = client.get(f"/console/reports/{report.code}").content.decode()
    assert 'enctype="multipart/form-data"' in page and 'name="resolve-photos"' in page
    assert 'name="reject-reason"' in page and 'value="ngoai-tham-quyen"' in page
    upload = SimpleUploadedFile("sau.jpg", jpeg_with_gps(), content_type="image/jpeg")
    response = client.post(f"/console/reports/{report.code}/actions/resolve",
                           {"resolve-note": "Đã xử lý xong.", "resolve-photos": [upload]})
    assert response.status_code == 302
    assert Photo.objects.filter(report=report, stage=PhotoStage.AFTER).count() == 1
    staff_page = client.get(f"/console/reports/{report.code}").content.decode()
    assert 'class="photo-after"' in staff_page
    public = client.get(f"/track/{report.code}").content.decode()
    assert 'id="report-after-photos"' in public and 'id="report-photos"' not in public
    other = make_report()
    response = client.post(f"/console/reports/{other.code}/actions/reject",
                           {"reject-reason": "khong-ghi-nhan", "reject-note": ""})
    assert response.status_code == 302
    other.refresh_from_db()
    assert other.status == Status.REJECTED
    assert other.events.get(to_status=Status.REJECTED).note.startswith("Cán bộ đã kiểm tra")


def test_the_administrator_edits_the_refusal_reasons(client):
    from smartdistrict.accounts.models import User

    client.force_login(User.objects.get(username="admin"))
    listing = client.get("/admin/feedback/refusalreason/")
    assert listing.status_code == 200 and "ngoai-tham-quyen" in listing.content.decode()
    reason = RefusalReason.objects.get(code="thieu-thong-tin")
    response = client.post(f"/admin/feedback/refusalreason/{reason.pk}/change/", {
        "code": reason.code, "text": "Thiếu vị trí cụ thể.", "text_en": "No exact place.",
        "active": "on", "order": "1"})
    assert response.status_code == 302
    assert refusal_note(reason_code="thieu-thong-tin") == "Thiếu vị trí cụ thể."
