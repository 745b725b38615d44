"""Fixtures of the survey tests: the illustrative catalogue of the five Bình Thạnh wards,
dossiers, and staff accounts of the demo (canbo.binhquoi, canbo.giadinh, lanhdao …)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from django.utils import timezone

from smartdistrict.survey.catalogue import catalogue_load
from smartdistrict.survey.services.dossiers import dossier_register

DEMO = Path(__file__).resolve().parent.parent / "data" / "demo"
BINH_QUOI, GIA_DINH, BINH_THANH = "26911", "26944", "26929"
TZ = dt.timezone(dt.timedelta(hours=7))


@pytest.fixture
def catalogue(db):
    return catalogue_load(DEMO, commit=True)


@pytest.fixture
def make_dossier(catalogue):
    counter = iter(range(1, 1_000_000))

    def make(unit: str = BINH_QUOI, procedure: str = "DEMO-HT-01", counter_code: str = "Q1",
             servant: str = "CC01", returned_at: dt.datetime | None = None):
        dossier, _created = dossier_register(
            unit=unit, procedure=procedure, counter=counter_code, servant=servant,
            code=f"T-{unit}-{next(counter):05d}", returned_at=returned_at or timezone.now())
        return dossier

    return make


GOOD = {"access": 5, "procedure": 4, "servant": 5, "result": 4, "feedback": None, "general": 5}
