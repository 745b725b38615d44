"""Area alerts going out: the messages for the subscribers of a unit or a category when a
report is received or resolved (feedback.notifications sends them with the rest).

Only public facts go out (code, category, unit, the text as the public page shows it,
the link to that page), to confirmed subscriptions, each with its one-click unsubscribe
link (also as the List-Unsubscribe header: feedback.channels.email)."""

from __future__ import annotations

from django.conf import settings
from django.db.models import Q
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _

from smartdistrict.feedback.channels import Kind, Message
from smartdistrict.feedback.models import AlertSubscription, Report, Status
from smartdistrict.feedback.privacy import public_text

ALERT_EVENTS = {"created", Status.RESOLVED}


def unsubscribe_url(subscription: AlertSubscription) -> str:
    return settings.PUBLIC_BASE_URL + reverse("portal-alerts-unsubscribe",
                                              args=[subscription.token])


def subscribers(report: Report) -> list[AlertSubscription]:
    """Confirmed subscriptions that take this report: its unit (or a unit that holds
    it, or that took over the ward it was filed under) and/or its category. One query."""
    from smartdistrict.geography.selectors import units_covering

    units = units_covering(report.ward_id)
    unit_ok = Q(unit__isnull=True) | Q(unit_id__in=sorted(units))
    category_ok = Q(category__isnull=True) | Q(category_id=report.category_id)
    return list(AlertSubscription.objects.filter(unit_ok & category_ok,
                                                 confirmed_at__isnull=False))


def alert_messages(report: Report, event: str) -> list[Message]:
    if event not in ALERT_EVENTS:
        return []
    found = subscribers(report)
    if not found:
        return []
    link = f"{settings.PUBLIC_BASE_URL}{reverse('portal-track', args=[report.code])}"
    with translation.override(settings.LANGUAGE_CODE):
        subject = (_("New report %(code)s: %(category)s, %(unit)s") if event == "created"
                   else _("Report %(code)s resolved: %(category)s, %(unit)s")) % {
            "code": report.code, "category": report.category.name, "unit": report.ward.name}
        text = public_text(report.description)[:500]
        footer = _("You receive this because you subscribed to alerts. Unsubscribe (one "
                   "click):")
    return [
        Message(email=s.email, subject=subject,
                body=f"{text}\n\n{link}\n\n{footer} {unsubscribe_url(s)}\n",
                report_code=report.code, kind=Kind.ALERT, unsubscribe=unsubscribe_url(s))
        for s in found
    ]
