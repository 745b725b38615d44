"""Creating reports: routing, validation, idempotency (acceptance 1 and 3 of issue 3)."""

import datetime as dt

import pytest
from django.db import connection
from django.utils import timezone

from smartdistrict.core.errors import InvalidInput
from smartdistrict.feedback.models import Event, Report, RoutingRule, Status
from smartdistrict.feedback.tests.conftest import WARD_POINTS, create_report, run_together
from smartdistrict.organisations.models import DepartmentKind

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("ward", sorted(WARD_POINTS))
@pytest.mark.parametrize("category", ["lan-chiem-via-he", "trom-cap", "ngap-nuoc", "khac"])
def test_report_by_point_goes_to_that_wards_department(make_report, ward, category):
    report = make_report(ward=ward, category=category)
    assert report.ward.code == ward
    rule = RoutingRule.objects.get(category__code=category, unit__code=ward)
    assert report.department == rule.department
    assert report.department.units.filter(code=ward).exists()
    expected_kind = {
        "lan-chiem-via-he": DepartmentKind.URBAN_MANAGEMENT,
        "trom-cap": DepartmentKind.POLICE,
        "ngap-nuoc": DepartmentKind.PUBLIC_WORKS,
        "khac": DepartmentKind.WARD_COMMITTEE,
    }[category]
    assert report.department.kind == expected_kind


def test_report_by_address_only_lands_in_the_successor_ward():
    report, created = create_report(
        category="den-chieu-sang", description="Đèn đường trước nhà tắt cả tuần nay.",
        address="P.22, Bình Thạnh",
    )
    assert created
    assert report.ward.name == "Phường Thạnh Mỹ Tây"
    assert report.lat is None


def test_outside_the_city_is_refused_clearly():
    with pytest.raises(InvalidInput) as caught:
        create_report(category="rac-thai", description="Rác ở bến Ninh Kiều, Cần Thơ.",
                      lat=10.0339, lon=105.7880)
    assert caught.value.field == "location"
    assert caught.value.code == "outside_jurisdiction"
    assert not Report.objects.exists()


def test_code_deadline_timeline_and_suggestion(make_report):
    report = make_report()
    year = timezone.localtime(report.created_at).year
    assert report.code.startswith(f"HCM-{year}-")
    assert len(report.code.rsplit("-", 1)[1]) == 6
    assert report.status == Status.NEW
    assert report.due_at > report.created_at
    assert Event.objects.filter(report=report, kind="created").count() == 1
    assert report.suggested_category is not None
    second = make_report()
    assert int(second.code.rsplit("-", 1)[1]) == int(report.code.rsplit("-", 1)[1]) + 1


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"category": "khong-co"}, "category"),
        ({"category": "khac", "description": "ngắn"}, "description"),
        ({"description": "x" * 5000}, "description"),
        ({"lat": None, "lon": None}, "location"),
        ({"lat": "abc"}, "lat"),
        ({"reporter_phone": "12345"}, "reporter_phone"),
        ({"reporter_email": "not-an-email"}, "reporter_email"),
        ({"category": "den-giao-thong"}, "attribute[tinh_trang]"),
        ({"category": "den-giao-thong", "attributes": {"tinh_trang": "xanh"}},
         "attribute[tinh_trang]"),
        ({"category": "ngap-nuoc", "attributes": {"do_sau_cm": "sâu lắm"}}, "attribute[do_sau_cm]"),
        ({"attributes": {"mau_sac": "đỏ"}}, "attribute[mau_sac]"),
        ({"channel": "fax"}, "channel"),
    ],
)
def test_bad_input_names_the_field_and_stores_nothing(make_report, changes, field):
    lat, lon = WARD_POINTS["26911"]
    values = {"category": "rac-thai", "description": "Rác thải đổ trộm ở đầu hẻm nhiều ngày.",
              "lat": lat, "lon": lon, **changes}
    before = Report.objects.count()
    with pytest.raises(InvalidInput) as caught:
        create_report(**values)
    assert caught.value.field == field
    assert str(caught.value.message)
    assert Report.objects.count() == before


def test_extra_answers_are_typed():
    lat, lon = WARD_POINTS["26956"]
    report, _ = create_report(
        category="ngap-nuoc", description="Ngập sâu sau cơn mưa chiều nay.", lat=lat, lon=lon,
        attributes={"do_sau_cm": "35"},
    )
    assert report.attributes == {"do_sau_cm": 35.0}


def test_legacy_encoded_description_is_stored_as_unicode(make_report):
    report = make_report(description="R¸c th¶i ®æ trém ë ®Çu hÎm")
    assert report.description == "Rác thải đổ trộm ở đầu hẻm"


def test_same_idempotency_key_returns_the_first_report(make_report):
    first = make_report(idempotency_key="client-123")
    again, created = create_report(
        category="rac-thai", description="Một nội dung khác hẳn nhưng cùng khóa.",
        lat=WARD_POINTS["26911"][0], lon=WARD_POINTS["26911"][1], idempotency_key="client-123",
    )
    assert created is False
    assert again.pk == first.pk
    assert Report.objects.filter(idempotency_key="client-123").count() == 1


@pytest.mark.django_db(transaction=True)
def test_concurrent_submissions_with_one_key_create_one_report():
    if connection.vendor != "postgresql":
        pytest.skip("concurrency is tested on PostgreSQL (SQLite serialises writers)")
    from smartdistrict.demo.data import seed_configuration

    seed_configuration()  # a transactional test starts from an emptied database
    lat, lon = WARD_POINTS["26929"]
    results = []

    def submit():
        report, created = create_report(
            category="rac-thai", description="Rác thải đổ trộm ở đầu hẻm nhiều ngày.",
            lat=lat, lon=lon, idempotency_key="retry-42",
        )
        results.append((report.pk, created))

    assert run_together(submit) == []
    assert len({pk for pk, _ in results}) == 1
    assert sorted(created for _, created in results) == [False, False, False, True]
    assert Report.objects.filter(idempotency_key="retry-42").count() == 1


def test_report_dated_before_the_reform_keeps_the_ward_of_its_date():
    created_at = dt.datetime(2025, 3, 3, 9, 0, tzinfo=dt.UTC)
    report, _ = create_report(
        category="lan-chiem-via-he",
        description="Quán ăn lấn chiếm hết vỉa hè, phải đi xuống lòng đường.",
        lat=10.805806, lon=106.719041, created_at=created_at,
    )
    assert report.ward.code == "765.p25.2025"
    assert report.department.code == "qldt-quan-binh-thanh"
    assert report.department.valid_to == dt.date(2025, 6, 30)


@pytest.mark.parametrize("ward", sorted(WARD_POINTS))
def test_the_hotlines_two_largest_kinds_are_routed_with_their_deadlines(make_report, ward):
    """Issue 14: a complaint about a one-stop shop goes to the ward's People's Committee,
    one about buses to the city's Public Transport Management Centre; both due in five
    working days (the city pack's data)."""
    procedure = make_report(ward=ward, category="thu-tuc-hanh-chinh",
                            attributes={"linh_vuc": "ho-tich", "ma_ho_so": "000.26.27.H29"})
    assert procedure.department.kind == DepartmentKind.WARD_COMMITTEE
    assert procedure.department.units.filter(code=ward).exists()
    assert procedure.attributes == {"linh_vuc": "ho-tich", "ma_ho_so": "000.26.27.H29"}
    bus = make_report(ward=ward, category="giao-thong-cong-cong",
                      description="Xe buýt tuyến 19 chạy qua trạm không dừng đón khách.",
                      attributes={"tuyen": "19", "van_de": "bo-tram"})
    assert bus.department.code == "qlgtcc-hcm"
    for report in (procedure, bus):
        assert report.category.deadline_value == 5
        assert report.due_at - report.created_at >= dt.timedelta(days=5)
