"""The queue: scope, filters, sorting, counts per state, overdue, pagination."""

import datetime as dt
import re

import pytest
from django.utils import timezone

from smartdistrict.accounts.models import User
from smartdistrict.demo.reports import seed_reports
from smartdistrict.feedback.models import Report, Status
from smartdistrict.feedback.services import workflow

pytestmark = pytest.mark.django_db


def _codes(response) -> list[str]:
    """The report codes of the table rows, in order."""
    return re.findall(r'<tr id="row-([A-Z0-9-]+)"', response.content.decode())


def test_default_queue_shows_open_reports_soonest_due_first(make_report, officer, officer_client):
    later = make_report()
    sooner = make_report(offset=0.0005)
    Report.objects.filter(pk=sooner.pk).update(due_at=later.due_at - dt.timedelta(hours=5))
    done = make_report(offset=0.001)
    workflow.report_transition(report=done, to=Status.RESOLVED, actor=officer,
                               note="Đã dọn sạch.")
    response = officer_client.get("/console/")
    assert response.status_code == 200
    assert _codes(response) == [sooner.code, later.code]
    assert _codes(officer_client.get("/console/?status=resolved")) == [done.code]
    assert set(_codes(officer_client.get("/console/?status=all"))) == {
        sooner.code, later.code, done.code
    }


def test_sort_by_received_newest_first(make_report, officer_client):
    first = make_report()
    second = make_report(offset=0.0005)
    assert _codes(officer_client.get("/console/?sort=created")) == [second.code, first.code]


def test_counts_per_state_and_overdue(make_report, officer, officer_client):
    a, b, c = make_report(), make_report(offset=0.0005), make_report(offset=0.001)
    workflow.report_transition(report=b, to=Status.IN_PROGRESS, actor=officer)
    Report.objects.filter(pk=c.pk).update(due_at=timezone.now() - dt.timedelta(hours=1))
    html = officer_client.get("/console/").content.decode()
    assert re.search(r'id="count-new">[^<]*<span class="count">2</span>', html)
    assert re.search(r'id="count-in_progress">[^<]*<span class="count">1</span>', html)
    assert re.search(r'id="count-overdue"[^>]*>[^<]*<span class="count">1</span>', html)
    # The overdue row is marked, in colour and in words.
    row = re.search(rf'<tr id="row-{c.code}"[^>]*>.*?</tr>', html, re.S).group(0)
    assert 'class="overdue"' in row and 'badge late' in row
    assert _codes(officer_client.get("/console/?overdue=on")) == [c.code]
    assert a.code in _codes(officer_client.get("/console/?overdue="))


def test_filters_by_category_department_and_dates(make_report, admin_client_demo):
    rubbish = make_report(category="rac-thai")
    flood = make_report(category="ngap-nuoc", offset=0.0005)
    assert _codes(admin_client_demo.get("/console/?category=ngap-nuoc")) == [flood.code]
    department = flood.department.code
    assert flood.code in _codes(admin_client_demo.get(f"/console/?department={department}"))
    assert rubbish.code not in _codes(admin_client_demo.get(f"/console/?department={department}"))
    today = timezone.localdate()
    tomorrow = today + dt.timedelta(days=1)
    assert set(_codes(admin_client_demo.get(f"/console/?created_after={today}"))) >= {
        rubbish.code, flood.code
    }
    assert _codes(admin_client_demo.get(f"/console/?created_after={tomorrow}")) == []
    yesterday = today - dt.timedelta(days=1)
    assert rubbish.code not in _codes(
        admin_client_demo.get(f"/console/?created_before={yesterday}")
    )


def test_ward_filter_includes_the_former_wards_it_took_over(make_report, admin_client_demo):
    from smartdistrict.geography.models import Unit

    current = make_report(ward="26911")
    former = Unit.objects.filter(level="ward", name="Phường 27", valid_to__isnull=False).first()
    old = make_report(ward="26911", offset=0.0005)
    Report.objects.filter(pk=old.pk).update(ward=former)
    elsewhere = make_report(ward="26944")
    ward = current.ward.code
    codes = _codes(admin_client_demo.get(f"/console/?ward={ward}"))
    assert set(codes) == {current.code, old.code}
    assert elsewhere.code not in codes


def test_bad_filter_values_are_reported_next_to_the_field(officer_client):
    response = officer_client.get(
        "/console/?created_after=2026-13-45&created_before=2020-01-01&category=nope"
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert 'id="id_created_after_error"' in html
    assert 'id="id_category_error"' in html
    assert 'aria-invalid="true"' in html


def test_rows_open_in_the_side_panel_and_are_plain_links_too(make_report, officer_client):
    report = make_report()
    html = officer_client.get("/console/").content.decode()
    assert f'href="/console/reports/{report.code}"' in html
    assert f'hx-get="/console/reports/{report.code}"' in html
    assert 'hx-target="#panel"' in html
    assert 'id="panel"' in html
    # The list's own refresh attributes must not be inherited by the links in it.
    assert 'hx-disinherit="*"' in html


def test_pagination_fifty_per_page(admin_client_demo):
    seed_reports(130, seed=7)
    total = Report.objects.count()
    response = admin_client_demo.get("/console/?status=all")
    assert len(_codes(response)) == 50
    last = (total + 49) // 50
    html = response.content.decode()
    assert f"1 / {last}" in html or f"1 of {last}" in html or f"1 trên {last}" in html
    page_two = _codes(admin_client_demo.get("/console/?status=all&page=2"))
    assert len(page_two) == 50
    assert not set(page_two) & set(_codes(response))
    tail = _codes(admin_client_demo.get("/console/?status=all&page=999"))  # clamped
    assert len(tail) == total - 50 * (last - 1)
    # The filters stay in the page links.
    assert 'href="?status=all&amp;page=2"' in html


def test_leader_and_operator_see_the_queue_without_bulk_actions(
    make_report, leader_client, operator_client
):
    report = make_report()
    for client in (leader_client, operator_client):
        html = client.get("/console/").content.decode()
        assert report.code in html
        assert 'id="bulk-form"' not in html


def test_officer_sees_bulk_actions_with_labelled_checkboxes(make_report, officer_client):
    report = make_report()
    html = officer_client.get("/console/").content.decode()
    assert 'id="bulk-form"' in html
    assert f'id="select-{report.code}"' in html
    assert 'for="id_bulk-assignee"' in html


def test_closed_counts_are_cached_briefly(make_report, officer, officer_client, settings):
    report = make_report()
    officer_client.get("/console/")
    workflow.report_transition(report=report, to=Status.REJECTED, actor=officer, note="Sai.")
    html = officer_client.get("/console/").content.decode()
    assert re.search(r'id="count-new">[^<]*<span class="count">0</span>', html)  # fresh
    assert re.search(r'id="count-rejected">[^<]*<span class="count">0</span>', html)  # cached
    settings.CONSOLE_CLOSED_COUNTS_CACHE_SECONDS = 0
    html = officer_client.get("/console/").content.decode()
    assert re.search(r'id="count-rejected">[^<]*<span class="count">1</span>', html)


def test_filters_by_channel_and_rating(make_report, admin_client_demo):
    web = make_report()
    operator = User.objects.get(username="tongdai")
    hotline = make_report(offset=0.0005, channel="hotline", actor=operator)
    assert _codes(admin_client_demo.get("/console/?channel=hotline")) == [hotline.code]
    assert _codes(admin_client_demo.get("/console/?channel=web")) == [web.code]

    poor, good = make_report(offset=0.001), make_report(offset=0.0015)
    Report.objects.filter(pk=poor.pk).update(rating=2, status=Status.CLOSED)
    Report.objects.filter(pk=good.pk).update(rating=5, status=Status.CLOSED)
    assert _codes(admin_client_demo.get("/console/?status=all&rating=poor")) == [poor.code]
    assert _codes(admin_client_demo.get("/console/?status=all&rating=5")) == [good.code]
    assert _codes(admin_client_demo.get("/console/?status=closed&rating=1")) == []

    page = admin_client_demo.get("/console/?channel=fax&rating=9")
    assert page.status_code == 200
    assert set(_codes(page)) == {web.code, hotline.code}  # unknown values: the open queue
    assert "Mọi kênh" in page.content.decode()
