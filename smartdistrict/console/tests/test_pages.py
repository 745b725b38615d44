"""Every console page: Vietnamese first and English on request, labelled fields, headings in
order, and no inline script or style (the Content-Security-Policy forbids them)."""

import pytest

from smartdistrict.console.tests.markup import read
from smartdistrict.feedback.models import Status
from smartdistrict.feedback.services import workflow

pytestmark = pytest.mark.django_db


@pytest.fixture
def pages(make_report, officer, officer_client):
    report = make_report()
    resolved = make_report(offset=0.0005, category="den-giao-thong",
                           attributes={"tinh_trang": "tat"})
    workflow.report_transition(report=resolved, to=Status.RESOLVED, actor=officer, note="Xong.")
    return [
        "/console/",
        "/console/?status=all&created_after=bad",
        f"/console/reports/{report.code}",
        f"/console/reports/{resolved.code}",
        "/console/intake",
    ]


def test_every_page_is_accessible_and_csp_clean(pages, officer_client, client):
    for url in [*pages, "/console/login/"]:
        response = (client if "login" in url else officer_client).get(url)
        assert response.status_code == 200, url
        assert "Content-Security-Policy" in response
        page = read(response.content.decode())
        assert page.unlabelled() == [], url
        assert page.headings and page.headings[0] == 1, url
        assert page.heading_jumps() == [], url
        assert page.inline_scripts == 0, url
        assert page.style_attributes == 0 and page.style_elements == 0, url
        assert page.inline_handlers == 0, url


def test_panel_headings_continue_the_queue_headings(make_report, officer_client):
    report = make_report()
    html = officer_client.get(
        f"/console/reports/{report.code}",
        headers={"HX-Request": "true", "HX-Current-URL": "http://testserver/console/"},
    ).content.decode()
    page = read(html)
    assert page.headings[0] == 2
    assert page.unlabelled() == []
    assert all(b - a <= 1 for a, b in zip(page.headings, page.headings[1:], strict=False))


def test_vietnamese_by_default(pages, officer_client):
    html = officer_client.get("/console/").content.decode()
    assert '<html lang="vi">' in html
    assert "Hàng đợi" in html
    assert "Số phản ánh theo trạng thái" in html
    assert "Rác thải, đổ trộm rác" in html  # the category's Vietnamese name
    report_html = officer_client.get(pages[2]).content.decode()
    for text in ("Dòng thời gian", "Xem thông tin liên hệ", "Ghi chú nội bộ", "Giải quyết"):
        assert text in report_html
    assert "Tiếp nhận qua đường dây nóng" in officer_client.get("/console/intake").content.decode()


def test_english_on_request(pages, officer_client, settings):
    officer_client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    html = officer_client.get("/console/").content.decode()
    assert '<html lang="en">' in html
    assert "Queue" in html and "Reports per state" in html
    assert "Garbage and illegal dumping" in html  # the category's English name
    assert "Hàng đợi" not in html
    report_html = officer_client.get(pages[2]).content.decode()
    for text in ("Timeline", "Show contact", "Internal note", "Resolve"):
        assert text in report_html
    assert "Traffic lights" in officer_client.get(pages[3]).content.decode()
    assert "State of the lights" in officer_client.get(pages[3]).content.decode()
    assert "Hotline intake" in officer_client.get("/console/intake").content.decode()


def test_login_page_in_english(client, settings):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    html = client.get("/console/login/").content.decode()
    assert "Staff console: log in" in html and "Username" in html
