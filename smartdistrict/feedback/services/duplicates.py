"""Merging a duplicate into its original: supporters and photos move, the duplicate closes."""

from __future__ import annotations

from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from smartdistrict.accounts.models import User
from smartdistrict.core.errors import InvalidInput
from smartdistrict.feedback import policy
from smartdistrict.feedback.models import Event, EventKind, Photo, Report, Status
from smartdistrict.feedback.notifications import notify_on_commit
from smartdistrict.feedback.photos import MAX_PHOTOS
from smartdistrict.feedback.services.workflow import (
    IllegalTransition,
    _require_actor,
    record_transition,
)


@transaction.atomic
def report_merge(*, duplicate: Report, original: Report, actor: User | None) -> Report:
    """Mark ``duplicate`` as a duplicate of ``original`` (both in the actor's scope)."""
    original = _root(original)
    # Lock both rows in id order, so two opposite merges cannot deadlock.
    locked = {
        r.pk: r
        for r in Report.objects.select_for_update()
        .filter(pk__in=[duplicate.pk, original.pk])
        .order_by("pk")
    }
    duplicate, original = locked[duplicate.pk], locked.get(original.pk, locked[duplicate.pk])
    actor = _require_actor(actor, duplicate)
    _require_actor(actor, original)
    if duplicate.pk == original.pk:
        raise InvalidInput(_("A report cannot be a duplicate of itself."), field="duplicate_of")
    if Status.DUPLICATE not in policy.allowed_targets(duplicate.status):
        raise IllegalTransition(_("Only an open report can be merged as a duplicate."))
    if not original.is_open:
        raise InvalidInput(
            _("Merge into an open report; reopen the original first."), field="duplicate_of"
        )
    room = MAX_PHOTOS - original.photos.count()
    moving = list(duplicate.photos.order_by("id").values_list("id", flat=True)[: max(room, 0)])
    Photo.objects.filter(id__in=moving).update(report=original)
    Report.objects.filter(pk=original.pk).update(
        supporters=F("supporters") + duplicate.supporters + 1
    )
    duplicate.duplicate_of = original
    duplicate.save(update_fields=["duplicate_of", "updated_at"])
    record_transition(
        report=duplicate, to=Status.DUPLICATE, actor=actor, actor_role=actor.role,
        note=_("Duplicate of %(code)s") % {"code": original.code}, public=True,
    )
    Event.objects.create(
        report=original, kind=EventKind.MERGED, actor=actor, actor_role=actor.role,
        note=duplicate.code, public=True, created_at=timezone.now(),
    )
    notify_on_commit(duplicate, Status.DUPLICATE)
    original.refresh_from_db()
    return original


def _root(report: Report) -> Report:
    """Follow duplicate_of links to the report that is not itself a duplicate."""
    seen = {report.pk}
    while report.duplicate_of_id and report.status == Status.DUPLICATE:
        if report.duplicate_of_id in seen:
            break
        seen.add(report.duplicate_of_id)
        report = Report.objects.get(pk=report.duplicate_of_id)
    return report
