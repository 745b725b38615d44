"""Fixtures for feedback tests: points in each current ward, staff, a report factory."""

from __future__ import annotations

import threading
from collections.abc import Callable

import pytest

from smartdistrict.accounts.models import User
from smartdistrict.feedback.models import Report
from smartdistrict.feedback.report_input import Contact, Place, ReportInput
from smartdistrict.feedback.services.intake import report_create

# A point inside each current ward (the published ward centres, 2025-07).
WARD_POINTS = {
    "26905": (10.8273, 106.7060),  # Bình Lợi Trung
    "26911": (10.8220, 106.7420),  # Bình Quới
    "26929": (10.8109, 106.7050),  # Bình Thạnh
    "26944": (10.7983, 106.6990),  # Gia Định
    "26956": (10.7981, 106.7180),  # Thạnh Mỹ Tây
}


def run_together(work: Callable[[], None], threads: int = 4) -> list[Exception]:
    """Run ``work`` in ``threads`` threads released at once (each with its own database
    connection, closed at its end); what they raised, to assert on."""
    from django.db import connections

    barrier = threading.Barrier(threads)
    errors: list[Exception] = []

    def run():
        try:
            barrier.wait()
            work()
        except Exception as error:  # collected for the test to assert on
            errors.append(error)
        finally:
            connections.close_all()

    started = [threading.Thread(target=run) for _ in range(threads)]
    for thread in started:
        thread.start()
    for thread in started:
        thread.join()
    return errors


def report_input(**values) -> ReportInput:
    """A ReportInput from the flat keyword arguments tests find handy (lat, lon, address,
    reporter_*, attributes, actor; the rest as ReportInput names them)."""
    return ReportInput(
        category=values.pop("category"),
        description=values.pop("description", ""),
        place=Place(lat=values.pop("lat", None), lon=values.pop("lon", None),
                    address=values.pop("address", "")),
        contact=Contact(name=values.pop("reporter_name", ""),
                        phone=values.pop("reporter_phone", ""),
                        email=values.pop("reporter_email", "")),
        answers=values.pop("attributes", None) or {},
        entered_by=values.pop("actor", None),
        **values,
    )


def create_report(*, created_at=None, **values) -> tuple[Report, bool]:
    """report_create over ``report_input(**values)``."""
    return report_create(data=report_input(**values), created_at=created_at)


@pytest.fixture
def make_report(db):
    def make(ward: str = "26911", category: str = "rac-thai", **extra):
        lat, lon = WARD_POINTS[ward]
        values = {
            "category": category,
            "description": "Rác thải đổ trộm ở đầu hẻm đã ba ngày, bốc mùi hôi.",
            "lat": lat,
            "lon": lon,
            "reporter_name": "Nguyễn Thị Bí Mật",
            "reporter_phone": "0912345678",
            "reporter_email": "bi.mat@example.com",
            **extra,
        }
        report, created = create_report(**values)
        assert created
        return report

    return make


@pytest.fixture
def officer(db):
    return User.objects.get(username="canbo.binhquoi")


@pytest.fixture
def other_officer(db):
    return User.objects.get(username="canbo.giadinh")


def fail_at_the_last_insert(monkeypatch) -> None:
    """Make the single statement fail at its last insert (an event's kind too long)."""
    from smartdistrict.feedback.services import intake_rows

    real = intake_rows._values

    def too_long(obj, fields):
        values = real(obj, fields)
        return ["x" * 50 if f.name == "kind" else v for f, v in zip(fields, values,
                                                                    strict=True)]

    monkeypatch.setattr(intake_rows, "_values", too_long)


def fill_reports(template: Report, rows: int, generated: dict[str, str],
                 params: dict | None = None) -> None:
    """Insert ``rows`` reports in one INSERT … SELECT over generate_series (PostgreSQL),
    then ANALYZE: the shape of a city's table for plan tests in seconds. ``generated``
    gives SQL expressions of ``g`` (1 … rows; %-style parameters from ``params``, a
    literal % doubled) for some columns; every other column is the template report's,
    so a column added to Report later needs nothing here."""
    from django.db import connection

    columns = [f.column for f in Report._meta.concrete_fields if f.column != "id"]
    values = [generated.get(c, f"t.{connection.ops.quote_name(c)}") for c in columns]
    names = ", ".join(map(connection.ops.quote_name, columns))
    # Names from the model, values bound as parameters.
    sql = (f"INSERT INTO feedback_report ({names}) SELECT {', '.join(values)} "  # noqa: S608
           "FROM generate_series(1, %(rows)s) g, feedback_report t WHERE t.id = %(template)s")
    with connection.cursor() as cursor:
        cursor.execute(sql, {**(params or {}), "rows": rows, "template": template.id})
        cursor.execute("ANALYZE feedback_report")
