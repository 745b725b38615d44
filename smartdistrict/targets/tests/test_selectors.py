"""Reads answer in a fixed number of queries, whatever the number of rows (pinned here)."""

import datetime as dt

import pytest

from smartdistrict.targets import selectors
from smartdistrict.targets.models import Indicator
from smartdistrict.targets.progress import Status
from smartdistrict.targets.services.indicators import measurement_record
from smartdistrict.targets.services.projects import (
    milestone_upsert,
    programme_upsert,
    project_upsert,
)

pytestmark = pytest.mark.django_db

TODAY = dt.date(2026, 1, 15)


def test_with_latest_answers_in_one_query(make_indicator, django_assert_num_queries):
    for n in range(12):
        make_indicator(f"T-{n:02d}", actuals={2021: 110 + n, 2022: 120 + n, 2023: 130 + n})
    with django_assert_num_queries(1):
        rows = {i.code: i for i in selectors.with_latest()}
        assert rows["T-05"].latest_actual == 135
        assert rows["T-05"].latest_period == "2023"
        assert rows["T-05"].programme is None  # joined in the same query


def test_latest_is_the_last_actual_and_a_year_beats_its_fourth_quarter(make_indicator):
    indicator = make_indicator("T-Q", periodicity="quarterly", actuals={2023: 140})
    measurement_record(indicator=indicator, period="2024-Q3", actual=150.0)
    measurement_record(indicator=indicator, period="2024-Q4", actual=155.0)
    measurement_record(indicator=indicator, period="2024", actual=152.0)
    measurement_record(indicator=indicator, period="2025", planned=170.0)  # no actual yet
    latest = selectors.with_latest(Indicator.objects.filter(code="T-Q")).get()
    assert (latest.latest_actual, latest.latest_period) == (152.0, "2024")
    assert latest.latest_period_end == dt.date(2024, 12, 31)
    empty = make_indicator("T-EMPTY")
    assert selectors.with_latest(Indicator.objects.filter(pk=empty.pk)).get().latest_actual is None


def test_indicator_rows_cost_two_queries_however_many(make_indicator, django_assert_num_queries):
    make_indicator("T-A", actuals={2021: 120})
    with django_assert_num_queries(2):
        few = selectors.indicator_rows()
    for n in range(30):
        make_indicator(f"T-{n:02d}", actuals={2021: 110, 2022: 125, 2023: 131})
    with django_assert_num_queries(2):
        many = selectors.indicator_rows(today=dt.date(2024, 6, 30))
    assert len(many) == len(few) + 30
    row = next(r for r in many if r.indicator.code == "T-07")
    # 131 of the way 100 → 200 at the end of 2023: 31 % where 60 % was expected.
    assert row.assessment.progress.percent == pytest.approx(31.0)
    assert row.status == Status.OFF_TRACK


def test_status_counts_cover_every_status(make_indicator):
    during_term = dt.date(2024, 6, 30)
    before = selectors.status_counts(during_term)
    make_indicator("T-ON", actuals={2023: 170})  # 70 % where 60 % expected
    make_indicator("T-NONE")
    after = selectors.status_counts(during_term)
    assert set(after) == {s.value for s in Status}
    assert after["on_track"] == before["on_track"] + 1
    assert after["no_data"] == before["no_data"] + 1


def test_group_by_programme_keeps_the_programmes_order(make_indicator):
    second = programme_upsert(code="ct-2", name="Thứ hai", position=2)
    first = programme_upsert(code="ct-1", name="Thứ nhất", position=1)
    make_indicator("T-LOOSE")
    make_indicator("T-2", programme=second)
    make_indicator("T-1", programme=first)
    groups = selectors.group_by_programme(
        selectors.indicator_rows(codes=["T-LOOSE", "T-2", "T-1"])
    )
    assert [g.programme for g in groups] == [first, second, None]


def test_indicator_detail(make_indicator, django_assert_num_queries):
    make_indicator("T-D", actuals={2021: 110, 2022: 120})
    with django_assert_num_queries(2):
        detail = selectors.indicator_detail("T-D")
    assert [m.period_label for m in detail.measurements] == ["2021", "2022"]
    assert detail.assessment.latest == 120


def _projects():
    programme = programme_upsert(code="ct-da", name="Chương trình")
    late = project_upsert(code="p-tre", name="Trễ", programme=programme,
                          end=dt.date(2025, 12, 31), status="in_progress",
                          geometry={"type": "Point", "coordinates": [106.742, 10.822]})
    milestone_upsert(project=late, name="Khởi công", planned_date=dt.date(2025, 3, 1),
                     actual_date=dt.date(2025, 4, 1))
    milestone_upsert(project=late, name="Hoàn thành", planned_date=dt.date(2025, 12, 31))
    fine = project_upsert(code="p-dung", name="Đúng hạn", end=dt.date(2027, 1, 1),
                          geometry={"type": "LineString",
                                    "coordinates": [[106.70, 10.80], [106.71, 10.81]]})
    milestone_upsert(project=fine, name="Khởi công", planned_date=dt.date(2026, 6, 1))
    return programme, late, fine


def test_programme_groups_and_delays(django_assert_num_queries):
    programme, late, fine = _projects()
    with django_assert_num_queries(3):
        groups = selectors.programme_groups(TODAY)
    group = next(g for g in groups if g.programme == programme)
    row = group.projects[0]
    assert row.project == late and row.delayed
    assert row.overrun_days == 15
    assert [m.delay.delay for m in row.milestones] == ["late", "overdue"]
    assert row.overdue_milestones == 1
    loose = groups[-1]
    assert loose.programme is None
    assert not next(r for r in loose.projects if r.project == fine).delayed


def test_delayed_milestones(django_assert_num_queries):
    _projects()
    with django_assert_num_queries(1):
        rows = selectors.delayed_milestones(TODAY)
    names = [(r.milestone.project.code, r.milestone.name, r.delay.days) for r in rows]
    assert ("p-tre", "Khởi công", 31) in names and ("p-tre", "Hoàn thành", 15) in names
    assert all(code != "p-dung" for code, _name, _days in names)


def test_projects_geojson(django_assert_num_queries):
    _projects()
    with django_assert_num_queries(2):
        data = selectors.projects_geojson(language="en", today=TODAY)
    features = {f["properties"]["code"]: f for f in data["features"]}
    assert data["type"] == "FeatureCollection"
    assert features["p-tre"]["geometry"] == {"type": "Point", "coordinates": [106.742, 10.822]}
    assert features["p-tre"]["properties"]["delayed"] is True
    assert features["p-tre"]["properties"]["ward"] == "Phường Bình Quới"
    assert features["p-dung"]["geometry"]["type"] == "LineString"
    assert features["p-dung"]["properties"]["delayed"] is False
