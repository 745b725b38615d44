"""Hotline intake: a call becomes a report in the right ward, with the keyboard alone."""

import re

import pytest

from smartdistrict.feedback.models import Channel, Report

pytestmark = pytest.mark.django_db

CALL = {
    "reporter_name": "Trần Văn Gọi",
    "reporter_phone": "0903 123 456",
    "address": "Hẻm 12, Phường 27, Quận Bình Thạnh",
    "category": "rac-thai",
    "description": "Người gọi báo rác đổ trộm dưới chân cầu mấy ngày nay.",
    "channel": "hotline",
    "idempotency_key": "console-test-1",
}


def test_form_is_labelled_ordered_and_focused_for_the_keyboard(operator_client):
    html = operator_client.get("/console/intake").content.decode()
    fields = re.findall(r'<(?:input|select|textarea)[^>]*\bname="([^"]+)"', html)
    visible = [f for f in fields if f not in ("csrfmiddlewaretoken", "idempotency_key",
                                              "lat", "lon", "language", "next")]
    assert visible[:7] == ["reporter_name", "reporter_phone", "address", "category",
                           "description", "channel", "channel"]
    for name in ("reporter_name", "reporter_phone", "address", "category", "description"):
        assert f'for="id_{name}"' in html
    assert re.search(r'<input[^>]*name="reporter_name"[^>]*autofocus', html)
    assert 'id="submit-intake"' in html and 'type="submit"' in html
    assert "tabindex" not in html  # the document order is the tab order
    assert 'value="hotline"' in html and 'value="radio"' in html
    assert re.search(r'value="hotline"[^>]*checked|checked[^>]*value="hotline"', html)


def test_call_creates_a_hotline_report_routed_to_the_ward(operator_client):
    response = operator_client.post("/console/intake", CALL)
    assert response.status_code == 302
    assert response["Location"] == "/console/intake"
    report = Report.objects.get()
    assert report.channel == Channel.HOTLINE
    assert report.ward.name == "Phường Bình Quới"  # the former Phường 27 is now Bình Quới
    assert report.department.units.filter(pk=report.ward_id).exists()
    assert report.reporter_phone == "0903123456"
    assert report.events.get(kind="created").actor.username == "tongdai"
    page = operator_client.get("/console/intake").content.decode()
    assert f'<strong id="created-code">{report.code}</strong>' in page
    assert "Phường Bình Quới" in page
    # A fresh form: nothing of the last call is left in it.
    assert "Trần Văn Gọi" not in page
    assert operator_client.get("/console/intake").content.decode().count(report.code) == 0


def test_radio_line_and_a_pin(operator_client):
    data = {**CALL, "channel": "radio", "address": "", "lat": "10.7983", "lon": "106.6990",
            "idempotency_key": "console-test-2"}
    operator_client.post("/console/intake", data)
    report = Report.objects.get()
    assert report.channel == Channel.RADIO
    assert report.ward.name == "Phường Gia Định"
    assert report.lat == pytest.approx(10.7983)


def test_other_channels_cannot_be_forged(operator_client):
    response = operator_client.post("/console/intake", {**CALL, "channel": "web"})
    assert response.status_code == 400
    assert 'id="id_channel_error"' in response.content.decode()
    assert not Report.objects.exists()


def test_errors_appear_at_their_field_and_nothing_typed_is_lost(operator_client):
    data = {**CALL, "category": "khac", "description": "ngắn",
            "address": "Phường 99, Quận Bình Thạnh"}
    response = operator_client.post("/console/intake", data)
    assert response.status_code == 400
    html = response.content.decode()
    assert 'id="id_description_error"' in html
    assert 'value="Trần Văn Gọi"' in html and 'value="0903 123 456"' in html
    assert "ngắn</textarea>" in html
    assert 'value="Phường 99, Quận Bình Thạnh"' in html
    assert re.search(r'<option value="khac" selected>', html)
    assert not Report.objects.exists()
    # Then the address is the problem, named at the address field, in Vietnamese.
    data["description"] = CALL["description"]
    html = operator_client.post("/console/intake", data).content.decode()
    assert 'id="id_address_error"' in html
    assert "Không nhận ra phường" in html


def test_no_address_and_no_pin_is_an_address_error(operator_client):
    response = operator_client.post("/console/intake", {**CALL, "address": ""})
    assert 'id="id_address_error"' in response.content.decode()


def test_required_extra_question_is_asked_and_kept(operator_client):
    data = {**CALL, "category": "den-giao-thong",
            "description": "Đèn giao thông ở ngã tư không hoạt động từ sáng."}
    response = operator_client.post("/console/intake", data)
    assert response.status_code == 400
    html = response.content.decode()
    assert 'id="id_attribute_tinh_trang_error"' in html
    data["attribute[tinh_trang]"] = "tat"
    assert operator_client.post("/console/intake", data).status_code == 302
    assert Report.objects.get().attributes == {"tinh_trang": "tat"}


def test_a_local_time_answer_gets_the_local_offset(operator_client):
    data = {**CALL, "category": "trom-cap",
            "description": "Người gọi bị giật điện thoại ở đầu hẻm.",
            "attribute[thoi_diem]": "2026-01-31T20:15"}
    assert operator_client.post("/console/intake", data).status_code == 302
    assert Report.objects.get().attributes["thoi_diem"] == "2026-01-31T20:15:00+07:00"


def test_sending_the_same_form_twice_creates_one_report(operator_client):
    operator_client.post("/console/intake", CALL)
    operator_client.post("/console/intake", CALL)
    assert Report.objects.count() == 1


def test_each_form_gets_its_own_key(operator_client):
    keys = {
        re.search(r'name="idempotency_key" value="([^"]+)"',
                  operator_client.get("/console/intake").content.decode()).group(1)
        for _ in range(2)
    }
    assert len(keys) == 2


def test_ward_hint_as_the_operator_types(operator_client):
    html = operator_client.get("/console/intake/ward?address=P.25 Bình Thạnh").content.decode()
    assert 'id="ward-found"' in html and "Thạnh Mỹ Tây" in html
    assert "Phường 25" in html  # the former ward the caller named
    html = operator_client.get("/console/intake/ward?address=Phường 99 Bình Thạnh").content.decode()
    assert 'id="ward-error"' in html
    html = operator_client.get("/console/intake/ward?lat=10.7983&lon=106.6990").content.decode()
    assert "Gia Định" in html
    html = operator_client.get("/console/intake/ward?lat=10.7725&lon=106.6980").content.decode()
    assert "Bến Thành" in html  # the former District 1: a ward of the city like any other
    html = operator_client.get("/console/intake/ward?lat=10.0339&lon=105.7880").content.decode()
    assert 'id="ward-error"' in html  # Cần Thơ: outside the city
    assert operator_client.get("/console/intake/ward?address=ab").content.decode().strip() == ""


def test_questions_of_the_chosen_category(operator_client):
    html = operator_client.get("/console/intake/questions?category=den-giao-thong").content.decode()
    assert 'name="attribute[tinh_trang]"' in html
    assert 'for="id_attribute_tinh_trang"' in html
    none = operator_client.get("/console/intake/questions?category=khac")
    assert none.content.decode().strip() == ""


def test_the_form_drives_htmx_for_the_ward_and_the_questions(operator_client):
    html = operator_client.get("/console/intake").content.decode()
    assert 'hx-get="/console/intake/ward"' in html and 'hx-target="#ward-hint"' in html
    assert 'hx-get="/console/intake/questions"' in html
    assert 'aria-live="polite"' in html


def test_ward_officer_may_take_a_call_too(officer_client):
    assert officer_client.post("/console/intake", CALL).status_code == 302
    assert Report.objects.get().channel == Channel.HOTLINE


def test_every_error_at_once_even_when_the_form_refuses_a_field(operator_client):
    """The form's own length check on the phone used to hide intake's errors."""
    data = {"reporter_phone": "0912 345 678 999 888 777 666", "channel": "hotline",
            "category": "", "description": "", "address": ""}
    html = operator_client.post("/console/intake", data).content.decode()
    for field in ("reporter_phone", "address", "category", "description"):
        assert f'id="id_{field}_error"' in html, field
    assert 'data-error-code="required"' in html
    assert "không tồn tại" not in html  # an unchosen category is not an unknown one
    assert not Report.objects.exists()


def test_the_questions_choices_are_english_on_an_english_page(operator_client):
    from smartdistrict.core.tests.english import vietnamese_interface

    html = operator_client.get("/console/intake/questions?category=den-giao-thong",
                               HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "Completely off" in html and "Tắt hẳn" not in html
    page = operator_client.get("/console/intake", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert vietnamese_interface(page) == []
