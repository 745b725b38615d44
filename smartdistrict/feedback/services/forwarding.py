"""Forwarding a report to another unit or department: the city hotline centre's triage.

A city-wide hotline receives reports for all 168 units; some reach the wrong one (a pin
dropped across a boundary, an address in an old ward's name, a category that belongs to
a city department). Forwarding hands the report on, with the same rules wherever it is
asked for (console, REST API):

- **Who** (feedback.policy.FORWARDING_ROLES): the hotline operator and administrators
  forward any report of the jurisdiction; ward officers and department staff a report in
  their own scope, to send on what is not theirs. Leaders do not forward.
- **What**: open reports only (a closed one is reopened first).
- **Where**: a unit of the commune tier valid today, in the jurisdiction. Its department
  comes from the routing rules, as for a new report (feedback.services.routing.route);
  a department named instead must serve that unit. Naming only a department keeps the
  report's unit.
- **Deadline: kept.** The resident's clock runs from when the report was received: time
  lost to a wrong route is the administration's delay, not the resident's, and a clock
  that restarted would let a unit reset an overdue report by passing it on. The receiving
  staff are told the due time with the report.
- **Status**: the receiving unit starts the work again: "assigned" and "in progress"
  become "new" (feedback.policy.FORWARD_STATUS) and the assignee is dropped.
- **Timeline**: a public "forwarded" event names the old and new unit and department
  and carries the note (the resident reads it on the report's page).
- **Notification**: the new unit's staff and department are told through the same path
  as for a new report (feedback.notifications, event "forwarded").
"""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from smartdistrict.accounts.models import User
from smartdistrict.accounts.selectors import scope_for
from smartdistrict.core.errors import InvalidInput, PermissionDenied
from smartdistrict.core.text import clean_text, fold
from smartdistrict.feedback import policy
from smartdistrict.feedback.models import Event, EventKind, Report
from smartdistrict.feedback.services.routing import route
from smartdistrict.geography.index import UnitRecord, get_index
from smartdistrict.geography.models import Level, Unit
from smartdistrict.geography.selectors import today
from smartdistrict.organisations.models import Department

NOTE_MAX = 2000


class ForwardRefused(PermissionDenied):
    code = "forward_refused"


def _check_actor(actor: User | None, report: Report) -> User:
    if actor is None or not actor.is_authenticated or not actor.is_active:
        raise ForwardRefused(_("Only staff can forward a report."))
    if not (actor.is_superuser or actor.role in policy.FORWARDING_ROLES):
        raise ForwardRefused(_("Your role cannot forward reports."))
    if not scope_for(actor).covers(unit_id=report.ward_id, department_id=report.department_id):
        raise ForwardRefused(_("This report is outside your ward or department."))
    return actor


def may_forward(*, report: Report, actor: User | None) -> bool:
    """Whether ``actor`` may forward ``report`` now (for the console to show the action)."""
    if not report.is_open:
        return False
    try:
        _check_actor(actor, report)
    except ForwardRefused:
        return False
    return True


def forward_targets() -> list[UnitRecord]:
    """The units a report can be forwarded to today: the jurisdiction's commune tier
    (from the in-memory index: no query)."""
    return sorted(get_index().wards_on(today()), key=lambda r: (fold(r.name), r.code))


def departments_serving(unit_id: int) -> list[Department]:
    """The departments that may receive a report of ``unit_id`` forwarded to them."""
    return list(Department.objects.active_on(today()).filter(units__id=unit_id)
                .order_by("name", "code").only("id", "code", "name", "name_en", "kind"))


def _check_unit(unit: Unit) -> None:
    index = get_index()
    record = index.units.get(unit.id)
    if (record is None or record.level != Level.WARD or unit.id not in index.wards
            or not record.is_valid_on(today())):
        raise InvalidInput(
            _("Forward to a ward, commune or special zone that exists today."), field="to_unit"
        )


def _check_department(department: Department, unit_id: int) -> None:
    serves = Department.objects.active_on(today()).filter(
        pk=department.pk, units__id=unit_id
    ).exists()
    if not serves:
        raise InvalidInput(
            _("%(department)s does not handle reports of this unit.")
            % {"department": department.name},
            field="to_department",
        )


def forward_inputs(*, unit_code: str = "", department_code: str = ""
                   ) -> tuple[Unit | None, Department | None]:
    """The unit and department named by their codes (console and API both send codes);
    an unknown code is refused at its field, an empty one is None."""
    unit = department = None
    if unit_code.strip():
        unit = Unit.objects.filter(code=unit_code.strip()).first()
        if unit is None:
            raise InvalidInput(_("No administrative unit has this code."), field="to_unit")
    if department_code.strip():
        department = Department.objects.filter(code=department_code.strip()).first()
        if department is None:
            raise InvalidInput(_("No department has this code."), field="to_department")
    return unit, department


def _names(unit: Unit, department: Department) -> str:
    return f"{unit.name} · {department.name}"


@transaction.atomic
def report_forward(
    *,
    report: Report,
    to_unit: Unit | None = None,
    to_department: Department | None = None,
    actor: User | None,
    note: str = "",
) -> Report:
    """Hand ``report`` to another unit and/or department (rules in the module's docstring)."""
    report = (Report.objects.select_for_update()
              .select_related("ward", "department").get(pk=report.pk))
    actor = _check_actor(actor, report)
    if not report.is_open:
        raise InvalidInput(_("Reopen the report before forwarding it."), field="to_unit",
                           code="report_closed")
    if to_unit is None and to_department is None:
        raise InvalidInput(_("Choose the unit or the department to forward to."),
                           field="to_unit")
    note = clean_text(note or "").strip()
    if len(note) > NOTE_MAX:
        raise InvalidInput(_("The note is too long (at most %(n)s characters).")
                           % {"n": NOTE_MAX}, field="note")
    unit = to_unit if to_unit is not None else report.ward
    if to_unit is not None:
        _check_unit(to_unit)
    if to_department is not None:
        _check_department(to_department, unit.id)
        department = to_department
    else:
        department = route(category=report.category, ward_id=unit.id)
    if unit.id == report.ward_id and department.id == report.department_id:
        raise InvalidInput(_("The report is already with this unit and department."),
                           field="to_unit", code="forward_unchanged")
    before = _names(report.ward, report.department)
    from_status = report.status
    report.ward, report.department, report.assignee = unit, department, None
    report.status = policy.FORWARD_STATUS.get(report.status, report.status)
    report.save(update_fields=["ward", "department", "assignee", "status", "updated_at"])
    text = f"{before} → {_names(unit, department)}" + (f"\n{note}" if note else "")
    Event.objects.create(
        report=report, kind=EventKind.FORWARDED, actor=actor, actor_role=actor.role,
        from_status=from_status, to_status=report.status, note=text,
        public=True, created_at=timezone.now(),
    )
    from smartdistrict.feedback.notifications import notify_on_commit

    notify_on_commit(report, "forwarded")
    return report
