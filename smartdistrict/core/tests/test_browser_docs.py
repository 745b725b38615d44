"""The API documentation page renders in a real browser under the Content-Security-Policy."""

import pytest

pytestmark = [pytest.mark.slow]


def test_swagger_page_lists_both_apis_without_csp_violations(browser_session):
    page = browser_session.page
    blocked: list[str] = []
    page.on("console", lambda message: blocked.append(message.text)
            if "Content Security Policy" in message.text and "script" in message.text else None)
    browser_session.goto("/api/v1/docs/")
    page.get_by_text("Open311 GeoReport v2", exact=True).first.wait_for()
    page.get_by_text("/open311/v2/requests.{format}").first.wait_for()
    page.get_by_text("/api/v1/reports", exact=True).first.wait_for()
    assert blocked == []
    browser_session.screenshot("api-docs", widths=(1280,))
