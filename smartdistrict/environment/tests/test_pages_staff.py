"""The staff page of open alerts: log-in through the console, a role required, the alert
with its report, in Vietnamese and English."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from smartdistrict.accounts.models import Role, User
from smartdistrict.environment.alerts.services import alerts_evaluate
from smartdistrict.environment.models import AlertKind, AlertRule, Parameter
from smartdistrict.environment.services.ingest import readings_ingest
from smartdistrict.environment.tests.test_pages import assert_csp_clean

pytestmark = pytest.mark.django_db

URL = "/environment/staff/alerts"


@pytest.fixture
def open_alert(station):
    AlertRule.objects.create(name="DO dưới loại C", kind=AlertKind.QCVN_CLASS,
                             parameter=Parameter.objects.get(code="DO"), qcvn_class="C")
    at = timezone.now() - dt.timedelta(hours=1)
    readings_ingest(rows=[{"station": "XT-01", "parameter": "DO", "observed_at": at,
                           "value": 1.4}], source="mqtt")
    summary = alerts_evaluate()
    assert len(summary.opened) == 1
    return summary


@pytest.fixture
def officer(db):
    return User.objects.create_user(username="env-leader", password="x-Secret-9",
                                    role=Role.LEADER)


def test_anonymous_visitors_are_sent_to_the_console_log_in(client):
    response = client.get(URL)
    assert response.status_code == 302
    assert response["Location"] == f"/console/login/?next={URL}"


def test_an_account_without_a_role_is_refused(client, db):
    client.force_login(User.objects.create_user(username="no-role", password="x-Secret-9"))
    assert client.get(URL).status_code == 403


def test_staff_see_the_open_alert_and_its_report(client, officer, open_alert):
    client.force_login(officer)
    response = client.get(URL)
    assert response.status_code == 200
    html = response.content.decode()
    code = open_alert.reports_opened[0]
    assert f'href="/console/reports/{code}"' in html
    assert 'href="/environment/stations/XT-01"' in html and "DO dưới loại C" in html
    assert "Cảnh báo đang mở" in html and "kém hơn loại C" in html
    assert_csp_clean(response)
    english = client.get(URL, HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "Open alerts" in english and "worse than class C" in english


def test_the_staff_page_query_budget_does_not_grow_with_alerts(client, officer, open_alert,
                                                               other_station):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.force_login(officer)
    with CaptureQueriesContext(connection) as one:
        client.get(URL)
    at = timezone.now() - dt.timedelta(minutes=30)
    readings_ingest(rows=[{"station": "VT-01", "parameter": "DO", "observed_at": at,
                           "value": 1.2}], source="file")
    alerts_evaluate()
    with CaptureQueriesContext(connection) as two:
        html = client.get(URL).content.decode()
    assert html.count("<tr data-alert=") == 2
    assert len(two) == len(one)


def test_the_public_pages_show_an_open_alert(client, open_alert):
    """A station whose index cannot be computed (DO alone) but with an open alert is not
    grey "no index" on the map, and its page says what the alert saw."""
    from smartdistrict.environment.pages.presenters import ALERT_COLOUR, NO_INDEX_COLOUR

    html = client.get("/environment/").content.decode()
    row = html[html.index('data-code="XT-01"'):]
    row = row[:row.index("</tr>")]
    assert f'data-colour="{ALERT_COLOUR}"' in row and NO_INDEX_COLOUR not in row
    assert "DO" in row and "1,4" in row  # the condition the alert saw
    assert 'data-band="alert"' in html  # the legend explains the colour
    page = client.get("/environment/stations/XT-01").content.decode()
    assert 'id="station-alerts"' in page
    section = page[page.index('id="station-alerts"'):page.index("</section>")]
    assert "1,4" in section and "DO dưới loại C" in section
    assert_csp_clean(client.get("/environment/stations/XT-01"))


def test_a_station_without_alert_has_no_alert_section(client, station):
    page = client.get("/environment/stations/XT-01").content.decode()
    assert 'id="station-alerts"' not in page
