"""Acceptance 2 of issue 16, in a real browser (Playwright on Debian's Chromium, live
server): a ward officer creates a proposal for an alley, sets its estimate and split,
records pledges and a meeting ballot that passes, moves it to works (progress, a photo)
and acceptance; the public page shows the totals and the progress; the alley's open
reports get the closing note. And a household votes with its code on a 360 px phone.
The browser_session fixture fails the test if any request other than map tiles leaves
127.0.0.1; screenshots go to var/artefacts/screenshots/."""

from __future__ import annotations

import io
import json

import pytest
from PIL import Image

from smartdistrict.accounts.models import User
from smartdistrict.alleys.models import Proposal, State
from smartdistrict.alleys.services import ballots
from smartdistrict.alleys.services.households import household_save
from smartdistrict.alleys.services.proposals import (
    ItemInput,
    TransitionInput,
    estimate_set,
    proposal_create,
    proposal_transition,
    split_set,
)
from smartdistrict.alleys.services.register import alley_upsert
from smartdistrict.alleys.tests.conftest import BINH_QUOI_LINE
from smartdistrict.console.tests.test_browser_console import _log_in
from smartdistrict.feedback.models import Report
from smartdistrict.feedback.tests.conftest import create_report

pytestmark = [pytest.mark.slow]


def _alley_with_households(officer: User, count: int = 5):
    alley = alley_upsert(name="Hẻm 21 Bình Quới", households=count, width_m="2.5",
                         surface="earth", flooding="often", actor=officer,
                         geometry=json.dumps({"type": "LineString",
                                              "coordinates": BINH_QUOI_LINE}))
    people = [household_save(alley=alley, house_number=f"21/{n}", head_name=f"Chủ hộ {n}",
                             actor=officer, name_public=n == 1,
                             public_name="Gia đình ông Một" if n == 1 else "")
              for n in range(1, count + 1)]
    return alley, people


def _photo() -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (640, 480), (120, 130, 140)).save(buffer, "JPEG")
    return buffer.getvalue()


def _act(page, form: str, button: str) -> None:
    """Submit a form of the proposal page and wait for the page it lands on."""
    with page.expect_navigation():
        page.locator(f"{form} {button}").click()


def test_officer_runs_a_proposal_to_acceptance_and_the_public_sees_it(browser_session):
    officer = User.objects.get(username="canbo.binhquoi")
    alley, people = _alley_with_households(officer)
    pothole = create_report(category="hu-hong-duong", lat=10.82205, lon=106.7419,
                            description="Mặt hẻm 21 lún sụt, nhiều ổ gà sâu.")[0]
    flooding = create_report(category="ngap-nuoc", lat=10.82225, lon=106.74235,
                             description="Hẻm 21 ngập sâu mỗi khi mưa lớn.")[0]
    session, page = browser_session, browser_session.page
    _log_in(session, "canbo.binhquoi")

    # The ranking leads to the alley, where the officer creates the proposal.
    session.goto("/alleys/staff/candidates/?ward=26911")
    page.locator(f"#candidate-{alley.code} a").first.click()
    page.locator("#alley-title").wait_for()
    session.screenshot("alleys-staff-alley")
    page.locator("#p-title").fill("Bê tông hóa hẻm 21 Bình Quới")
    page.locator("#p-scope").fill("Nâng nền, đổ bê tông mặt hẻm, làm cống thoát nước.")
    _act(page, "#proposal-form", "#proposal-submit")
    page.locator("#proposal-title").wait_for()
    code = page.url.rstrip("/").rsplit("/", 1)[-1]
    assert Proposal.objects.get(code=code).state == State.DRAFT

    # Estimate with two items, a split that adds up, consultation.
    for n, (what, unit, quantity, price) in enumerate(
            [("Bê tông mặt hẻm", "m²", "150", "400.000"), ("Cống thoát nước", "m", "50", "800000")],
            start=1):
        page.locator(f"#item-{n}-description").fill(what)
        page.locator(f"#item-{n}-unit").fill(unit)
        page.locator(f"#item-{n}-quantity").fill(quantity)
        page.locator(f"#item-{n}-unit_price_vnd").fill(price)
    _act(page, "#estimate-form", "#estimate-submit")
    assert "100.000.000 đ" in page.locator("#split-estimate").inner_text()
    page.locator("#split-state-in").fill("70.000.000")
    page.locator("#split-households-in").fill("25.000.000")
    page.locator("#split-sponsors-in").fill("0")
    _act(page, "#split-form", "#split-submit")
    assert page.locator("#split-mismatch").count() == 1  # 95 of 100 million
    page.locator("#split-households-in").fill("30.000.000")
    _act(page, "#split-form", "#split-submit")
    assert page.locator("#split-mismatch").count() == 0
    _act(page, "#to-consultation", "#submit-to-consultation")
    page.locator('#proposal-state[data-state="consultation"]').wait_for()

    # Pledges: money from two households, land from a third.
    for household, kind, value, what in ((people[0], "money", "6.000.000", ""),
                                         (people[1], "money", "6.000.000", ""),
                                         (people[2], "land", "0", "Hiến 2 m² đất")):
        page.locator("#pl-household").select_option(str(household.id))
        page.locator("#pl-kind").select_option(kind)
        page.locator("#pl-value").fill(value)
        page.locator("#pl-what").fill(what)
        if kind == "land":
            page.locator("#pl-land").fill("2")
        _act(page, "#pledge-form", "#pledge-submit")
    assert page.locator("#pledge-table tbody tr").count() == 3

    # The meeting: four of five households in favour; the ballot closes and passes.
    page.locator("#open-head").fill("Trần Văn Tổ")
    _act(page, "#open-form", "#ballot-open")
    for household, choice in zip(people, ["yes", "yes", "yes", "yes", "no"], strict=True):
        page.locator(f'#meeting-{household.id} input[value="{choice}"]').check()
    session.screenshot("alleys-staff-meeting")
    _act(page, "#meeting-form", "#meeting-submit")
    _act(page, "#close-form", "#ballot-close")
    page.locator("#ballot-passed").wait_for()

    # The ward's decision, a payment with its receipt, works, progress and a photo.
    page.locator("#approved-ref").fill("Số 25/QĐ-UBND")
    page.locator("#approved-date").fill("2026-03-02")
    _act(page, "#to-approved", "#submit-to-approved")
    page.locator('#proposal-state[data-state="approved"]').wait_for()
    page.locator("#pay-household").select_option(str(people[0].id))
    page.locator("#pay-amount").fill("6.000.000")
    _act(page, "#payment-form", "#payment-submit")
    page.locator("#receipt-number").wait_for()
    assert "6.000.000 đ" in page.locator("#receipt-amount").inner_text()
    session.goto(f"/alleys/staff/p/{code}/")
    _act(page, "#to-works", "#submit-to-works")
    page.locator("#pr-percent").fill("50")
    _act(page, "#progress-form", "#progress-submit")
    page.locator("#ph-files").set_input_files(
        files=[{"name": "tien-do.jpg", "mimeType": "image/jpeg", "buffer": _photo()}])
    page.locator("#ph-caption").fill("Đổ bê tông đoạn đầu hẻm")
    _act(page, "#photo-form", "#photo-submit")
    assert "50%" in page.locator("#staff-progress").inner_text()
    session.screenshot("alleys-staff-proposal")

    # The public page during the works: totals and progress, no household named but
    # the one that agreed.
    session.context.clear_cookies()
    session.goto(f"/alleys/{code}/")
    assert "6.000.000 đ" in page.locator("#received").inner_text()
    assert "12.000.000 đ" in page.locator("#pledged-money").inner_text()
    assert "50%" in page.locator("#works-percent").inner_text()
    assert page.locator("#progress-photos img").count() == 1
    assert "Gia đình ông Một" in page.locator("#thanks").inner_text()
    assert "Chủ hộ 2" not in page.content()
    page.locator("#alley-map .alley-line").first.wait_for()  # the line is drawn
    page.locator("#alley-map[data-wards]").wait_for(state="attached")  # and the wards
    session.screenshot("alleys-public-project")

    # Acceptance closes the alley's open reports with a note.
    _log_in(session, "canbo.binhquoi")
    session.goto(f"/alleys/staff/p/{code}/")
    page.locator("#accepted-on").fill("2026-06-30")
    page.locator("#acceptance-ref").fill("Biên bản nghiệm thu số 7")
    _act(page, "#to-accepted", "#submit-to-accepted")
    page.locator('#proposal-state[data-state="accepted"]').wait_for()
    for report in (pothole, flooding):
        report.refresh_from_db()
        assert report.status == "resolved"
    session.context.clear_cookies()
    session.goto(f"/track/{pothole.code}")
    timeline = page.locator("#timeline").inner_text()
    assert "đã nghiệm thu ngày 30/06/2026" in timeline and code.upper() in timeline
    session.goto(f"/alleys/{code}/")
    assert "100%" in page.locator("#works-percent").inner_text()
    assert page.locator('#project-state[data-state="accepted"]').count() == 1
    assert "Biên bản nghiệm thu số 7" in page.locator("#acceptance").inner_text()
    session.goto("/alleys/")
    page.locator("#programme-map .alley-line").first.wait_for()
    page.locator("#programme-map[data-fitted]").wait_for(state="attached")  # wards drawn
    session.screenshot("alleys-public-programme")
    assert Report.objects.filter(pk=pothole.pk, status="resolved").exists()
    assert Proposal.objects.get(code=code).state == State.ACCEPTED


def test_a_household_votes_with_its_code_on_a_phone(browser_session):
    officer = User.objects.get(username="canbo.binhquoi")
    alley, _people = _alley_with_households(officer, count=3)
    proposal = proposal_create(alley=alley, title="Lắp đèn hẻm 21", actor=officer,
                               scope="Lắp 4 bộ đèn chiếu sáng dọc hẻm.")
    estimate_set(proposal=proposal, actor=officer, items=[ItemInput("Đèn", "4", 3_000_000)])
    split_set(proposal=proposal, state_budget_vnd=6_000_000, households_vnd=6_000_000,
              sponsors_vnd=0, actor=officer)
    proposal = proposal_transition(proposal=proposal, actor=officer,
                                   change=TransitionInput(State.CONSULTATION))
    opened = ballots.ballot_open(proposal=proposal, actor=officer, online=True)
    session, page = browser_session, browser_session.page
    page.set_viewport_size({"width": 360, "height": 740})
    session.goto("/alleys/vote/")
    page.locator("#code").fill(opened.codes[0].code.lower())
    page.locator("#code-submit").click()
    page.locator("#cast-form").wait_for()
    assert "2.000.000 đ" in page.locator("#own-share").inner_text()
    session.screenshot("alleys-vote-ballot")
    page.locator("#choice-yes").check()
    page.locator("#cast-submit").click()
    page.locator("#vote-done").wait_for()
    session.screenshot("alleys-vote-done")
    # The project page tells the turnout, not the vote; it fits the phone's width.
    page.set_viewport_size({"width": 360, "height": 740})  # screenshot() left it at 1280
    session.goto(f"/alleys/{proposal.code}/")
    assert "1/3" in page.locator("#ballot-open").inner_text()
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 360, f"the page is {width} px wide on a 360 px phone"
