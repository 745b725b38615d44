"""Bình Thạnh demo content: departments of each current ward and one account per role."""

from __future__ import annotations

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
        kind=DepartmentKind.PUBLIC_WORKS, units=list(wards),
    )


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


def seed_demo() -> list[DemoAccount]:
    """Load the geography, departments and demo accounts (idempotent)."""
    binh_thanh_load()
    _departments()
    return seed_accounts()
