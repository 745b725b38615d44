"""The residents' header: report, the public list of reports, my reports, follow, water
quality; the targets for those who may open them (staff pages)."""

from __future__ import annotations

import pytest

from smartdistrict.accounts.models import Role, User

pytestmark = pytest.mark.django_db


def test_the_header_links_the_residents_pages(client):
    html = client.get("/").content.decode()
    for anchor in ('id="nav-report" href="/report/"', 'id="nav-track" href="/track/"',
                   'id="nav-water" href="/environment/"'):
        assert anchor in html
    assert 'id="nav-targets"' not in html  # staff pages: a resident would meet a log-in
    water = client.get("/environment/").content.decode()
    assert 'href="/report/" id="nav-env-report"' in water  # and back from water quality


def test_the_header_links_the_public_reports_once(client):
    html = client.get("/").content.decode()
    assert html.count('id="nav-reports"') == 1
    assert 'id="nav-reports" href="/reports/"' in html
    listed = client.get("/reports/").content.decode()
    assert 'id="nav-reports" href="/reports/" aria-current="page"' in listed


def test_staff_see_the_targets_link(client):
    user = User.objects.create_user(username="lanhdao-test", password="x-Secret-9",
                                    role=Role.LEADER)
    client.force_login(user)
    assert 'id="nav-targets" href="/targets/"' in client.get("/").content.decode()
