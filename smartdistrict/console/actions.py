"""A report's actions in the console: which to show, and how each calls its service.

What may be shown comes from the workflow (allowed_transitions, which applies the role
and scope rules). Whatever is posted, the services check again: an action that is not
shown and is posted anyway is refused by them, not by this module.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from django.utils.functional import Promise
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from smartdistrict.accounts.models import User
from smartdistrict.console.forms import actions as forms
from smartdistrict.console.forms.forward import ForwardForm
from smartdistrict.core.errors import InvalidInput, NotFound
from smartdistrict.feedback import policy
from smartdistrict.feedback.models import Report, Status
from smartdistrict.feedback.selectors import category_usable, report_by_code, user_can_see
from smartdistrict.feedback.services import duplicates, forwarding, workflow


@dataclass(frozen=True)
class Action:
    name: str
    title: Promise  # heading of its form
    button: Promise  # text of its submit button
    form: type[forms.ActionForm]
    to: str | None = None  # the status it moves the report to, for transitions


ACTIONS: dict[str, Action] = {
    a.name: a
    for a in (
        Action("assign", gettext_lazy("Assign"), gettext_lazy("Assign"), forms.AssignForm,
               Status.ASSIGNED),
        Action("start", gettext_lazy("Start work"), gettext_lazy("Start work"),
               forms.PlainForm, Status.IN_PROGRESS),
        Action("resolve", gettext_lazy("Resolve"), gettext_lazy("Resolve"), forms.ResolveForm,
               Status.RESOLVED),
        Action("reject", gettext_lazy("Reject"), gettext_lazy("Reject"), forms.RejectForm,
               Status.REJECTED),
        Action("close", gettext_lazy("Close"), gettext_lazy("Close"), forms.PlainForm,
               Status.CLOSED),
        Action("reopen", gettext_lazy("Reopen"), gettext_lazy("Reopen"), forms.ReopenForm,
               Status.REOPENED),
        Action("duplicate", gettext_lazy("Mark as duplicate"),
               gettext_lazy("Merge into the original"), forms.DuplicateForm),
        Action("recategorise", gettext_lazy("Change category"),
               gettext_lazy("Change category"), forms.RecategoriseForm),
        Action("note", gettext_lazy("Internal note"), gettext_lazy("Add the note"),
               forms.NoteForm),
        Action("forward", gettext_lazy("Forward to another unit"), gettext_lazy("Forward"),
               ForwardForm),
    )
}


def available_actions(report: Report, user: User) -> list[str]:
    """The actions ``user`` may take on ``report`` now, in the order they are shown.

    allowed_transitions is empty exactly when the user may not act on the report (role or
    scope); every state has at least one way out, so a non-empty list means they may.
    Forwarding has rules of its own (the hotline operator forwards without acting)."""
    targets = set(workflow.allowed_transitions(report=report, actor=user))
    shown = [a.name for a in ACTIONS.values() if a.to and a.to in targets]
    if targets:
        if Status.DUPLICATE in policy.allowed_targets(report.status):
            shown.append("duplicate")
        if report.is_open:
            shown.append("recategorise")
    # Whoever may act on a report may forward it while it is open (policy.ACTING_ROLES
    # is within FORWARDING_ROLES): ask the forwarding rules only for the others.
    if report.is_open and (targets or forwarding.may_forward(report=report, actor=user)):
        shown.append("forward")
    if targets:
        shown.append("note")
    return shown


def assignee_named(username: str) -> User:
    user = User.objects.filter(username=username, is_active=True).first() if username else None
    if user is None:
        raise InvalidInput(_("Choose the person to assign."), field="assignee")
    return user


def original_for(code: str, user: User) -> Report:
    if not code.strip():
        raise InvalidInput(_("Give the code of the original report."), field="duplicate_of")
    try:
        original = report_by_code(code)
    except NotFound:
        original = None
    if original is None or not user_can_see(user, original):
        raise InvalidInput(_("No report has this code."), field="duplicate_of")
    return original


def run_action(name: str, *, report: Report, user: User, data: Mapping[str, Any],
               files: Sequence[Any] = ()) -> None:
    """Call the service behind action ``name`` with the form's cleaned ``data`` (and the
    uploaded ``files``: the photos of the fix, when resolving)."""
    action = ACTIONS[name]
    note = (data.get("note") or "").strip()
    if name == "reject":
        note = workflow.refusal_note(reason_code=data.get("reason") or "", details=note)
    if name == "duplicate":
        original = original_for(data.get("duplicate_of") or "", user)
        duplicates.report_merge(duplicate=report, original=original, actor=user)
    elif name == "recategorise":
        category = category_usable(data.get("category") or "")
        if category is None:
            raise InvalidInput(_("Choose a category from the list."), field="category")
        workflow.report_recategorise(report=report, category=category, actor=user, note=note)
    elif name == "forward":
        unit, department = forwarding.forward_inputs(
            unit_code=data.get("to_unit") or "", department_code=data.get("to_department") or ""
        )
        forwarding.report_forward(report=report, to_unit=unit, to_department=department,
                                  actor=user, note=note)
    elif name == "note":
        workflow.report_note(report=report, actor=user, note=note, public=bool(data.get("public")))
    else:
        assignee = assignee_named(data.get("assignee") or "") if name == "assign" else None
        workflow.report_transition(
            report=report, to=action.to, actor=user, note=note, public=True, assignee=assignee,
            photos=list(files) if name == "resolve" else (),
        )
