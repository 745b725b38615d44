"""The page in Chromium: charts, tables and the hotspot map draw without breaking the
Content-Security-Policy (no inline script or style). Uses the shared browser fixtures
(Debian's Chromium through Playwright, live server, no request may leave 127.0.0.1 but
map tiles)."""

from __future__ import annotations

import pytest
from django.test import Client
from django.utils import timezone

pytestmark = [pytest.mark.slow]


def test_dashboard_draws_in_a_browser_within_the_csp(browser_session):
    from smartdistrict.accounts.models import User
    from smartdistrict.dashboard.facts.refresh import facts_refresh
    from smartdistrict.demo.reports import seed_reports

    seed_reports(400, seed=5, now=timezone.now())
    facts_refresh(full=True)
    client = Client()
    client.force_login(User.objects.get(username="lanhdao"))
    browser_session.context.add_cookies([{
        "name": "sessionid", "value": client.cookies["sessionid"].value,
        "url": browser_session.base_url,
    }])
    page = browser_session.page
    page.add_init_script(
        "window.cspViolations = [];"
        "document.addEventListener('securitypolicyviolation', e =>"
        " window.cspViolations.push(e.violatedDirective + ' ' + e.blockedURI));")
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    today = timezone.localdate()
    start = today.replace(year=today.year - 2, day=1)
    browser_session.goto(f"/dashboard/?category=&start={start}&end={today}")
    # Wait for the outlines to be drawn, not for the first to be visible: at city scale the
    # first outline may be a unit a pixel wide (an island), which Playwright never calls
    # visible, and the wait ran out although the map had drawn.
    page.wait_for_function(
        "n => document.querySelectorAll('.leaflet-overlay-pane path').length > n",
        arg=10, timeout=20_000)
    assert page.locator(".leaflet-overlay-pane path").count() > 10
    assert page.locator("#trend-chart").evaluate("img => img.naturalWidth") > 100
    assert page.locator("#hours-chart").evaluate("img => img.naturalWidth") > 100
    assert page.locator("#cards li").count() == 8
    browser_session.screenshot("dashboard")
    assert page.evaluate("window.cspViolations") == []
    assert errors == []
