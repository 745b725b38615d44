"""Demo content: the jurisdiction pack (SMARTDISTRICT_PACK) and one account per role.

The accounts come from the pack's ``demo/accounts.csv``, so a pack for another city
brings its own; nothing here names a unit.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass

from django.conf import settings
from django.db import transaction

from smartdistrict.accounts.models import Role, User
from smartdistrict.accounts.services import user_create
from smartdistrict.geography.models import Unit
from smartdistrict.jurisdictions.loading import pack_load
from smartdistrict.jurisdictions.reading import pack_path
from smartdistrict.organisations.models import Department

DEMO_PASSWORD = "smartdistrict-demo"  # noqa: S105 — printed by `make demo`; never use outside a demo


@dataclass(frozen=True)
class DemoAccount:
    username: str
    role: str
    scope: str


def _codes(value: str) -> list[str]:
    return [code for code in value.split(";") if code]


def _account_rows(pack: str | None) -> list[dict[str, str]]:
    path = pack_path(pack) / "demo" / "accounts.csv"
    if not path.is_file():
        return []
    with open(path, encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


def demo_accounts(pack: str | None = None) -> list[DemoAccount]:
    """The pack's demo accounts that exist, for printing at the end of `make demo`'s
    start-up (printed only by seed_demo, they scrolled away under the other seeds)."""
    rows = _account_rows(pack)
    existing = set(User.objects.filter(username__in=[r["username"] for r in rows])
                   .values_list("username", flat=True))
    return [DemoAccount(r["username"], str(Role(r["role"]).label), r["label"])
            for r in rows if r["username"] in existing]


@transaction.atomic
def seed_accounts(password: str = DEMO_PASSWORD, pack: str | None = None) -> list[DemoAccount]:
    rows = _account_rows(pack)
    accounts = []
    for row in rows:
        role = Role(row["role"])
        if not User.objects.filter(username=row["username"]).exists():
            user_create(
                username=row["username"], password=password, role=role,
                full_name=row["full_name"], email=row.get("email", ""), check_password=False,
                units=list(Unit.objects.filter(code__in=_codes(row["units"]))),
                departments=list(Department.objects.filter(code__in=_codes(row["departments"]))),
            )
        accounts.append(DemoAccount(row["username"], str(role.label), row["label"]))
    return accounts


def seed_configuration(pack: str | None = None) -> None:
    """The pack's geography, departments, categories and routing (idempotent)."""
    pack_load(pack or settings.SMARTDISTRICT_PACK, commit=True)


def seed_demo(pack: str | None = None) -> list[DemoAccount]:
    """Configuration and one account per role (idempotent); reports are seeded apart."""
    seed_configuration(pack)
    seed_refusal_reasons(pack)
    return seed_accounts(pack=pack)


def seed_refusal_reasons(pack: str | None = None) -> int:
    """A first list of the reasons staff pick when refusing a report (demo/
    refusal_reasons.csv of the pack: code, text, text_en); an existing reason is left as
    the administrator edited it. Returns how many were added."""
    from smartdistrict.feedback.models import RefusalReason

    path = pack_path(pack) / "demo" / "refusal_reasons.csv"
    if not path.is_file():
        return 0
    with open(path, encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    added = 0
    for order, row in enumerate(rows):
        _reason, created = RefusalReason.objects.get_or_create(
            code=row["code"], defaults={"text": row["text"], "text_en": row.get("text_en", ""),
                                        "order": order})
        added += created
    return added
