"""Staff and residents in a real browser (Playwright on Debian's Chromium, live server):
a ward officer finds a new report in the queue, assigns, starts and resolves it with a
note; the resident's tracking page shows the resolution and takes a rating; an officer of
another ward cannot see it; the hotline operator's form works with the keyboard alone;
the English switch translates every page visited. The browser_session fixture fails the
test if any request other than map tiles leaves 127.0.0.1."""

from __future__ import annotations

import re

import pytest

from smartdistrict.demo.data import DEMO_PASSWORD
from smartdistrict.feedback.models import Report
from smartdistrict.feedback.resident_token import resident_token
from smartdistrict.feedback.tests.conftest import create_report

pytestmark = [pytest.mark.slow]

BINH_QUOI = (10.8220, 106.7420)
# Vietnamese letters that English text never has (data such as ward names is not checked).
VIETNAMESE = re.compile(
    r"[ăâđêôơưĂÂĐÊÔƠƯàảãáạằẳẵắặầẩẫấậèẻẽéẹềểễếệìỉĩíịòỏõóọồổỗốộờởỡớợùủũúụừửữứựỳỷỹýỵ]"
)


def _log_in(session, username: str) -> None:
    page = session.page
    session.goto("/console/login/")
    page.locator("#id_username").fill(username)
    page.locator("#id_password").fill(DEMO_PASSWORD)
    page.locator("#login-submit").click()
    page.locator("#queue-table").wait_for()


def _log_out(session) -> None:
    session.context.clear_cookies()


def test_officer_resolves_and_resident_rates(browser_session):
    report, _ = create_report(
        category="den-chieu-sang", lat=BINH_QUOI[0], lon=BINH_QUOI[1],
        description="Đèn đường trước số 12 hẻm 45 tắt cả tuần nay, buổi tối rất tối.",
        reporter_phone="0903123456",
    )
    session, page = browser_session, browser_session.page

    _log_in(session, "canbo.binhquoi")
    row = page.locator(f"#row-{report.code}")
    row.wait_for()
    session.screenshot("console-queue")
    row.get_by_role("link", name=report.code).click()
    page.locator("#panel #report-title").wait_for()
    assert page.url.endswith("/console/")  # opened in the side panel, no page load

    page.locator("#id_assign-assignee").select_option("canbo.binhquoi")
    page.locator("#submit-assign").click()
    page.locator('#panel #report-status[data-status="assigned"]').wait_for()
    page.locator("#submit-start").click()
    page.locator('#panel #report-status[data-status="in_progress"]').wait_for()
    page.locator("#id_resolve-note").fill("Đã thay bóng đèn mới, đèn sáng bình thường.")
    page.locator("#submit-resolve").click()
    page.locator('#panel #report-status[data-status="resolved"]').wait_for()
    report.refresh_from_db()
    assert report.status == "resolved" and report.assignee.username == "canbo.binhquoi"

    session.goto(f"/console/reports/{report.code}")
    page.locator("#show-contact").click()
    page.locator("#contact-phone").wait_for()
    assert "0903123456" in page.locator("#contact-phone").inner_text()
    session.screenshot("console-report")
    _log_out(session)

    # Another ward's officer: not in the queue, and the page does not exist for them.
    _log_in(session, "canbo.giadinh")
    assert page.locator(f"#row-{report.code}").count() == 0
    with session.expecting_errors():
        answer = session.goto(f"/console/reports/{report.code}")
    assert answer.status == 404
    _log_out(session)

    # The resident follows the link from the confirmation and rates the answer.
    session.goto(f"/track/{report.code}?token={resident_token(report)}")
    assert "Đã thay bóng đèn mới" in page.locator("#timeline").inner_text()
    session.check_page("portal-track-rating", widths=(360,))
    page.locator("#rating-5").check()
    page.locator("#comment").fill("Xử lý nhanh, cảm ơn phường.")
    page.locator("#rate-submit").click()
    page.locator("#report-rating").wait_for()
    session.screenshot("portal-track-resolved")
    report.refresh_from_db()
    assert report.rating == 5


def test_hotline_operator_uses_the_keyboard_alone(browser_session):
    session, page = browser_session, browser_session.page
    _log_in(session, "tongdai")
    session.goto("/console/intake")
    assert page.evaluate("document.activeElement.id") == "id_reporter_name"  # autofocus
    keyboard = page.keyboard
    keyboard.type("Lê Văn Gọi")
    keyboard.press("Tab")
    keyboard.type("0912345678")
    keyboard.press("Tab")
    keyboard.type("12 Nguyễn Xí, Phường Bình Lợi Trung")
    page.locator("#ward-hint").get_by_text("Bình Lợi Trung").first.wait_for()
    keyboard.press("Tab")
    # The category search ignores accents and đ: "den giao" finds "Đèn giao thông" …
    assert page.evaluate("document.activeElement.id") == "category-filter"
    keyboard.type("den giao")
    shown = page.evaluate("Array.from(document.querySelectorAll('#id_category option'))"
                          ".filter(o => o.value && !o.hidden).map(o => o.value)")
    assert shown == ["den-giao-thong"]
    keyboard.type("xyz")
    assert page.locator("#category-filter-status").inner_text().strip()  # "no category matches"
    # … and Enter chooses the first match without sending the form.
    page.locator("#category-filter").fill("")
    keyboard.type("ngap")
    keyboard.press("Enter")
    assert page.locator("#id_category").input_value() == "ngap-nuoc"
    assert page.evaluate("document.activeElement.id") == "id_category"
    assert not page.locator("#id_description_error").count()  # the form was not sent
    page.locator("#questions").wait_for(state="attached")
    while page.evaluate("document.activeElement.id") != "id_description":
        keyboard.press("Tab")
    keyboard.type("Người dân gọi báo: mưa lớn, hẻm ngập sâu 40 cm, nước vào nhà.")
    session.screenshot("console-intake", widths=(360, 1280))
    keyboard.press("Control+Enter")
    code = page.locator("#created-code").inner_text().strip()
    report = Report.objects.get(code=code)
    assert report.channel == "hotline" and report.category.code == "ngap-nuoc"
    assert report.ward.name.endswith("Bình Lợi Trung")
    assert report.reporter_phone == "0912345678"


def _english_texts(page) -> list[str]:
    """Headings, labels and form buttons: interface text, not data."""
    return page.locator(
        "h1, h2, h3, label, main button:not(.suggestion), legend, th"
    ).all_inner_texts()


def test_english_switch_translates_every_page(browser_session):
    report, _ = create_report(
        category="rac-thai", lat=BINH_QUOI[0], lon=BINH_QUOI[1],
        description="Rác thải đổ trộm ở đầu hẻm, bốc mùi hôi.",
    )
    session, page = browser_session, browser_session.page
    session.goto("/")
    page.locator("header.site button[name=language][value=en]").click()
    page.wait_for_load_state()
    public = ["/", "/report/", "/track/", f"/track/{report.code}", "/console/login/",
              "/environment/"]
    staff = ["/console/", f"/console/reports/{report.code}", "/console/intake"]
    for path in public:
        session.goto(path)
        assert page.locator("html").get_attribute("lang") == "en", path
        leftovers = [t for t in _english_texts(page) if VIETNAMESE.search(t)]
        assert leftovers == [], (path, leftovers)
    _log_in(session, "admin")
    for path in staff:
        session.goto(path)
        assert page.locator("html").get_attribute("lang") == "en", path
        leftovers = [t for t in _english_texts(page) if VIETNAMESE.search(t)]
        assert leftovers == [], (path, leftovers)
    session.screenshot("console-queue-en", widths=(1280,))


def test_the_hotline_operator_forwards_from_the_panel(browser_session):
    report, _ = create_report(
        category="lan-chiem-via-he", lat=BINH_QUOI[0], lon=BINH_QUOI[1],
        description="Quán ăn lấn chiếm vỉa hè trước chợ, người đi bộ phải xuống lòng đường.",
    )
    session, page = browser_session, browser_session.page
    _log_in(session, "tongdai")
    page.locator(f"#row-{report.code}").get_by_role("link", name=report.code).click()
    page.locator("#panel #form-forward").wait_for()
    assert page.locator("#panel #form-assign").count() == 0  # the operator does not act
    departments = page.locator("#id_forward-to_department")
    assert "Bình Quới" in departments.locator("option").first.inner_text()
    # HTMX must have taken the select in hand (after the panel's swap settles) before its
    # change is made, or the change goes unheard.
    page.wait_for_function(
        "() => { const s = document.querySelector('#id_forward-to_unit');"
        " return s && s['htmx-internal-data'] !== undefined; }")
    page.locator("#id_forward-to_unit").select_option("26944")
    # The department list follows the unit (HTMX), the rules' choice named first.
    page.wait_for_function(
        "() => document.querySelector('#id_forward-to_department option')"
        ".textContent.includes('Gia Định')")
    page.locator("#id_forward-note").fill("Địa chỉ thuộc phường Gia Định.")
    session.screenshot("console-forward", widths=(360, 1280))
    page.locator("#submit-forward").click()
    page.locator("#panel #notice").wait_for()
    assert "Gia Định" in page.locator("#panel #fact-ward").inner_text()
    assert "Địa chỉ thuộc phường Gia Định." in page.locator("#panel #timeline").inner_text()
    report.refresh_from_db()
    assert report.ward.code == "26944"
