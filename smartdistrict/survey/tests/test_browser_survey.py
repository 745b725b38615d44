"""The survey in a real browser (Playwright on Debian's Chromium, live server), at 360 px:
a ward officer registers a returned dossier and shows its receipt; the QR code on the
screen is decoded and opened on a phone-sized page; the resident answers with a low
score; the report it opens is in the officer's console queue. A second answer given
while the phone is offline is kept and sent when the connection is back. The
browser_session fixture fails the test if a request leaves 127.0.0.1."""

from __future__ import annotations

import io

import pytest
from PIL import Image

from smartdistrict.demo.data import DEMO_PASSWORD
from smartdistrict.feedback.models import Report
from smartdistrict.survey.catalogue import catalogue_load
from smartdistrict.survey.models import Response
from smartdistrict.survey.services.dossiers import dossier_register
from smartdistrict.survey.tests.conftest import DEMO

pytestmark = [pytest.mark.slow]
PHONE = {"width": 360, "height": 780}


def _log_in(session, username: str) -> None:
    page = session.page
    session.goto("/console/login/")
    page.locator("#id_username").fill(username)
    page.locator("#id_password").fill(DEMO_PASSWORD)
    page.locator("#login-submit").click()
    page.locator("#queue-table").wait_for()


def _shot(session, name: str) -> None:
    """A 360-px screenshot; the session puts the viewport back to 1280 px, so restore it."""
    session.screenshot(name, widths=(360,))
    session.page.set_viewport_size(PHONE)


def _answer(page, scores: dict[str, str]) -> None:
    for item, value in scores.items():
        page.locator(f"label[for={item}-{value}]").click()


def test_qr_answer_low_score_reaches_the_officer(browser_session):
    import zxingcpp

    from smartdistrict.feedback.suggestions import current_suggester

    current_suggester()  # trained once here, not inside the resident's request
    catalogue_load(DEMO, commit=True)
    session, page = browser_session, browser_session.page
    _log_in(session, "canbo.binhquoi")
    session.goto("/survey/dossiers/new")
    page.locator("#id_procedure").select_option("DEMO-HT-05")
    page.locator("#id_counter").select_option("Q1")
    page.locator("#id_code").fill("000.26911.2026.000123")
    page.locator("#dossier-submit").click()
    page.locator("#receipt").wait_for()
    page.set_viewport_size(PHONE)
    session.assert_fits()
    _shot(session, "survey-receipt")
    shot = page.locator("#qr").screenshot()
    decoded = [d.text for d in zxingcpp.read_barcodes(Image.open(io.BytesIO(shot)))]
    assert len(decoded) == 1 and "/survey/" in decoded[0]
    session.context.clear_cookies()  # the resident's phone: no staff session

    page.set_viewport_size(PHONE)
    page.goto(decoded[0])
    assert page.locator("html").get_attribute("lang") == "vi"
    assert "Cấp Giấy xác nhận tình trạng hôn nhân" in page.locator("#dossier").inner_text()
    box = page.locator("label[for=access-5]").bounding_box()
    assert box["height"] >= 44 and box["width"] >= 300  # large targets on a phone
    _answer(page, {"access": "4", "procedure": "3", "servant": "1", "result": "4",
                   "general": "2"})
    page.locator("label[for=feedback-none]").click()
    page.locator("#comment").fill("Cán bộ quầy 1 không hướng dẫn, tôi phải đi lại ba lần.")
    page.locator("label[for=follow_up]").click()
    page.locator("#phone").fill("0903123456")
    session.assert_fits()
    _shot(session, "survey-answer")
    page.locator("#survey-submit").click(no_wait_after=True)
    page.locator("#report-code").wait_for(timeout=60_000)
    code = page.locator("#report-code").inner_text().strip()
    session.assert_fits()
    _shot(session, "survey-thanks")
    report = Report.objects.get(code=code)
    assert report.category.code == "thu-tuc-hanh-chinh" and report.ward.code == "26911"
    page.locator("#track-link").click()
    assert code in page.locator("h1").inner_text()

    # The same link again: already answered.
    page.goto(decoded[0])
    page.locator("#answered").wait_for()

    # The ward officer finds the report in the console queue.
    page.set_viewport_size({"width": 1280, "height": 800})
    _log_in(session, "canbo.binhquoi")
    page.locator(f"#row-{code}").wait_for()
    session.screenshot("survey-report-in-queue", widths=(1280,))


def test_answer_given_offline_is_sent_when_the_connection_is_back(browser_session):
    catalogue_load(DEMO, commit=True)
    dossier, _ = dossier_register(unit="26944", procedure="DEMO-CT-01", counter="Q2")
    session, page = browser_session, browser_session.page
    page.set_viewport_size(PHONE)
    session.goto(f"/survey/{dossier.token}?via=tablet")
    _answer(page, {"access": "5", "procedure": "5", "servant": "4", "result": "5",
                   "general": "5"})
    session.context.set_offline(True)
    page.locator("#survey-submit").click()
    page.locator("#offline-note").wait_for()
    assert not Response.objects.filter(dossier=dossier).exists()
    _shot(session, "survey-offline")
    session.context.set_offline(False)
    page.locator("#thanks").wait_for()
    assert page.locator("#tablet-note").is_visible()
    stored = Response.objects.get(dossier=dossier)
    assert (stored.access, stored.servant, stored.general, stored.channel) == (5, 4, 5, "tablet")
