"""The term's targets on the dashboard: counts as the targets app counts them, the
indicators furthest behind with their links, late milestones, a fixed number of queries."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from smartdistrict.dashboard.selectors.targets import targets_panel
from smartdistrict.geography.selectors import whole_jurisdiction_label
from smartdistrict.targets.demo import seed_targets
from smartdistrict.targets.indicator_rules import IndicatorValues
from smartdistrict.targets.models import Indicator
from smartdistrict.targets.schedule import Delay
from smartdistrict.targets.selectors import delayed_milestones, status_counts
from smartdistrict.targets.services.indicators import indicator_upsert, measurement_record

pytestmark = pytest.mark.django_db


def indicator(code: str, actual_2025: float | None = None, **fields) -> Indicator:
    """Higher is better, 100 (2020) → 200 (2030): a 2025 value is judged against half the
    way (50 %), whatever today's date before 2031."""
    values = {"code": code, "name": f"Chỉ tiêu {code}", "name_en": f"Indicator {code}",
              "unit": "%", "direction": "higher", "baseline_value": 100.0,
              "baseline_year": 2020, "target_value": 200.0, "target_year": 2030, **fields}
    made, _created = indicator_upsert(values=IndicatorValues(**values))
    if actual_2025 is not None:
        measurement_record(indicator=made, period="2025", actual=actual_2025)
    return made


def four_indicators() -> None:
    indicator("T-GOOD", 160)  # 60 % of the way, 50 % expected: on track
    indicator("T-RISK", 140)  # 40 %: 10 points behind, at risk
    indicator("T-BAD", 105)  # 5 %: 45 points behind, off track
    indicator("T-NONE")  # nothing measured: no data


def panel_of(html: str) -> str:
    return re.search(r'id="targets-panel">(.*?)</section>', html, re.S).group(1)


# mid-2024 every demo target is ahead; late 2026 only the 2025–2030 term's three are
@pytest.mark.parametrize(("today", "ahead"), [(dt.date(2024, 6, 30), 20),
                                              (dt.date(2026, 10, 1), 3)])
def test_the_counts_are_the_targets_apps_own_for_the_day(today, ahead,
                                                       django_assert_max_num_queries):
    seed_targets()
    # three reads of the targets, and the check of the geography's version behind the
    # jurisdiction's name (made at every call in tests, once a second in production)
    with django_assert_max_num_queries(4):
        panel = targets_panel(today)
    counts = {status: n for status, _label, n in panel.counts}
    assert counts == status_counts(today)
    assert panel.total == Indicator.objects.count() == 20
    assert sum(1 for n in counts.values() if n) >= 2  # the demo is not all of one status
    delays = [row.delay.delay for row in delayed_milestones(today)]
    assert panel.overdue_milestones == delays.count(Delay.OVERDUE) > 0
    assert panel.late_milestones == delays.count(Delay.LATE)
    assert panel.illustrative
    assert panel.ahead == ahead
    if today.year == 2026:  # the term's targets carry forecasts in the demo
        assert panel.ahead_reaching + panel.ahead_falling_short == 3


def test_the_worst_indicator_comes_first_with_its_link(login):
    four_indicators()
    panel = targets_panel()
    assert [row.indicator.code for row in panel.worst] == ["T-BAD", "T-RISK"]
    html = panel_of(login("lanhdao").get("/dashboard/").content.decode())
    rows = re.findall(r'<tr id="targets-row-([^"]+)">', html)
    assert rows == ["T-BAD", "T-RISK"]  # the one on track and the one without data unnamed
    bad = re.search(r'<tr id="targets-row-T-BAD">(.*?)</tr>', html, re.S).group(1)
    assert 'href="/targets/indicators/T-BAD/"' in bad
    assert "105" in bad and "200" in bad and "2030" in bad  # latest value and target
    assert "status-off_track" in bad
    assert re.search(r'id="targets-count-off_track">1<', html)
    assert re.search(r'id="targets-count-at_risk">1<', html)
    assert re.search(r'id="targets-count-on_track">1<', html)
    assert 'href="/targets/"' in html and 'href="/targets/projects/"' in html


def test_a_target_still_ahead_comes_before_one_of_a_year_gone_by():
    four_indicators()
    # 5 % of the way with 2025 over: further behind than T-BAD, but settled
    indicator("T-PAST", target_year=2025, actual_2025=None)
    measurement_record(indicator=Indicator.objects.get(code="T-PAST"), period="2024",
                       actual=105)
    panel = targets_panel(dt.date(2026, 6, 30))
    assert [row.indicator.code for row in panel.worst] == ["T-BAD", "T-RISK", "T-PAST"]
    assert panel.ahead == 4 and panel.total == 5
    # T-GOOD's straight line reaches 200 by 2030; T-RISK's and T-BAD's fall short
    assert (panel.ahead_reaching, panel.ahead_falling_short) == (1, 2)
    assert panel.worst[0].assessment.forecast.value() is not None  # shown with a forecast


def test_an_indicator_without_measurements_counts_as_no_data(login):
    indicator("T-NONE")
    panel = targets_panel()
    assert {s: n for s, _label, n in panel.counts} == {
        "on_track": 0, "at_risk": 0, "off_track": 0, "no_data": 1}
    assert panel.worst == []
    html = panel_of(login("lanhdao").get("/dashboard/").content.decode())
    assert re.search(r'id="targets-count-no_data">1<', html)
    assert 'id="targets-none-behind"' in html and "targets-row-" not in html


def test_a_ward_officer_sees_the_whole_jurisdictions_targets(login):
    four_indicators()
    response = login("canbo.binhquoi").get("/dashboard/")
    assert response.status_code == 200
    html = panel_of(response.content.decode())
    assert whole_jurisdiction_label() in html  # says it is not cut to the officer's ward
    assert re.search(r'id="targets-count-off_track">1<', html)
    assert re.findall(r'<tr id="targets-row-([^"]+)">', html) == ["T-BAD", "T-RISK"]


def test_the_english_page(login):
    four_indicators()
    html = panel_of(login("lanhdao").get("/dashboard/", HTTP_ACCEPT_LANGUAGE="en")
                    .content.decode())
    assert "The term&#x27;s targets" in html or "The term's targets" in html
    assert "Indicator T-BAD" in html and "Chỉ tiêu T-BAD" not in html
    assert "off track" in html and "All targets" in html
    assert "Key-project milestones overdue" in html


def test_the_vietnamese_page_is_in_vietnamese(login):
    four_indicators()
    html = panel_of(login("lanhdao").get("/dashboard/").content.decode())
    assert "Chỉ tiêu T-BAD" in html
    assert "All targets" not in html and "off track" not in html


def test_without_indicators_the_panel_says_so(login):
    html = panel_of(login("lanhdao").get("/dashboard/", HTTP_ACCEPT_LANGUAGE="en")
                    .content.decode())
    assert 'id="targets-none"' in html and "No indicators yet." in html


def test_the_page_reads_the_same_number_of_queries_however_many_indicators(login):
    client = login("lanhdao")
    four_indicators()
    client.get("/dashboard/")  # caches (the jurisdiction, the session) warmed
    with CaptureQueriesContext(connection) as few:
        assert client.get("/dashboard/").status_code == 200
    for n in range(12):
        indicator(f"T-MORE-{n}", 100 + n * 5)
    with CaptureQueriesContext(connection) as many:
        assert client.get("/dashboard/").status_code == 200
    assert len(many.captured_queries) == len(few.captured_queries)
    with CaptureQueriesContext(connection) as panel_only:
        assert targets_panel().total == 16
    assert len(panel_only.captured_queries) <= 4
