"""The page in Chromium: charts, tables and the hotspot map draw without breaking the
Content-Security-Policy (no inline script or style)."""

from __future__ import annotations

import pytest
from django.test import Client
from django.utils import timezone

CHROMIUM = "/usr/bin/chromium"


@pytest.mark.slow
def test_dashboard_draws_in_a_browser_within_the_csp(transactional_db, live_server, settings,
                                                      tmp_path):
    sync_api = pytest.importorskip("playwright.sync_api")
    from smartdistrict.accounts.models import User
    from smartdistrict.dashboard.facts.refresh import facts_refresh
    from smartdistrict.demo.data import seed_demo
    from smartdistrict.demo.reports import seed_reports

    seed_demo()  # a transactional test starts from an emptied database
    seed_reports(400, seed=5, now=timezone.now())
    facts_refresh(full=True)
    settings.MAP_TILE_URL = ""  # no tile server reachable here
    client = Client()
    client.force_login(User.objects.get(username="lanhdao"))
    session = client.cookies["sessionid"].value
    with sync_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM)
        context = browser.new_context()
        context.add_cookies([{"name": "sessionid", "value": session, "url": live_server.url}])
        page = context.new_page()
        page.add_init_script(
            "window.cspViolations = [];"
            "document.addEventListener('securitypolicyviolation', e =>"
            " window.cspViolations.push(e.violatedDirective + ' ' + e.blockedURI));")
        errors = []
        page.on("pageerror", lambda error: errors.append(str(error)))
        today = timezone.localdate()
        start = today.replace(year=today.year - 2, day=1)
        page.goto(f"{live_server.url}/dashboard/?category=&start={start}&end={today}")
        page.wait_for_selector(".leaflet-overlay-pane path", timeout=20_000)
        assert page.locator(".leaflet-overlay-pane path").count() > 10
        assert page.locator("#trend-chart").evaluate("img => img.naturalWidth") > 100
        assert page.locator("#hours-chart").evaluate("img => img.naturalWidth") > 100
        assert page.locator("#cards li").count() == 8
        page.screenshot(path=str(tmp_path / "dashboard.png"), full_page=True)
        assert page.evaluate("window.cspViolations") == []
        assert errors == []
        browser.close()
