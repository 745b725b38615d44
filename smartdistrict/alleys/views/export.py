"""GET /alleys/staff/export.xlsx: the ward meeting's workbook (proposals, candidates)."""

from __future__ import annotations

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from smartdistrict.accounts.selectors import scope_for
from smartdistrict.alleys.selectors.listing import rows_for
from smartdistrict.alleys.selectors.proposals import latest_tallies, proposals_in
from smartdistrict.alleys.selectors.register import candidates
from smartdistrict.alleys.views.access import staff_required
from smartdistrict.alleys.views.staff import _chosen_ward, _wards
from smartdistrict.alleys.workbook import meeting_workbook
from smartdistrict.geography.selectors import jurisdiction

MAX_ROWS = 2000


@staff_required
@require_GET
def export(request: HttpRequest) -> HttpResponse:
    scope = scope_for(request.user)
    ward = _chosen_ward(request, _wards(request))
    proposals = proposals_in(scope)
    if ward is not None:
        proposals = proposals.filter(alley__unit=ward)
    rows = rows_for(list(proposals[:MAX_ROWS]))
    tallies = latest_tallies([r.proposal.id for r in rows])
    with translation.override("vi"):
        place = ward.name if ward else (jurisdiction().name if jurisdiction() else "")
        committee = _("People's Committee of %(unit)s") % {"unit": place}
    body = meeting_workbook(
        rows=[(row, tallies.get(row.proposal.id)) for row in rows],
        ranked=candidates(scope, unit_id=ward.id if ward else None), committee=committee,
        months=settings.ALLEYS_CONDITION_MONTHS, today=timezone.localdate(),
    )
    response = HttpResponse(
        body, content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
    name = f"hem-{ward.code if ward else 'tat-ca'}-{timezone.localdate():%Y%m%d}.xlsx"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response

