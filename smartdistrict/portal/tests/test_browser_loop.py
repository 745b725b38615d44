"""Acceptance 1 of issue 14, in a real browser (Playwright on Debian's Chromium, live
server): a resident browses /reports/, filters by unit, opens a report and sees its map;
an officer resolves another report with a photo of the fix; the resident's e-mail holds
the note and the photo's link; the "was it fixed?" answer "not fixed" puts the report
back in the department's queue. Only map tiles may leave 127.0.0.1 (browser_session)."""

from __future__ import annotations

import datetime as dt
import io
import re

import pytest
from django.core import mail
from django.utils import timezone
from PIL import Image

from smartdistrict.demo.data import DEMO_PASSWORD
from smartdistrict.feedback.models import Photo, PhotoStage, Report, Status
from smartdistrict.feedback.services.followup import followups_send
from smartdistrict.feedback.tests.conftest import WARD_POINTS, create_report

pytestmark = [pytest.mark.slow]


def _photo(path) -> str:
    image = Image.new("RGB", (1600, 1200), (40, 120, 200))
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", quality=85)
    path.write_bytes(buffer.getvalue())
    return str(path)


def _report(ward: str, description: str, **extra) -> Report:
    lat, lon = WARD_POINTS[ward]
    report, _ = create_report(category="rac-thai", lat=lat, lon=lon, description=description,
                              **extra)
    return report


def test_resident_browses_officer_proves_the_fix_resident_says_not_fixed(
        browser_session, settings, tmp_path):
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.FOLLOWUP_AFTER_DAYS = 5
    here = _report("26911", "Rác thải đổ trộm ở đầu hẻm 12, bốc mùi hôi mấy ngày nay.")
    elsewhere = _report("26944", "Rác ùn ứ trước chợ, xe rác chưa đến thu gom hai ngày.")
    to_fix = _report("26911", "Đống xà bần chắn lối đi trong hẻm 30, xe máy không qua được.",
                     reporter_email="cu.dan@example.org")
    session, page = browser_session, browser_session.page

    # The resident browses the public reports and filters by unit.
    session.goto("/reports/")
    page.locator("#reports-map[data-markers]").wait_for(state="attached")
    page.locator("#filter-unit").select_option("26911")
    page.locator("#filter-submit").click()
    page.wait_for_url(re.compile(r"unit=26911"))
    listed = page.locator("#report-list .report-item")
    codes = {listed.nth(i).get_attribute("data-code") for i in range(listed.count())}
    assert here.code in codes and to_fix.code in codes and elsewhere.code not in codes
    page.locator("#reports-map[data-markers]").wait_for(state="attached")
    assert int(page.locator("#reports-map").get_attribute("data-markers")) == 2
    session.screenshot("portal-reports")

    # … opens a report and sees where it is, on the ward outlines.
    page.locator(f'#report-list [data-code="{here.code}"] a.report-link').click()
    page.wait_for_url(re.compile(rf"/track/{here.code}$"))
    page.locator("#report-map path.report-marker").wait_for()
    page.wait_for_function(  # the ward outlines around it are drawn (tiles or not)
        "() => Array.from(document.querySelectorAll('#report-map path.ward-area'))"
        ".some(p => p.getAttribute('d') !== 'M0 0')")
    assert "Phường Bình Quới" in page.locator("#report-where").inner_text()
    session.screenshot("portal-report-page")

    # An officer resolves another report with a photo of the fix.
    session.goto("/console/login/")
    page.locator("#id_username").fill("canbo.binhquoi")
    page.locator("#id_password").fill(DEMO_PASSWORD)
    page.locator("#login-submit").click()
    page.locator("#queue-table").wait_for()
    mail.outbox.clear()
    session.goto(f"/console/reports/{to_fix.code}")
    page.locator("#id_resolve-note").fill("Đã dọn sạch xà bần, lối đi thông thoáng.")
    page.locator("#id_resolve-photos").set_input_files(_photo(tmp_path / "sau.jpg"))
    page.locator("#submit-resolve").click()
    page.locator('#report-status[data-status="resolved"]').wait_for()
    after = Photo.objects.get(report=to_fix, stage=PhotoStage.AFTER)

    # The resident's e-mail holds the note and the photo's link.
    [resolved] = [m for m in mail.outbox if m.to == ["cu.dan@example.org"]]
    assert "Đã dọn sạch xà bần, lối đi thông thoáng." in resolved.body
    assert f"{settings.PUBLIC_BASE_URL}{after.image.url}" in resolved.body

    # Days later the resident is asked "was it fixed?" and answers "not fixed".
    Report.objects.filter(pk=to_fix.pk).update(
        resolved_at=timezone.now() - dt.timedelta(days=6))
    mail.outbox.clear()
    assert followups_send() == 1
    [question] = [m for m in mail.outbox if m.to == ["cu.dan@example.org"]]
    link = re.search(r"https?://\S+/track/\S+/fixed\?token=\S+", question.body).group(0)
    session.context.clear_cookies()
    page.goto(session.base_url + link[link.index("/track/"):])
    page.locator("#followup-comment").fill("Xà bần lại bị đổ ra hẻm.")
    page.locator("#followup-not_fixed").click()
    page.wait_for_url(re.compile(rf"/track/{to_fix.code}\?token="))
    assert "Xà bần lại bị đổ ra hẻm." in page.locator("#timeline").inner_text()
    to_fix.refresh_from_db()
    assert to_fix.status == Status.REOPENED

    # Back in the department's queue.
    session.goto("/console/login/")
    page.locator("#id_username").fill("canbo.binhquoi")
    page.locator("#id_password").fill(DEMO_PASSWORD)
    page.locator("#login-submit").click()
    page.locator(f"#row-{to_fix.code}").wait_for()
