"""geo_import: a dry run by default; official boundaries replace approximate ones."""

import datetime as dt
import json

import pytest
import shapely
from django.core.management import CommandError, call_command

from smartdistrict.geography.importing import import_plan, read_features
from smartdistrict.geography.models import Boundary, Unit
from smartdistrict.geography.selectors import lookup_point

pytestmark = pytest.mark.django_db
JULY = dt.date(2025, 7, 1)


def feature(name, code, geometry):
    return {"type": "Feature", "properties": {"ten": name, "ma": code},
            "geometry": json.loads(shapely.to_geojson(geometry))}


@pytest.fixture
def geojson(tmp_path):
    def write(*features):
        path = tmp_path / "wards.geojson"
        path.write_text(json.dumps({"type": "FeatureCollection", "features": list(features)}))
        return path
    return write


def current_geometry(code):
    return shapely.from_wkb(bytes(Boundary.objects.get(unit__code=code).wkb))


def test_dry_run_reports_and_writes_nothing(geojson, capsys):
    bowtie = shapely.Polygon([(106.70, 10.80), (106.71, 10.81), (106.71, 10.80), (106.70, 10.81)])
    path = geojson(
        feature("Phường Bình Quới", "26911", current_geometry("26911")),
        feature("Thạnh Mỹ Tây", "", current_geometry("26956")),
        feature("Phường Thử Nghiệm", "99901", shapely.box(106.72, 10.78, 106.73, 10.79)),
        feature("Phường Hỏng", "1", bowtie),
        {"type": "Feature", "properties": {"ten": "Không hình"}, "geometry": None},
    )
    before = list(Boundary.objects.values_list("id", "updated_at", "approximate"))
    call_command("geo_import", str(path), "--name-field", "ten", "--code-field", "ma",
                 "--valid-from", "2025-07-01")
    out = capsys.readouterr().out
    assert "matched: 2" in out
    assert "new: 2" in out and "Phường Thử Nghiệm" in out
    assert "missing (no feature; boundary kept): 166" in out
    assert "repaired: 1" in out and "Phường Hỏng: repaired: Self-intersection" in out
    assert "refused: 1" in out and "#5 Không hình: no geometry" in out
    assert "dry run: nothing written" in out
    assert list(Boundary.objects.values_list("id", "updated_at", "approximate")) == before


def test_self_intersection_is_repaired_or_refused_with_the_reason(geojson):
    bowtie = shapely.Polygon([(106.70, 10.80), (106.71, 10.81), (106.71, 10.80), (106.70, 10.81)])
    plan = import_plan(
        read_features(geojson(feature("Phường Bình Quới", "26911", bowtie))),
        level="ward", name_field="ten", code_field="ma", valid_from=JULY,
    )
    assert plan.refused == [] and len(plan.repaired) == 1
    assert "Self-intersection" in plan.repaired[0].note
    spike = shapely.Polygon([(106.70, 10.80), (106.72, 10.80), (106.72, 10.82), (106.70, 10.82),
                             (106.70, 10.8101), (106.73, 10.81), (106.70, 10.8099)])
    plan = import_plan(
        read_features(geojson(feature("Phường Bình Quới", "26911", spike))),
        level="ward", name_field="ten", code_field="ma", valid_from=JULY,
    )
    assert plan.refused == [] and "Self-intersection" in plan.repaired[0].note
    square = [(106.70, 10.80), (106.71, 10.80), (106.71, 10.81), (106.70, 10.81)]
    winds_twice = shapely.Polygon(square + square)
    plan = import_plan(
        read_features(geojson(feature("Phường Bình Quới", "26911", winds_twice))),
        level="ward", name_field="ten", code_field="ma", valid_from=JULY,
    )
    assert plan.refused[0][1] == "Phường Bình Quới"
    assert "more than 1%" in plan.refused[0][2]


def test_commit_replaces_the_boundary_with_an_official_one(geojson, capsys):
    official = current_geometry("26911").buffer(-0.001)
    path = geojson(feature("Phường Bình Quới", "26911", official))
    call_command("geo_import", str(path), "--name-field", "ten", "--code-field", "ma",
                 "--valid-from", "2025-07-01", "--source", "Sở Nội vụ 2026", "--commit")
    assert "written: 1 boundaries" in capsys.readouterr().out
    boundary = Boundary.objects.get(unit__code="26911")
    assert boundary.approximate is False
    assert boundary.source == "Sở Nội vụ 2026"
    point = official.representative_point()
    assert lookup_point(point.y, point.x, JULY).approximate is False


def test_commit_creates_new_units_under_a_parent(geojson):
    path = geojson(feature("Phường Thử Nghiệm", "99901", shapely.box(106.72, 10.78, 106.73, 10.79)))
    call_command("geo_import", str(path), "--name-field", "ten", "--code-field", "ma",
                 "--valid-from", "2025-07-01", "--parent", "79", "--commit")
    unit = Unit.objects.get(gso_code="99901")
    assert unit.parent.code == "79"
    assert unit.boundary.approximate is False


def test_unreadable_file_is_a_clear_error(tmp_path):
    path = tmp_path / "broken.geojson"
    path.write_text("{not json")
    with pytest.raises(CommandError, match="cannot read GeoJSON"):
        call_command("geo_import", str(path), "--name-field", "ten", "--valid-from", "2025-07-01")
