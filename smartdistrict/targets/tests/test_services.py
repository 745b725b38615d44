"""Writes through the services: the rules of indicators, figures, projects and milestones."""

import datetime as dt
import json

import pytest

from smartdistrict.accounts.models import User
from smartdistrict.core.errors import InvalidInput, PermissionDenied
from smartdistrict.geography.models import Unit
from smartdistrict.targets.indicator_rules import IndicatorValues, indicator_problems
from smartdistrict.targets.models import Measurement, WorkStatus
from smartdistrict.targets.services.indicators import (
    UNCHANGED,
    indicator_upsert,
    measurement_delete,
    measurement_record,
)
from smartdistrict.targets.services.projects import (
    milestone_upsert,
    programme_upsert,
    project_upsert,
)

pytestmark = pytest.mark.django_db


def values(**fields) -> IndicatorValues:
    base = {
        "code": "T-01", "name": "Thử", "unit": "%", "direction": "higher",
        "baseline_value": 10.0, "baseline_year": 2020, "target_value": 20.0, "target_year": 2025,
    }
    return IndicatorValues(**{**base, **fields})


def test_upsert_creates_then_updates_by_code():
    indicator, created = indicator_upsert(values=values(name="  Tỷ lệ thử  "))
    assert created and indicator.name == "Tỷ lệ thử"
    again, created = indicator_upsert(values=values(target_value=25.0))
    assert not created and again.pk == indicator.pk and again.target_value == 25.0


def test_every_broken_rule_is_listed_with_its_field():
    problems = indicator_problems(values(code="a b", name="", unit="", direction="up"))
    assert {p.field for p in problems} == {"code", "name", "unit", "direction"}
    years = indicator_problems(values(baseline_year=2025, target_year=2025))
    assert [p.field for p in years] == ["target_year"]
    side = indicator_problems(values(target_value=5.0))
    assert [p.field for p in side] == ["target_value"]
    # The same target is fine for a target that must be met every period.
    assert indicator_problems(values(target_value=5.0, kind="each_period")) == []


def test_upsert_refuses_broken_values_and_non_editors():
    with pytest.raises(InvalidInput) as error:
        indicator_upsert(values=values(target_year=2019))
    assert error.value.field == "target_year"
    leader = User.objects.get(username="lanhdao")
    with pytest.raises(PermissionDenied):
        indicator_upsert(values=values(), actor=leader)


def test_record_creates_and_updates_one_period(make_indicator):
    indicator = make_indicator()
    first, created = measurement_record(indicator=indicator, period="2023", actual=150.0,
                                        source="Báo cáo năm")
    assert created and (first.period_start, first.period_end) == (
        dt.date(2023, 1, 1), dt.date(2023, 12, 31))
    second, created = measurement_record(indicator=indicator, period="2023", planned=160.0)
    assert not created and second.pk == first.pk
    second.refresh_from_db()
    assert (second.actual, second.planned, second.source) == (150.0, 160.0, "Báo cáo năm")
    measurement_record(indicator=indicator, period="2023", actual=None, source=UNCHANGED)
    second.refresh_from_db()
    assert (second.actual, second.planned, second.source) == (None, 160.0, "Báo cáo năm")


def test_record_refuses_empty_figures_and_finer_periods(make_indicator):
    indicator = make_indicator()
    with pytest.raises(InvalidInput):
        measurement_record(indicator=indicator, period="2023", actual=None, planned=None)
    with pytest.raises(InvalidInput) as error:
        measurement_record(indicator=indicator, period="2023-Q1", actual=1.0)
    assert error.value.field == "period"
    with pytest.raises(InvalidInput):
        measurement_record(indicator=indicator, period="2023", actual=float("nan"))
    quarterly = make_indicator("T-Q", periodicity="quarterly")
    measurement_record(indicator=quarterly, period="2023-Q1", actual=1.0)
    measurement_record(indicator=quarterly, period="2023", actual=1.0)
    with pytest.raises(InvalidInput):
        measurement_record(indicator=quarterly, period="2023-05", actual=1.0)
    assert Measurement.objects.filter(indicator=quarterly).count() == 2


def test_who_may_record_figures(make_indicator, owner_department, owner_staff):
    owned = make_indicator("T-OWNED", owner_department=owner_department)
    other = make_indicator("T-OTHER")
    measurement_record(indicator=owned, period="2023", actual=1.0, actor=owner_staff)
    with pytest.raises(PermissionDenied):
        measurement_record(indicator=other, period="2023", actual=1.0, actor=owner_staff)
    leader = User.objects.get(username="lanhdao")
    with pytest.raises(PermissionDenied):
        measurement_record(indicator=owned, period="2024", actual=1.0, actor=leader)
    admin = User.objects.get(username="admin")
    measured, _ = measurement_record(indicator=other, period="2023", actual=2.0, actor=admin)
    assert measured.updated_by == admin
    with pytest.raises(PermissionDenied):
        measurement_delete(measurement=measured, actor=owner_staff)
    measurement_delete(measurement=measured, actor=admin)
    assert not Measurement.objects.filter(pk=measured.pk).exists()


def test_a_project_placed_by_a_point_gets_its_ward():
    # The People's Committee seat of the former district, 6 Phan Đăng Lưu, today in Bình Thạnh.
    project = project_upsert(
        code="p-diem", name="Dự án điểm",
        geometry={"type": "Point", "coordinates": [106.7050, 10.8109]},
    )
    assert project.ward == Unit.objects.get(code="26929")
    assert json.loads(project.geometry) == {"type": "Point", "coordinates": [106.705, 10.8109]}


def test_a_line_or_a_point_outside_keeps_no_ward():
    line = project_upsert(
        code="p-tuyen", name="Tuyến kênh",
        geometry=json.dumps({"type": "LineString",
                             "coordinates": [[106.70, 10.80], [106.71, 10.81]]}),
    )
    assert line.ward is None and json.loads(line.geometry)["type"] == "LineString"
    outside = project_upsert(code="p-ngoai", name="Ngoài quận",
                             geometry={"type": "Point", "coordinates": [105.0, 10.0]})
    assert outside.ward is None
    bare = project_upsert(code="p-trong", name="Chưa đặt vị trí")
    assert bare.geometry == "" and bare.ward is None


@pytest.mark.parametrize(
    "geometry",
    [
        "not json",
        {"type": "Polygon", "coordinates": []},
        {"type": "Point", "coordinates": [200.0, 10.0]},
        {"type": "Point", "coordinates": ["106", "10"]},
        {"type": "LineString", "coordinates": [[106.7, 10.8]]},
    ],
)
def test_bad_locations_are_refused(geometry):
    with pytest.raises(InvalidInput) as error:
        project_upsert(code="p-sai", name="Sai", geometry=geometry)
    assert error.value.field == "geometry"


def test_project_and_programme_rules():
    with pytest.raises(InvalidInput):
        programme_upsert(code="ct", name="CT", start=dt.date(2025, 1, 1), end=dt.date(2024, 1, 1))
    with pytest.raises(InvalidInput):
        project_upsert(code="p", name="P", status="paused")
    with pytest.raises(InvalidInput):
        project_upsert(code="p", name="P", budget_billion_vnd=-1)
    programme = programme_upsert(code="ct", name="Chương trình", budget_billion_vnd=12.5)
    project = project_upsert(code="p", name="P", programme=programme, budget_billion_vnd="1000")
    assert project.programme == programme and project.budget_billion_vnd == 1000
    with pytest.raises(PermissionDenied):
        project_upsert(code="p", name="P", actor=User.objects.get(username="lanhdao"))


def test_milestone_status_follows_its_dates():
    project = project_upsert(code="p-moc", name="P")
    planned = milestone_upsert(project=project, name="Khởi công", planned_date=dt.date(2025, 1, 1))
    assert planned.status == WorkStatus.PLANNED
    done = milestone_upsert(project=project, name="Khởi công", planned_date=dt.date(2025, 1, 1),
                            actual_date=dt.date(2025, 2, 1))
    assert done.pk == planned.pk and done.status == WorkStatus.COMPLETED
    with pytest.raises(InvalidInput):
        milestone_upsert(project=project, name="Xong", planned_date=dt.date(2026, 1, 1),
                         status=WorkStatus.COMPLETED)
