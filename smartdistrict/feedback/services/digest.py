"""The staff's daily digest: each morning, every department with an e-mail address and
every ward officer with one receives the list of their open reports that are overdue or
due before the end of the next day, each with its link in the console.

One read of the due reports (the (status, due_at) index), however many recipients; a
ward officer's reports are those of their territory (former wards included). Sent by
the periodic job feedback.tasks.staff_digest (once per slot, core/periodic.py)."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict

from django.conf import settings
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from smartdistrict.feedback.channels import Kind, Message, send
from smartdistrict.feedback.models import OPEN_STATES, Report

LINES = 60  # reports listed per message; the rest are counted


def console_url(code: str) -> str:
    return settings.PUBLIC_BASE_URL + reverse("console:report", args=[code])


def due_reports(now: dt.datetime) -> list[dict]:
    local = timezone.localtime(now)
    until = (local + dt.timedelta(days=2)).replace(hour=0, minute=0, second=0, microsecond=0)
    return list(
        Report.objects.filter(status__in=OPEN_STATES, due_at__lt=until)
        .order_by("due_at")
        .values("code", "due_at", "department_id", "ward_id", "category__name")
    )


def _recipients(rows: list[dict]) -> dict[str, list[dict]]:
    """E-mail address → its reports: the department's, and each ward officer's."""
    from smartdistrict.accounts.models import Role, User
    from smartdistrict.geography.selectors import territory_ids
    from smartdistrict.organisations.models import Department

    by_address: dict[str, list[dict]] = defaultdict(list)
    departments = dict(Department.objects.filter(
        id__in={r["department_id"] for r in rows}).exclude(email="").values_list("id", "email"))
    officers_of_ward: dict[int, set[str]] = defaultdict(set)
    officers = User.objects.filter(role=Role.WARD_OFFICER, is_active=True).exclude(email="")
    for officer in officers.prefetch_related("units"):
        for ward_id in territory_ids({u.id for u in officer.units.all()}):
            officers_of_ward[ward_id].add(officer.email)
    for row in rows:
        addresses = set(officers_of_ward.get(row["ward_id"], ()))
        if row["department_id"] in departments:
            addresses.add(departments[row["department_id"]])
        for address in addresses:
            by_address[address].append(row)
    return by_address


def _message(address: str, rows: list[dict], now: dt.datetime) -> Message:
    with translation.override(settings.LANGUAGE_CODE):
        overdue = sum(1 for r in rows if r["due_at"] < now)
        subject = _("Reports due: %(count)d (%(overdue)d overdue)") % {
            "count": len(rows), "overdue": overdue}
        lines = [
            f"{r['code']} · {r['category__name']} · "
            + (_("overdue since %(due)s") if r["due_at"] < now else _("due %(due)s")) % {
                "due": timezone.localtime(r["due_at"]).strftime("%H:%M %d/%m")}
            + f"\n  {console_url(r['code'])}"
            for r in rows[:LINES]
        ]
        if len(rows) > LINES:
            lines.append(_("… and %(n)d more in the console.") % {"n": len(rows) - LINES})
        intro = _("Your open reports that are overdue or due by the end of tomorrow:")
    return Message(email=address, subject=subject, body=intro + "\n\n" + "\n".join(lines) + "\n",
                   kind=Kind.STAFF)


def staff_digest_send(now: dt.datetime | None = None) -> int:
    """Send the digest; returns the number of recipients reached."""
    now = now or timezone.now()
    rows = due_reports(now)
    if not rows:
        return 0
    return sum(1 for address, theirs in sorted(_recipients(rows).items())
               if send(_message(address, theirs, now), via=["email"]))
