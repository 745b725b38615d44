"""The intake benchmark's floor (bare ORM inserts) leaves no row behind: those rows have no
cell, timeline or routing, and a later benchmark counted them as reports (the alleys'
baseline found reports its selector, reading cells, could not: "same counts: NO")."""

import pytest

from smartdistrict.feedback.models import Report


@pytest.mark.django_db
def test_the_bare_insert_floor_is_timed_then_removed():
    from smartdistrict.demo.data import seed_demo

    seed_demo()  # the city pack: units, categories, routing
    from benchmarks.report_intake import _inputs, _orm_rate
    from smartdistrict.demo.reports import seed_reports

    seed_reports(3, seed=5)
    before = set(Report.objects.values_list("id", flat=True))
    assert _orm_rate(_inputs(7)[:4]) > 0
    assert set(Report.objects.values_list("id", flat=True)) == before
    assert not Report.objects.filter(code__startswith="ORM-").exists()
