"""The page in Chromium: charts, tables and the hotspot map draw without breaking the
Content-Security-Policy (no inline script or style). Uses the shared browser fixtures
(Debian's Chromium through Playwright, live server, no request may leave 127.0.0.1 but
map tiles)."""

from __future__ import annotations

import pytest
from django.test import Client
from django.utils import timezone

pytestmark = [pytest.mark.slow]


def _as_leader_with_reports(browser_session, seed: int):
    """400 demo reports, the facts refreshed, the browser logged in as the leader."""
    from smartdistrict.accounts.models import User
    from smartdistrict.dashboard.facts.refresh import facts_refresh
    from smartdistrict.demo.reports import seed_reports

    seed_reports(400, seed=seed, now=timezone.now())
    facts_refresh(full=True)
    client = Client()
    client.force_login(User.objects.get(username="lanhdao"))
    browser_session.context.add_cookies([{
        "name": "sessionid", "value": client.cookies["sessionid"].value,
        "url": browser_session.base_url,
    }])
    return browser_session.page


def test_dashboard_draws_in_a_browser_within_the_csp(browser_session):
    page = _as_leader_with_reports(browser_session, seed=5)
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


def test_the_ranking_reads_on_a_phone(browser_session):
    page = _as_leader_with_reports(browser_session, seed=6)
    page.set_viewport_size({"width": 360, "height": 800})
    browser_session.goto("/dashboard/")
    page.locator("#ranking-details summary").click()
    table = page.locator("#ranking-table")
    assert table.locator("tbody tr").count() == 168
    # The essential columns fit the phone's width: nothing to scroll sideways.
    box = page.locator("#ranking .table-scroll")
    assert box.evaluate("b => b.scrollWidth <= b.clientWidth + 1")
    assert page.evaluate("document.documentElement.scrollWidth") <= 360  # nor does the page
    assert table.evaluate("t => t.getBoundingClientRect().right") <= 360
    assert table.locator("th.wide").first.is_hidden()
    browser_session.screenshot("dashboard-ranking", widths=(360,))
    page.set_viewport_size({"width": 360, "height": 800})
    table.locator("tbody tr").first.locator("a").click()
    page.wait_for_selector("#rank-per-1000")
    assert "hạng 1/168" in page.locator("#rank-per-1000").inner_text()
    browser_session.screenshot("dashboard-ranking-ward", widths=(360,))
