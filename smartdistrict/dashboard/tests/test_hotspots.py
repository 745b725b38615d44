"""Hotspots: Getis-Ord Gi* flags a synthetic cluster, and nothing leaves but counts."""

from __future__ import annotations

import datetime as dt
import random

import h3
import pytest
from django.utils import timezone

from smartdistrict.accounts.selectors import Scope
from smartdistrict.dashboard.models import ReportFact
from smartdistrict.dashboard.selectors.hotspots import as_geojson, hotspots
from smartdistrict.dashboard.selectors.scope import Period, selection_in_scope
from smartdistrict.dashboard.selectors.timeofday import weekly_hours
from smartdistrict.feedback.models import Category
from smartdistrict.geography.index import get_index
from smartdistrict.geography.models import Unit

DAY = dt.date(2025, 9, 10)
CENTRE = h3.latlng_to_cell(10.8016, 106.6985, 9)  # chợ Bà Chiểu


def GIA_DINH():
    return selection_in_scope(Scope(everything=True), "26944")


def _facts(cells: dict[str, int], category: Category, ward: Unit) -> None:
    rows, next_id = [], 5_000_000
    for cell, count in cells.items():
        for _ in range(count):
            next_id += 1
            rows.append(ReportFact(
                report_id=next_id, ward_id=ward.id, department_id=1, category_id=category.id,
                channel="web", status="closed", is_open=False, due_at=timezone.now(),
                created_day=DAY, created_slot=2 * 24 + 21, h3_cell=cell))
    ReportFact.objects.bulk_create(rows)


@pytest.fixture
def cluster(db):
    """One report in a third of Gia Định's cells, 30 in the centre cell and 15 in each of
    its six neighbours; the tests study Gia Định (the city's other cells hold nothing)."""
    index = get_index()
    outline = index.boundaries[index.by_code["26944"].id]
    cells = sorted(h3.geo_to_cells(outline, 9))
    rng = random.Random(3)
    counts = {cell: 1 for cell in cells if rng.random() < 0.33}
    counts[CENTRE] = 30
    for neighbour in h3.grid_ring(CENTRE, 1):
        counts[neighbour] = 15
    category = Category.objects.get(code="trom-cap")
    _facts(counts, category, Unit.objects.get(code="26944"))
    return category


def test_gi_star_flags_the_synthetic_cluster(cluster):
    found = hotspots(GIA_DINH(), Period(DAY, DAY), cluster.id)
    assert found.tested
    hot = {c.cell for c in found.cells if c.kind == "hot"}
    assert CENTRE in hot
    assert hot <= {CENTRE, *h3.grid_disk(CENTRE, 2)}  # nothing far from the cluster
    centre = next(c for c in found.cells if c.cell == CENTRE)
    assert centre.z > 3 and centre.p <= found.cutoff
    assert found.total == sum(c.count for c in found.cells)


def test_vectorised_gi_star_equals_esda():
    """The fast statistic is esda's G_Local(star=True, binary weights), cell for cell."""
    import numpy as np
    from esda.getisord import G_Local
    from libpysal.weights import W

    from smartdistrict.dashboard.selectors.hotspots import _grid, gi_star

    cells = sorted(h3.grid_disk(CENTRE, 6))
    grid = _grid({c: h3.grid_ring(c, 1) for c in cells})
    rng = np.random.default_rng(5)
    y = rng.poisson(2, len(grid.cells)).astype(float)
    y[grid.position[CENTRE]] = 40
    neighbours = {c: [n for n in h3.grid_ring(c, 1) if n in grid.position] for c in grid.cells}
    weights = W(neighbours, silence_warnings=True)
    weights.transform = "B"
    reference = G_Local(y, weights, transform="B", permutations=0, star=True)
    assert np.allclose(gi_star(y, grid.rows, grid.cols), np.asarray(reference.Zs), atol=1e-9)


def test_geojson_carries_counts_only(cluster):
    found = hotspots(GIA_DINH(), Period(DAY, DAY), cluster.id)
    data = as_geojson(found)
    assert data["properties"]["hot"] == found.hot
    keys = {key for f in data["features"] for key in f["properties"]}
    assert keys == {"cell", "count", "z", "p", "kind"}
    ring = data["features"][0]["geometry"]["coordinates"][0]
    assert ring[0] == ring[-1] and len(ring) == 7


def test_too_few_reports_are_not_tested(cluster):
    other = Category.objects.get(code="cay-xanh")
    found = hotspots(GIA_DINH(), Period(DAY, DAY), other.id)
    assert not found.tested and found.cells == []


def test_weekly_hours_grid(cluster):
    grid = weekly_hours(selection_in_scope(Scope(everything=True), "26944"), Period(DAY, DAY),
                        cluster.id)
    assert grid[2][21] == sum(map(sum, grid)) > 100  # Wednesday, 21 h


def test_hotspots_page_answers_geojson(cluster, login):
    client = login("lanhdao")
    response = client.get("/dashboard/hotspots.geojson",
                          {"start": DAY.isoformat(), "end": DAY.isoformat(),
                           "category": "trom-cap"})
    assert response.status_code == 200
    assert response.json()["properties"]["hot"] >= 1
    officer = login("canbo.binhquoi")  # Bình Quới sees none of Gia Định's cluster
    response = officer.get("/dashboard/hotspots.geojson",
                           {"start": DAY.isoformat(), "end": DAY.isoformat(),
                            "category": "trom-cap"})
    assert response.json()["properties"]["total"] == 0
