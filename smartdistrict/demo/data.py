"""Bình Thạnh demo content: departments of each current ward and one account per role."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db import transaction

from smartdistrict.accounts.models import Role, User
from smartdistrict.accounts.services import user_create
from smartdistrict.geography.models import Unit
from smartdistrict.geography.services import binh_thanh_load
from smartdistrict.organisations.models import Department, DepartmentKind
from smartdistrict.organisations.services import department_upsert

DEMO_PASSWORD = "smartdistrict-demo"  # noqa: S105 — printed by `make demo`; never use outside a demo

CURRENT_WARDS = {  # GSO code → slug used in department codes and usernames
    "26944": "gia-dinh",
    "26929": "binh-thanh",
    "26905": "binh-loi-trung",
    "26956": "thanh-my-tay",
    "26911": "binh-quoi",
}


@dataclass(frozen=True)
class DemoAccount:
    username: str
    role: str
    scope: str


def _departments() -> None:
    wards = Unit.objects.filter(code__in=CURRENT_WARDS)
    legacy = legacy_wards()
    for ward in wards:
        slug = CURRENT_WARDS[ward.code]
        short = ward.name.removeprefix("Phường ")
        department_upsert(
            code=f"ubnd-{slug}", name=f"Ủy ban nhân dân phường {short}",
            name_en=f"People's Committee of {ward.name_en}",
            kind=DepartmentKind.WARD_COMMITTEE, units=[ward],
        )
        department_upsert(
            code=f"kthtdt-{slug}", name=f"Phòng Kinh tế, Hạ tầng và Đô thị phường {short}",
            name_en=f"Economy, Infrastructure and Urban Affairs Office, {ward.name_en}",
            kind=DepartmentKind.URBAN_MANAGEMENT, units=[ward],
        )
        department_upsert(
            code=f"ca-{slug}", name=f"Công an phường {short}",
            name_en=f"Police of {ward.name_en}", kind=DepartmentKind.POLICE, units=[ward],
        )
    department_upsert(
        code="thoat-nuoc-hcm", name="Công ty TNHH MTV Thoát nước Đô thị TP.HCM",
        name_en="Ho Chi Minh City Urban Drainage Company",
        kind=DepartmentKind.PUBLIC_WORKS, units=list(wards) + legacy,
    )
    department_upsert(
        code="cong-ich-binh-thanh", name="Công ty TNHH MTV Dịch vụ Công ích Bình Thạnh",
        name_en="Binh Thanh Public Services Company",
        kind=DepartmentKind.PUBLIC_WORKS, units=list(wards) + legacy,
    )
    _former_district_departments(legacy)


def _former_district_departments(legacy: list[Unit]) -> None:
    """The departments of Quận Bình Thạnh and of its wards before 1 July 2025."""
    ended = dt.date(2025, 6, 30)
    district = Unit.objects.get(code="765")
    for code, name, name_en, kind in (
        ("qldt-quan-binh-thanh", "Phòng Quản lý đô thị quận Bình Thạnh",
         "Urban Management Office, Binh Thanh District", DepartmentKind.URBAN_MANAGEMENT),
        ("tnmt-quan-binh-thanh", "Phòng Tài nguyên và Môi trường quận Bình Thạnh",
         "Natural Resources and Environment Office, Binh Thanh District",
         DepartmentKind.ENVIRONMENT),
        ("ca-quan-binh-thanh", "Công an quận Bình Thạnh", "Binh Thanh District Police",
         DepartmentKind.POLICE),
    ):
        department_upsert(code=code, name=name, name_en=name_en, kind=kind,
                          units=[district, *legacy], valid_to=ended)
    by_name: dict[str, list[Unit]] = {}
    for unit in legacy:
        by_name.setdefault(unit.name, []).append(unit)
    for name, units in by_name.items():
        number = name.removeprefix("Phường ")
        department_upsert(
            code=f"ubnd-phuong-{number}-cu", name=f"Ủy ban nhân dân Phường {number} (cũ)",
            name_en=f"People's Committee of former Ward {number}",
            kind=DepartmentKind.WARD_COMMITTEE, units=units, valid_to=ended,
        )


def legacy_wards() -> list[Unit]:
    return list(Unit.objects.filter(level="ward", valid_to__lte=dt.date(2025, 6, 30)))


@transaction.atomic
def seed_accounts(password: str = DEMO_PASSWORD) -> list[DemoAccount]:
    wards = {u.code: u for u in Unit.objects.filter(code__in=CURRENT_WARDS)}
    planned = [
        ("admin", Role.ADMINISTRATOR, "Quản trị hệ thống", {}, "everything, admin site"),
        ("lanhdao", Role.LEADER, "Nguyễn Văn Lãnh", {}, "reads everything"),
        ("tongdai", Role.HOTLINE_OPERATOR, "Trần Thị Tổng", {}, "hotline intake"),
        ("canbo.binhquoi", Role.WARD_OFFICER, "Lê Văn Quới",
         {"units": [wards["26911"]]}, "ward Bình Quới (and former P27, P28)"),
        ("canbo.giadinh", Role.WARD_OFFICER, "Phạm Thị Định",
         {"units": [wards["26944"]]}, "ward Gia Định (and former P1, P2, P3, P6, P7, P15, P17)"),
        ("kthtdt.thanhmytay", Role.DEPARTMENT_STAFF, "Võ Văn Tây",
         {"departments": [Department.objects.get(code="kthtdt-thanh-my-tay")]},
         "department: urban affairs office of Thạnh Mỹ Tây"),
    ]
    accounts = []
    for username, role, full_name, scope, label in planned:
        if not User.objects.filter(username=username).exists():
            user_create(
                username=username, password=password, role=role, full_name=full_name,
                check_password=False, **scope,
            )
        accounts.append(DemoAccount(username, str(role.label), label))
    return accounts


def seed_configuration() -> None:
    """Geography, departments, categories and routing rules (idempotent)."""
    from smartdistrict.feedback.services.config import categories_load, routing_load

    binh_thanh_load()
    _departments()
    categories_load()
    wards = [*Unit.objects.filter(code__in=CURRENT_WARDS), *legacy_wards()]
    routing_load(units=wards, departments=Department.objects.all())


def seed_demo() -> list[DemoAccount]:
    """Configuration and one account per role (idempotent); reports are seeded apart."""
    seed_configuration()
    return seed_accounts()
