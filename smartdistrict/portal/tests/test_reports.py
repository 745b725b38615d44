"""The public reports (/reports/): which reports are listed, the filters, the search that
ignores diacritics, the keyset pages, the map data and the page of one report."""

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from smartdistrict.feedback.models import Photo, PhotoStage, Report, Status, Support
from smartdistrict.feedback.search import reports_matching
from smartdistrict.feedback.services.workflow import report_transition
from smartdistrict.portal.tests.conftest import SECRET

pytestmark = pytest.mark.django_db


def codes_in(page: str, reports) -> set[str]:
    return {r.code for r in reports if f'data-code="{r.code}"' in page}


def test_open_reports_of_any_age_and_recently_closed_ones_are_listed(
        client, make_report, officer, settings):
    settings.PUBLIC_REPORTS_CLOSED_MONTHS = 3
    old_open = make_report(description="Đèn đường hỏng từ lâu, tối om cả con hẻm.")
    Report.objects.filter(pk=old_open.pk).update(
        created_at=timezone.now() - dt.timedelta(days=400))
    recent_done = make_report()
    report_transition(report=recent_done, to=Status.RESOLVED, actor=officer, note="Xong.")
    long_done = make_report()
    report_transition(report=long_done, to=Status.RESOLVED, actor=officer, note="Xong.")
    Report.objects.filter(pk=long_done.pk).update(
        resolved_at=timezone.now() - dt.timedelta(days=200))
    page = client.get("/reports/").content.decode()
    assert codes_in(page, [old_open, recent_done, long_done]) == {old_open.code, recent_done.code}
    assert 'href="/track/' in page


def test_filters_by_unit_category_state_and_overdue(client, make_report, officer):
    binh_quoi = make_report(ward="26911", category="rac-thai")
    gia_dinh = make_report(ward="26944", category="rac-thai")
    light = make_report(ward="26911", category="den-chieu-sang",
                        description="Đèn đường trước số 12 không sáng mấy đêm nay.")
    late = make_report(ward="26911")
    Report.objects.filter(pk=late.pk).update(due_at=timezone.now() - dt.timedelta(hours=1))
    report_transition(report=light, to=Status.RESOLVED, actor=officer, note="Đã thay bóng.")
    everyone = [binh_quoi, gia_dinh, light, late]

    def listed(**query):
        return codes_in(client.get("/reports/", query).content.decode(), everyone)

    assert listed() == {r.code for r in everyone}
    assert listed(unit="26944") == {gia_dinh.code}
    assert listed(category="den-chieu-sang") == {light.code}
    assert listed(state="resolved") == {light.code}
    assert listed(state="open", unit="26911") == {binh_quoi.code, late.code}
    assert listed(overdue="1") == {late.code}
    assert listed(unit="no-such-unit", state="bogus") == {r.code for r in everyone}


def test_a_unit_lists_the_reports_of_the_former_wards_it_took_over(client, make_report):
    """Reports filed under a ward of before July 2025 are listed under its successor."""
    from smartdistrict.feedback.tests.conftest import create_report

    before, _ = create_report(category="rac-thai", lat=10.8220, lon=106.7420,
                              description="Rác ùn ứ ở đầu hẻm từ hôm qua chưa ai dọn.",
                              created_at=timezone.make_aware(dt.datetime(2025, 3, 1, 9)))
    assert before.ward.code != "26911"  # a ward of 2025, before the merger
    page = client.get("/reports/", {"unit": "26911"}).content.decode()
    assert f'data-code="{before.code}"' in page


def test_search_ignores_diacritics_and_case(client, make_report):
    pothole = make_report(category="den-chieu-sang",
                          description="Ổ GÀ lớn trên đường Nguyễn Xí, xe máy dễ té.")
    other = make_report()
    for q in ("o ga", "ổ gà", "NGUYEN XI", "duong nguyen"):
        page = client.get("/reports/", {"q": q}).content.decode()
        assert codes_in(page, [pothole, other]) == {pothole.code}, q
    found = reports_matching(Report.objects.all(), "o ga  nguyễn")
    assert list(found.values_list("code", flat=True)) == [pothole.code]
    assert reports_matching(Report.objects.all(), "").count() == 2
    by_code = client.get("/reports/", {"q": pothole.code.lower()}).content.decode()
    assert codes_in(by_code, [pothole, other]) == {pothole.code}


def test_personal_numbers_are_not_searchable(make_report):
    report = make_report(description="Rác ùn ứ ở đầu hẻm, gọi 0912 345 678 để biết thêm.")
    assert reports_matching(Report.objects.all(), "0912 345 678").count() == 0
    assert report.search_text and "0912" not in report.search_text


def test_pages_follow_a_keyset_cursor_and_count_nothing(client, make_report, settings):
    reports = [make_report() for _ in range(4)]
    from smartdistrict.portal import listing

    listing_size = listing.PAGE_SIZE
    listing.PAGE_SIZE = 3
    try:
        with CaptureQueriesContext(connection) as queries:
            first = client.get("/reports/").content.decode()
        assert not any("COUNT(" in q["sql"].upper() for q in queries.captured_queries)
        assert len(codes_in(first, reports)) == 3
        import re

        next_url = re.search(r'href="([^"]+)" id="reports-next"', first).group(1)
        next_url = next_url.replace("&amp;", "&")
        second = client.get("/reports/" + next_url).content.decode()
        assert codes_in(second, reports) == {reports[0].code}  # the oldest
        assert 'id="reports-next"' not in second
    finally:
        listing.PAGE_SIZE = listing_size
    assert client.get("/reports/", {"after": "garbage"}).status_code == 200


def test_the_list_keeps_a_small_query_budget(client, make_report, django_assert_max_num_queries):
    for _ in range(5):
        make_report()
    with django_assert_max_num_queries(8):
        assert client.get("/reports/").status_code == 200


def test_map_data_has_positions_and_public_fields_only(client, make_report):
    report = make_report(**SECRET)
    body = client.get("/reports/map.json", {"unit": "26911"}).json()
    assert body["reports"] == [[report.code, "new", report.category_id,
                                round(report.lat, 6), round(report.lon, 6)]]
    assert body["categories"][str(report.category_id)]
    assert body["track_url"] == "/track/"
    assert body["truncated"] is False
    assert client.get("/reports/map.json", {"unit": "26944"}).json()["reports"] == []
    text = str(body)
    assert all(value not in text for value in SECRET.values())


def test_the_report_page_shows_where_it_is_and_photos_before_and_after(
        client, make_report, photo, officer):
    report = make_report(photos=[photo], address="Hẻm 42 Nguyễn Xí")
    Photo.objects.filter(report=report).update(stage=PhotoStage.BEFORE)
    after = Photo.objects.get(report=report)
    after.pk = None
    after.stage = PhotoStage.AFTER
    after.save()
    page = client.get(f"/track/{report.code}").content.decode()
    assert 'id="report-map"' in page and f'data-lat="{report.lat:.6f}"' in page
    assert "Hẻm 42 Nguyễn Xí" in page and 'id="report-where"' in page
    assert 'id="report-photos"' in page and 'id="report-after-photos"' in page
    assert 'id="support-submit"' in page


def test_this_is_my_problem_too_counts_once_per_browser_and_is_stored(client, make_report):
    report = make_report()
    url = f"/report/support/{report.code}"
    client.post(url)
    response = client.post(url, follow=True)
    assert "đã nói" in response.content.decode().lower() or response.status_code == 200
    report.refresh_from_db()
    assert report.supporters == 1
    assert Support.objects.filter(report=report).count() == 1
    stored = Support.objects.get(report=report).supporter
    assert client.cookies["sd_browser"].value.split(":")[0] not in stored
    page = client.get(f"/track/{report.code}").content.decode()
    assert 'id="support-done"' in page and 'id="support-submit"' not in page
    client.session.flush()  # the count does not depend on the session
    client.post(url)
    report.refresh_from_db()
    assert report.supporters == 1
    from django.test import Client

    Client().post(url)  # another browser
    report.refresh_from_db()
    assert report.supporters == 2


def test_query_pieces_keep_short_syllables_with_the_next_word():
    from smartdistrict.feedback.search import query_pieces

    assert query_pieces("ổ gà") == [" o ga"]
    assert query_pieces("đường nguyễn xí") == [" duong", " nguyen xi"]
    assert query_pieces("  ") == []
    assert query_pieces("a") == [" a"]
