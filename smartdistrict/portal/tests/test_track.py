"""The resident's tracking page: public facts, the rating and reopening forms with the link."""

import pytest

from smartdistrict.feedback.models import Status
from smartdistrict.feedback.resident_token import resident_token
from smartdistrict.feedback.services.workflow import report_note, report_transition

pytestmark = pytest.mark.django_db


@pytest.fixture
def resolved(make_report, officer):
    report = make_report()
    report_note(report=report, actor=officer, note="ghi chú nội bộ")
    report_transition(report=report, to=Status.RESOLVED, actor=officer, note="Đã thu gom rác.")
    report.refresh_from_db()
    return report


def test_track_page_shows_the_public_timeline_only(client, resolved):
    page = client.get(f"/track/{resolved.code}").content.decode()
    assert resolved.code in page and "Đã thu gom rác." in page
    assert "ghi chú nội bộ" not in page
    assert 'name="rating"' not in page  # no link, no form
    assert 'lang="vi"' in page


def test_rating_with_the_link(client, resolved):
    token = resident_token(resolved)
    page = client.get(f"/track/{resolved.code}", {"token": token}).content.decode()
    assert 'name="rating"' in page and 'name="note"' in page
    response = client.post(f"/track/{resolved.code}/rate",
                           {"token": token, "rating": "5", "comment": "Rất nhanh"}, follow=True)
    assert "5/5" in response.content.decode()
    resolved.refresh_from_db()
    assert resolved.rating == 5
    again = client.post(f"/track/{resolved.code}/rate", {"token": token, "rating": "1"},
                        follow=True)
    assert "đã được đánh giá" in again.content.decode()
    resolved.refresh_from_db()
    assert resolved.rating == 5


def test_reopen_with_the_link_and_not_without(client, resolved):
    client.post(f"/track/{resolved.code}/reopen", {"token": "bad", "note": "Chưa xong"})
    resolved.refresh_from_db()
    assert resolved.status == Status.RESOLVED
    client.post(f"/track/{resolved.code}/reopen",
                {"token": resident_token(resolved), "note": "Rác lại bị đổ"})
    resolved.refresh_from_db()
    assert resolved.status == Status.REOPENED


def test_unknown_code_and_search(client):
    found = client.get("/track/", {"code": "hcm-2026-000001"})
    assert found["Location"] == "/track/HCM-2026-000001"
    response = client.get("/track/BT-1999-000009")
    assert response.status_code == 404
    assert "Không có phản ánh" in response.content.decode()


def test_track_page_shows_states_due_time_department_and_photos(client, make_report, officer):
    from smartdistrict.feedback.tests.photo_samples import encode, two_colour

    report = make_report(photos=[encode(two_colour((64, 48)), "JPEG")])
    report_transition(report=report, to=Status.IN_PROGRESS, actor=officer, note="Đã cử người.")
    page = client.get(f"/track/{report.code}").content.decode()
    assert "đang xử lý" in page and "Đã cử người." in page  # state label and public note
    assert 'id="report-due"' in page and report.department.name in page
    assert 'id="report-photos"' in page and page.count("<img ") == 1
    assert "in_progress" not in page.replace('class="badge status-in_progress"', "")


def test_track_page_query_budget(client, resolved, django_assert_max_num_queries):
    client.get(f"/track/{resolved.code}")
    with django_assert_max_num_queries(3):  # the report (with its names), photos, timeline
        assert client.get(f"/track/{resolved.code}").status_code == 200
    token = resident_token(resolved)
    with django_assert_max_num_queries(3):
        page = client.get(f"/track/{resolved.code}", {"token": token}).content.decode()
    assert 'id="rate-form"' in page


def test_track_page_in_english(client, resolved):
    client.cookies["django_language"] = "en"
    page = client.get(f"/track/{resolved.code}").content.decode()
    assert 'lang="en"' in page and "What happened" in page and "now “resolved”" in page
    assert "Garbage and illegal dumping" in page and "Binh Quoi Ward" in page
