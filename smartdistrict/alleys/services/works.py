"""The works: supervision board, progress photos, acceptance, and the alley's reports.

When the works are accepted, the residents' open reports along the alley in the
categories the works address (ALLEYS_WORKS_CATEGORIES) are resolved with a public note
through feedback's own workflow service, on behalf of the officer who recorded the
acceptance: each resident is told, and may reopen within feedback's usual days if the
problem is still there. Reports the officer may not act on stay as they are and are
named in the proposal's timeline.
"""

from __future__ import annotations

from django.conf import settings
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone, translation
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from smartdistrict.accounts.models import User
from smartdistrict.alleys import policy
from smartdistrict.alleys.geometry import line_coordinates
from smartdistrict.alleys.models import (
    BoardMember,
    BoardRole,
    EventKind,
    ProgressPhoto,
    Proposal,
    Represents,
)
from smartdistrict.alleys.services.common import date_of, editable, event, text
from smartdistrict.core.errors import InvalidInput, PermissionDenied
from smartdistrict.feedback.models import Status
from smartdistrict.feedback.near_lines import reports_near_lines
from smartdistrict.feedback.photos import ProcessedPhoto, check_photo_count
from smartdistrict.feedback.selectors import report_by_code
from smartdistrict.feedback.services.workflow import report_transition

MAX_BOARD = 15
MAX_PHOTOS = 60


@transaction.atomic
def board_member_add(
    *, proposal: Proposal, name: str, role: str, represents: str, actor: User | None,
    check_actor: bool = True,
) -> BoardMember:
    """A member of the community investment supervision board (set up by the ward's
    Fatherland Front for the project; Law 10/2022/QH15 Art. 41)."""
    proposal = editable(proposal, actor=actor, states=policy.BOARD_STATES,
                        what=_("The supervision board"), check_actor=check_actor)
    if role not in BoardRole.values or represents not in Represents.values:
        raise InvalidInput(_("Choose one of the listed values."), field="role")
    if proposal.board.count() >= MAX_BOARD:
        raise InvalidInput(_("The board is full."), field="name")
    return BoardMember.objects.create(
        proposal=proposal, name=text(name, field="name", required=True, limit=120),
        role=role, represents=represents,
    )


@transaction.atomic
def board_member_remove(*, member: BoardMember, actor: User | None) -> None:
    editable(member.proposal, actor=actor, states=policy.BOARD_STATES,
             what=_("The supervision board"))
    member.delete()


@transaction.atomic
def photo_add(
    *, proposal: Proposal, photos: list[ProcessedPhoto], actor: User | None, caption: str = "",
    taken_on: object = None, check_actor: bool = True,
) -> list[ProgressPhoto]:
    """Progress photos, already decoded and re-encoded by feedback's photo pipeline."""
    proposal = editable(proposal, actor=actor, states=policy.PROGRESS_STATES,
                        what=_("Progress photos"), check_actor=check_actor)
    if not photos:
        raise InvalidInput(_("Choose a photo."), field="photos")
    check_photo_count(0, len(photos))
    if proposal.photos.count() + len(photos) > MAX_PHOTOS:
        raise InvalidInput(_("This project has as many photos as it may keep."), field="photos")
    caption = text(caption, field="caption", limit=300)
    stored = []
    for number, processed in enumerate(photos, start=1):
        stem = f"{proposal.code}-{processed.sha256[:12]}-{number}"
        photo = ProgressPhoto(
            proposal=proposal, content_type=processed.content_type, width=processed.width,
            height=processed.height, sha256=processed.sha256, caption=caption,
            taken_on=date_of(taken_on, field="taken_on"), uploaded_by=actor,
        )
        photo.image.save(f"{stem}.{processed.extension}", ContentFile(processed.data),
                         save=False)
        photo.thumbnail.save(
            f"{stem}-thumb.{processed.thumbnail_content_type.split('/')[-1]}",
            ContentFile(processed.thumbnail), save=False,
        )
        photo.save()
        stored.append(photo)
    event(proposal, EventKind.PROGRESS, actor=actor,
          note=_("%(count)d progress photo(s) added.") % {"count": len(stored)}
          + (f" {caption}" if caption else ""))
    return stored


def accept_works(
    proposal: Proposal, *, actor: User, accepted_on: object, acceptance_ref: str, note: str,
) -> None:
    """Fill in the acceptance (the caller saves and changes the state)."""
    proposal.accepted_on = date_of(accepted_on, field="accepted_on") or timezone.localdate()
    proposal.acceptance_ref = text(acceptance_ref, field="acceptance_ref", required=True,
                                   limit=120)
    proposal.acceptance_note = note
    proposal.progress_percent = 100


def close_alley_reports(proposal: Proposal, *, actor: User) -> tuple[list[str], list[str]]:
    """Resolve the alley's open reports in the works' categories, with a public note;
    returns (resolved codes, codes left as they were)."""
    found = reports_near_lines(
        [line_coordinates(proposal.alley.geometry)],
        distance_m=settings.ALLEYS_REPORT_DISTANCE_M,
        category_codes=settings.ALLEYS_WORKS_CATEGORIES, open_only=True,
    )
    codes = sorted({r.code for r in found})
    with translation.override("vi"):  # the residents' note, as staff write notes
        note = _(
            "The alley %(alley)s has been upgraded (project %(code)s, “the State and the "
            "people work together”) and the works were accepted on %(date)s (%(ref)s). If "
            "the problem is still there, reopen this report."
        ) % {"alley": proposal.alley.name, "code": proposal.code.upper(),
             "date": date_format(proposal.accepted_on, "d/m/Y"), "ref": proposal.acceptance_ref}
    resolved, left = [], []
    for code in codes:
        try:
            report_transition(report=report_by_code(code), to=Status.RESOLVED, actor=actor,
                              note=note)
        except (PermissionDenied, InvalidInput):
            left.append(code)
        else:
            resolved.append(code)
    if codes:
        message = _("Residents' reports along the alley resolved: %(codes)s.") % {
            "codes": ", ".join(resolved) or "—"}
        if left:
            message += " " + _("Left for their department: %(codes)s.") % {
                "codes": ", ".join(left)}
        event(proposal, EventKind.REPORTS_CLOSED, actor=actor, note=message)
    return resolved, left
