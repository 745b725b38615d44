"""Personal data: who saw a reporter's contact, and anonymising it on schedule."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from smartdistrict.accounts.models import User
from smartdistrict.core.errors import PermissionDenied
from smartdistrict.feedback.models import CLOSED_STATES, ContactAccess, Report
from smartdistrict.feedback.selectors import user_can_see


@dataclass(frozen=True)
class Contact:
    name: str
    phone: str
    email: str


@transaction.atomic
def report_contact_view(*, report: Report, user: User, channel: str = "web") -> Contact:
    """The reporter's contact for staff in scope; every look is logged (who, when, which)."""
    if not user.is_authenticated or not user.role or not user_can_see(user, report):
        raise PermissionDenied(_("You cannot see the contact details of this report."))
    ContactAccess.objects.create(report=report, user=user, channel=channel)
    return Contact(report.reporter_name, report.reporter_phone, report.reporter_email)


def personal_data_due(*, months: int, now: dt.datetime | None = None):
    """Closed reports whose contact details are older than the retention period."""
    now = now or timezone.now()
    cutoff = now - dt.timedelta(days=round(months * 30.44))
    ended = Q(closed_at__lt=cutoff) | Q(closed_at__isnull=True, resolved_at__lt=cutoff)
    return Report.objects.filter(
        ended, status__in=CLOSED_STATES, personal_data_removed_at__isnull=True
    ).exclude(reporter_name="", reporter_phone="", reporter_email="")


@transaction.atomic
def personal_data_purge(*, months: int, now: dt.datetime | None = None) -> int:
    """Anonymise the contact details of closed reports past retention; returns the count."""
    now = now or timezone.now()
    return personal_data_due(months=months, now=now).update(
        reporter_name="", reporter_phone="", reporter_email="", personal_data_removed_at=now
    )
