"""The report form as a plain HTML POST: created with a photo, or shown again with every
error next to its field, in Vietnamese, with what was typed."""

import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from smartdistrict.feedback.models import Report
from smartdistrict.portal.report_form import question_field
from smartdistrict.portal.tests.conftest import WARD_POINTS

pytestmark = pytest.mark.django_db
LAT, LON = WARD_POINTS["26911"]  # Bình Quới


def form(**values):
    data = {
        "category": "rac-thai",
        "description": "Rác thải đổ trộm ở đầu hẻm 12, bốc mùi hôi suốt ba ngày.",
        "lat": str(LAT), "lon": str(LON), "address": "Hẻm 12 Bình Quới",
        "reporter_name": "", "reporter_phone": "", "reporter_email": "",
        "idempotency_key": "portal-" + "a" * 32,
    }
    data.update(values)
    return data


def error_of(page: str, field: str) -> str:
    slot = rf'<p class="field-error" id="error-{re.escape(field)}"[^>]*>([^<]*)</p>'
    match = re.search(slot, page)
    assert match, f"no error slot for {field}"
    return match.group(1)


def test_the_empty_form_has_the_steps_and_csrf(client):
    page = client.get("/report/").content.decode()
    for marker in ('id="report-form"', 'id="report-map"', 'id="use-location"', 'id="id_address"',
                   'id="id_description"', 'id="id_category"', 'id="id_photos"', 'id="contact-use"',
                   'name="csrfmiddlewaretoken"', 'name="idempotency_key"', 'id="submit-report"'):
        assert marker in page, marker
    assert 'lang="vi"' in page and "Gửi phản ánh" in page


def test_a_report_with_a_photo_is_created_and_its_code_shown(client, photo):
    response = client.post("/report/", {**form(reporter_email="ban.doc@example.com"),
                                        "photos": [photo]})
    assert response.status_code == 302 and response["Location"] == "/report/sent/"
    report = Report.objects.get(idempotency_key="portal-" + "a" * 32)
    assert report.channel == "web" and report.ward.code == "26911"
    assert report.category.code == "rac-thai" and report.photos.count() == 1
    assert report.reporter_email == "ban.doc@example.com"
    page = client.get("/report/sent/").content.decode()
    assert f'<strong id="report-code">{report.code}</strong>' in page
    link = re.search(r'id="track-link" href="([^"]+)"', page).group(1)
    assert link.startswith(f"/track/{report.code}?token=")
    track = client.get(link.replace("&amp;", "&")).content.decode()
    assert report.code in track and 'id="report-photos"' in track


def test_sending_twice_creates_one_report(client):
    client.post("/report/", form())
    client.post("/report/", form())
    assert Report.objects.filter(idempotency_key="portal-" + "a" * 32).count() == 1


def test_errors_are_next_to_their_fields_in_vietnamese_and_values_are_kept(client, photo):
    response = client.post("/report/", {**form(
        category="", description="ngắn", lat="", lon="", address="Phường 99 gì đó",
        reporter_name="Nguyễn Văn Giữ", reporter_phone="12345", reporter_email="không-phải-email",
    ), "photos": [photo]})
    assert response.status_code == 200
    page = response.content.decode()
    assert "ít nhất 10 ký tự" in error_of(page, "description")
    assert "lĩnh vực" in error_of(page, "category")
    assert "Không nhận ra phường" in error_of(page, "address")
    assert "số điện thoại" in error_of(page, "reporter_phone")
    assert "thư điện tử hợp lệ" in error_of(page, "reporter_email")
    assert error_of(page, "photos") == ""
    # Everything typed comes back, the photo is announced as lost.
    assert ">ngắn</textarea>" in page
    assert 'value="Phường 99 gì đó"' in page and 'value="Nguyễn Văn Giữ"' in page
    assert 'value="12345"' in page and 'value="không-phải-email"' in page
    assert 'id="photos-lost"' in page and 'value="portal-' + "a" * 32 + '"' in page
    assert 'aria-invalid="true"' in page
    assert not Report.objects.filter(idempotency_key="portal-" + "a" * 32).exists()


def test_a_missing_place_is_one_error_at_the_map(client):
    page = client.post("/report/", form(lat="", lon="", address="")).content.decode()
    assert "bản đồ" in error_of(page, "location")


def test_a_point_outside_the_city_is_refused(client):
    page = client.post("/report/", form(lat="10.0339", lon="105.7880")).content.decode()
    assert error_of(page, "location")
    assert not Report.objects.exists() or not Report.objects.filter(
        idempotency_key="portal-" + "a" * 32).exists()


def test_an_address_alone_is_enough(client):
    response = client.post("/report/", form(lat="", lon="", address="12 Nguyễn Xí, P.13, Q.BT"))
    assert response.status_code == 302
    report = Report.objects.get(idempotency_key="portal-" + "a" * 32)
    assert report.ward.code == "26905" and report.lat is None


def test_a_file_that_is_not_a_photo_is_refused_next_to_the_photos(client):
    bad = SimpleUploadedFile("notes.jpg", b"not an image at all", content_type="image/jpeg")
    page = client.post("/report/", {**form(), "photos": [bad]}).content.decode()
    assert "JPEG, PNG" in error_of(page, "photos")
    assert "“notes.jpg”" in error_of(page, "photos")  # which of the files was refused
    assert 'id="photos-lost"' in page
    assert not Report.objects.filter(idempotency_key="portal-" + "a" * 32).exists()


def test_more_than_five_photos_are_refused(client):
    photos = [SimpleUploadedFile(f"p{i}.jpg", b"x", content_type="image/jpeg") for i in range(6)]
    page = client.post("/report/", {**form(), "photos": photos}).content.decode()
    assert "5" in error_of(page, "photos")


def test_a_required_question_is_asked_next_to_itself(client):
    field = question_field("den-giao-thong", "tinh_trang")
    page = client.post("/report/", form(category="den-giao-thong",
                                        description="Đèn giao thông ở ngã tư bị hỏng từ sáng.")
                       ).content.decode()
    assert "Tình trạng đèn" in error_of(page, field)
    response = client.post("/report/", {**form(category="den-giao-thong",
                                               description="Đèn giao thông ở ngã tư bị hỏng."),
                                        field: "tat"})
    assert response.status_code == 302
    assert Report.objects.get(idempotency_key="portal-" + "a" * 32).attributes == {
        "tinh_trang": "tat"}


def test_answers_to_other_categories_questions_are_ignored(client):
    response = client.post("/report/", {**form(), question_field("ngap-nuoc", "do_sau_cm"): "30"})
    assert response.status_code == 302
    assert Report.objects.get(idempotency_key="portal-" + "a" * 32).attributes == {}


def test_the_sent_page_needs_a_report_just_sent(client):
    assert client.get("/report/sent/")["Location"] == "/report/"


def test_english_errors_in_english(client):
    client.cookies["django_language"] = "en"
    page = client.post("/report/", form(category="khac", description="short")).content.decode()
    assert 'lang="en"' in page
    assert "at least 10 characters" in error_of(page, "description")
    assert "Send the report" in page


def test_an_unchosen_category_asks_for_one(client):
    page = client.post("/report/", {**form(), "category": ""}).content.decode()
    assert error_of(page, "category").startswith("Hãy chọn")
    assert "không tồn tại" not in error_of(page, "category")


def test_the_english_form_has_no_vietnamese_left(client):
    """The category questions' choices come from the city pack: English where it gives
    "name_en" (it did not, and "Tắt hẳn" showed on the English page)."""
    from smartdistrict.core.tests.english import vietnamese_interface

    html = client.get("/report/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert '<html lang="en">' in html
    assert "Completely off" in html and "Street vendors" in html
    assert vietnamese_interface(html) == []


def test_the_readme_describes_the_steps_the_form_has():
    """The README once said three steps where the page numbers two."""
    from pathlib import Path

    readme = (Path(__file__).resolve().parents[3] / "README.md").read_text(encoding="utf-8")
    assert "two-step report form" in readme and "three-step" not in readme
    template = (Path(__file__).resolve().parents[1] / "templates/portal/report_form.html")
    steps = template.read_text(encoding="utf-8").count('class="step-number"')
    assert steps == 2
    assert "Two short steps" in template.read_text(encoding="utf-8")
