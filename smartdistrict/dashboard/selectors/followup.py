""""Was it fixed?": the residents' answers in the period (by the day they answered), in
the viewer's scope and the chosen unit. One query, on the answers' date index."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db.models import Count
from django.utils import timezone

from smartdistrict.dashboard.selectors.scope import Period, Selection
from smartdistrict.feedback.models import FollowupAnswer, Report


@dataclass(frozen=True)
class FollowupPanel:
    fixed: int
    partly: int
    not_fixed: int

    @property
    def total(self) -> int:
        return self.fixed + self.partly + self.not_fixed

    @property
    def not_fixed_percent(self) -> int | None:
        return round(100 * self.not_fixed / self.total) if self.total else None

    @property
    def fixed_percent(self) -> int | None:
        return round(100 * self.fixed / self.total) if self.total else None


def followup_panel(selection: Selection, period: Period) -> FollowupPanel:
    start = timezone.make_aware(dt.datetime.combine(period.start, dt.time.min))
    end = timezone.make_aware(dt.datetime.combine(period.end + dt.timedelta(days=1),
                                                  dt.time.min))
    rows = dict(
        selection.apply(Report.objects.filter(followup_answered_at__gte=start,
                                              followup_answered_at__lt=end))
        .order_by().values_list("followup_answer").annotate(n=Count("id"))
    )
    return FollowupPanel(fixed=rows.get(FollowupAnswer.FIXED, 0),
                         partly=rows.get(FollowupAnswer.PARTLY, 0),
                         not_fixed=rows.get(FollowupAnswer.NOT_FIXED, 0))
