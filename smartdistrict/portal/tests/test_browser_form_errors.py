"""Errors on the report form and the hotline form, in a real browser: each error goes
away once its field is corrected (core/forms.js), and a file that is no image is refused
at once, by its name, before any preview (portal/report.js)."""

from __future__ import annotations

import pytest

from smartdistrict.demo.data import DEMO_PASSWORD

pytestmark = [pytest.mark.slow]


def test_report_form_errors_go_when_fixed_and_a_document_is_refused_at_once(
        browser_session, tmp_path):
    session, page = browser_session, browser_session.page
    session.goto("/report/")
    page.locator("#submit-report").click()
    description_error = page.locator("#error-description")
    category_error = page.locator("#error-category")
    description_error.wait_for()
    category_error.wait_for()
    page.wait_for_load_state()  # the answered page's scripts listen before a field changes
    # An unchosen category asks for one; it does not say the category does not exist.
    assert category_error.get_attribute("data-error-code") == "required"
    assert "không tồn tại" not in category_error.inner_text()
    assert page.locator("#id_description").get_attribute("aria-invalid") == "true"

    page.locator("#id_description").fill("Cống thoát nước bị tắc, nước tràn ra đường.")
    description_error.wait_for(state="hidden")  # the script runs on the input event
    assert page.locator("#id_description").get_attribute("aria-invalid") is None
    assert category_error.is_visible()  # not yet fixed: still shown
    page.locator("#id_category").select_option("rac-thai")
    category_error.wait_for(state="hidden")

    document = tmp_path / "bien-ban-hop.pdf"
    document.write_bytes(b"%PDF-1.4\n% not a photo\n")
    page.locator("#id_photos").set_input_files(str(document))
    photos_error = page.locator("#error-photos")
    photos_error.wait_for()
    assert "bien-ban-hop.pdf" in photos_error.inner_text()
    assert page.locator("#photo-previews li").count() == 0  # no broken preview
    session.check_page("portal-form-errors")


def test_hotline_form_shows_every_error_and_each_goes_when_fixed(browser_session):
    session, page = browser_session, browser_session.page
    session.goto("/console/login/")
    page.locator("#id_username").fill("tongdai")
    page.locator("#id_password").fill(DEMO_PASSWORD)
    page.locator("#login-submit").click()
    page.locator("#queue-table").wait_for()
    session.goto("/console/intake")
    page.locator("#id_reporter_phone").fill("0912 345 678 999 888 777 666")  # too long
    with session.expecting_errors():  # the form answers 400 with its errors
        page.locator("#submit-intake").click()
        page.locator("#id_category_error").wait_for()
    page.wait_for_load_state()  # the answered page's scripts listen before a field changes
    # The form's own check (the phone's length) does not hide intake's: all at once.
    for field in ("reporter_phone", "address", "category", "description"):
        assert page.locator(f"#id_{field}_error").is_visible(), field
    assert page.locator("#id_category_error li").get_attribute("data-error-code") == "required"

    page.locator("#id_description").fill("Người dân gọi báo: cột điện nghiêng sắp đổ.")
    page.locator("#id_description_error").wait_for(state="hidden")  # on the input event
    assert page.locator("#id_category_error").is_visible()
    page.locator("#id_category").select_option("rac-thai")
    page.locator("#id_category_error").wait_for(state="hidden")
    session.check_page("console-intake-errors")
