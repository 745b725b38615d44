"""Area alerts: subscribe (confirmed by a link sent by e-mail), confirm, unsubscribe.

A subscription names a unit, a category or both; the same e-mail asking again for the
same thing gets the confirmation again (the answer is the same either way)."""

from __future__ import annotations

import secrets

from django.conf import settings
from django.db import transaction
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from smartdistrict.core.errors import InvalidInput, NotFound
from smartdistrict.feedback.channels import Kind, Message, send_on_commit
from smartdistrict.feedback.models import AlertSubscription, Category
from smartdistrict.feedback.validation import email_clean
from smartdistrict.geography.models import Unit


@transaction.atomic
def alert_subscribe(*, email: str, unit: Unit | None, category: Category | None
                    ) -> AlertSubscription:
    email = email_clean(email).lower()
    if not email:
        raise InvalidInput(_("Enter your e-mail address."), field="email", code="email_required")
    if unit is None and category is None:
        raise InvalidInput(_("Choose a ward or a category (or both)."), field="unit",
                           code="alert_empty")
    subscription = AlertSubscription.objects.filter(email=email, unit=unit,
                                                    category=category).first()
    if subscription is None:
        subscription = AlertSubscription.objects.create(
            email=email, unit=unit, category=category, token=secrets.token_urlsafe(32))
    if subscription.confirmed_at is None:
        confirm = settings.PUBLIC_BASE_URL + reverse("portal-alerts-confirm",
                                                     args=[subscription.token])
        with translation.override(settings.LANGUAGE_CODE):
            subject = _("Confirm your alerts")
            body = _("Open this link to receive an e-mail when a report is received or "
                     "resolved in what you chose (if you did not ask, ignore this message):")
        send_on_commit(Message(email=email, subject=subject, body=f"{body}\n\n{confirm}\n",
                               kind=Kind.ALERT), via=["email"])
    return subscription


def _by_token(token: str) -> AlertSubscription:
    subscription = AlertSubscription.objects.filter(token=token[:43]).first() if token else None
    if subscription is None:
        raise NotFound(_("This link is not valid (any more)."), code="alert_not_found")
    return subscription


def alert_confirm(*, token: str) -> AlertSubscription:
    subscription = _by_token(token)
    if subscription.confirmed_at is None:
        subscription.confirmed_at = timezone.now()
        subscription.save(update_fields=["confirmed_at"])
    return subscription


def alert_unsubscribe(*, token: str) -> None:
    """End the subscription (deleted: nothing of it is kept)."""
    _by_token(token).delete()
