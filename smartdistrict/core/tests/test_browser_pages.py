"""Every page, at rest, in a real browser with the production static files: it loads
without a failed request (no 4xx/5xx, no broken image or script), it is no wider than a
360-px phone, and its screenshots at 360 and 1280 px are written (``page-<name>-<width>``
in var/artefacts/screenshots, or $SCREENSHOT_DIR) for a person to look at.

One test walks all of them over one set of demo data (seeding is the slow part); a page
that fails is named in the failure and the walk goes on, so one run lists every page
that needs fixing. The flows (portal, console, dashboard, environment tests) check the
same pages in the middle of their work."""

from __future__ import annotations

import datetime as dt

import pytest
from django.test import Client
from django.utils import timezone

pytestmark = [pytest.mark.slow]

BINH_QUOI = (10.8220, 106.7420)


def _ready_dashboard(page) -> None:
    # the city's outlines, drawn whatever the hotspots (there may be none in the period)
    page.locator("#hotspot-map .ward-outline").nth(167).wait_for(state="attached")
    # the targets panel with the demo's indicators furthest behind (its table must fit too)
    page.locator("#targets-worst tbody tr").first.wait_for(state="attached")


def _ready_home(page) -> None:
    page.locator(".report-marker").first.wait_for(state="attached")
    page.locator(".ward-area").nth(167).wait_for(state="attached")


def _ready_intake(page) -> None:
    page.locator("#pin-details summary").click()
    page.locator("#intake-map .ward-outline").first.wait_for(state="attached")


# (name, path, who is logged in, what shows the page is drawn: a selector or a function).
# {code} and {token} are a report's code and its resident's key.
PAGES = [
    ("portal-home", "/", None, _ready_home),
    ("portal-report-form", "/report/", None, "#report-map .ward-area"),
    ("portal-report-sent", "/report/sent/", "sent", "#report-code"),
    ("portal-track", "/track/{code}?token={token}", None, "#report-status"),
    ("portal-reports", "/reports/", None, "#reports-map .ward-area"),
    ("environment-map", "/environment/", None, "#station-map .station-marker"),
    ("environment-station", "/environment/stations/NL-TD1", None, "figure.chart img"),
    ("console-queue", "/console/", "admin", "#row-{code}"),
    ("console-report", "/console/reports/{code}", "admin", "#report-map .ward-outline"),
    ("console-intake", "/console/intake", "admin", _ready_intake),
    ("dashboard", "/dashboard/", "admin", _ready_dashboard),
    ("targets", "/targets/", "admin", "main h1"),
    ("targets-projects", "/targets/projects/", "admin", "#projects-map path"),
]


def _seed():
    """Reports over two years with the dashboard's facts, a few days of water quality, the
    targets, and one known report near Bình Quới."""
    from smartdistrict.dashboard.facts.refresh import facts_refresh
    from smartdistrict.demo.reports import seed_reports
    from smartdistrict.environment.demo import seed_environment
    from smartdistrict.feedback.tests.conftest import create_report
    from smartdistrict.targets.demo import seed_targets

    now = timezone.now()
    seed_reports(300, seed=15, now=now)
    facts_refresh(full=True)
    seed_environment(days=3, sensor_minutes=60, now=now - dt.timedelta(minutes=1))
    seed_targets()
    report, _ = create_report(
        category="den-chieu-sang", lat=BINH_QUOI[0], lon=BINH_QUOI[1],
        description="Đèn đường trước số 12 hẻm 45 tắt cả tuần nay, buổi tối rất tối.",
        reporter_phone="0903123456",
    )
    return report


def _log_in(session, who: str, report) -> None:
    """A session cookie made by Django's test client: logged in, or holding the report
    just sent (what the confirmation page reads)."""
    from smartdistrict.accounts.models import User
    from smartdistrict.feedback.resident_token import resident_token
    from smartdistrict.portal.views.report import SESSION_SENT

    client = Client()
    if who == "sent":
        store = client.session
        store[SESSION_SENT] = {"code": report.code, "token": resident_token(report)}
        store.save()
        value = store.session_key
    else:
        client.force_login(User.objects.get(username=who))
        value = client.cookies["sessionid"].value
    session.context.clear_cookies()
    session.context.add_cookies([{"name": "sessionid", "value": value,
                                  "url": session.base_url}])


def test_every_page_loads_fits_a_phone_and_is_photographed(browser_session):
    from smartdistrict.feedback.resident_token import resident_token

    report = _seed()
    session, page = browser_session, browser_session.page
    values = {"code": report.code, "token": resident_token(report)}
    failures: list[str] = []
    current = ""
    # Pages open on a phone, as most residents and many officers see them: a map fitted to
    # its content at 360 px still shows all of it when the screen widens, not the reverse.
    page.set_viewport_size({"width": 360, "height": 800})
    for name, path, who, ready in PAGES:
        try:
            if (who or "") != current:
                if who:
                    _log_in(session, who, report)
                else:
                    session.context.clear_cookies()
                current = who or ""
            session.goto(path.format(**values))
            if callable(ready):
                ready(page)
            else:
                page.locator(ready.format(**values)).first.wait_for(state="attached")
            session.check_page(f"page-{name}")
        except Exception as error:  # every page is tried; all failures are listed
            failures.append(f"{name} ({path}): {str(error).splitlines()[0]}")
            failures += [f"    {problem}" for problem in session.problems]
            session.problems.clear()
    # asked for by browsers whatever the page says; the redirect leads to the static icon
    answer = session.context.request.get(session.base_url + "/favicon.ico")
    if not (answer.ok and answer.headers["content-type"].startswith("image/svg")):
        failures.append(f"/favicon.ico answers {answer.status} {answer.headers}")
    assert not failures, "\n".join(failures)


def test_the_watch_catches_a_broken_resource_and_a_page_too_wide(browser_session):
    """The checks above are only worth their failures: a 404 of a resource is recorded as
    a problem, and a page wider than a phone does not pass."""
    session, page = browser_session, browser_session.page
    session.goto("/track/")
    status = page.evaluate("fetch('/static/core/no-such-file.css').then(r => r.status)")
    assert status == 404
    assert [p for p in session.problems if p.startswith("404") and "no-such-file" in p]
    session.problems.clear()  # seen; the fixture would otherwise fail this test at its end
    session.assert_fits()  # the page as it is fits
    page.evaluate("""() => { const wide = document.createElement('div');
        wide.id = 'too-wide'; wide.style.width = '900px'; wide.style.height = '4px';
        document.querySelector('main').append(wide); }""")
    with pytest.raises(AssertionError, match="too-wide"):
        session.assert_fits()
