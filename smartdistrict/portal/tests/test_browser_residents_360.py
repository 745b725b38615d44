"""The residents' new pages on a 360 px phone, in Chromium: the public reports, a
report's page, "my reports" signed in with the code from the e-mail, area alerts; none
is wider than the screen. Screenshots go to var/artefacts/screenshots."""

from __future__ import annotations

import re

import pytest
from django.core import mail

from smartdistrict.feedback.tests.conftest import WARD_POINTS, create_report

pytestmark = [pytest.mark.slow]


def _fits(page) -> None:
    assert page.evaluate("document.documentElement.scrollWidth") <= 360, page.url


def test_the_residents_pages_fit_a_phone(browser_session, settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    lat, lon = WARD_POINTS["26911"]
    report, _ = create_report(category="rac-thai", lat=lat, lon=lon,
                              address="Hẻm 42 đường Bình Quới",
                              description="Rác thải đổ trộm ở đầu hẻm 42, bốc mùi hôi mấy ngày.",
                              reporter_email="cu.dan@example.org")
    session, page = browser_session, browser_session.page
    page.set_viewport_size({"width": 360, "height": 740})

    session.goto("/reports/?q=rac+hem")
    page.locator(f'#report-list [data-code="{report.code}"]').wait_for()
    _fits(page)
    session.goto(f"/track/{report.code}")
    page.locator("#report-map path.report-marker").wait_for()
    _fits(page)

    session.goto("/my/")
    page.locator("#my-address").fill("cu.dan@example.org")
    page.locator("#my-send-code").click()
    page.locator("#my-code").wait_for()
    _fits(page)
    code = re.search(r"\b(\d{6})\b", mail.outbox[-1].body).group(1)
    page.locator("#my-code").fill(code)
    page.locator("#my-verify-submit").click()
    page.locator(f'#my-list [data-code="{report.code}"]').wait_for()
    _fits(page)
    session.screenshot("portal-my-reports", widths=(360,))
    page.set_viewport_size({"width": 360, "height": 740})  # the screenshot put it back

    session.goto("/alerts/")
    page.locator("#alerts-unit").select_option("26911")
    page.locator("#alerts-email").fill("theo.doi@example.org")
    page.locator("#alerts-submit").click()
    page.locator("#alerts-sent").wait_for()
    _fits(page)
    session.screenshot("portal-alerts", widths=(360,))
