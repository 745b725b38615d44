"""Area alerts: a resident's e-mail subscription to the new and resolved reports of a unit
or a category (or both), confirmed by a link, ended by one click."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from smartdistrict.feedback.models.config import Category
from smartdistrict.geography.models import Unit


class AlertSubscription(models.Model):
    email = models.EmailField(_("e-mail"))
    unit = models.ForeignKey(Unit, models.CASCADE, null=True, blank=True, related_name="+",
                             verbose_name=_("unit"))
    category = models.ForeignKey(Category, models.CASCADE, null=True, blank=True,
                                 related_name="+", verbose_name=_("category"))
    # Random and secret: the confirmation and unsubscribe links carry it.
    token = models.CharField(max_length=43, unique=True)
    created_at = models.DateTimeField(auto_now_add=True)
    confirmed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("area alert")
        verbose_name_plural = _("area alerts")
        constraints = [
            models.UniqueConstraint(fields=["email", "unit", "category"], name="alert_once"),
            models.CheckConstraint(
                condition=models.Q(unit__isnull=False) | models.Q(category__isnull=False),
                name="alert_unit_or_category",
            ),
        ]
        indexes = [models.Index(fields=["unit", "category"], name="alert_unit_category")]

    def __str__(self) -> str:
        return f"{self.email[:3]}… {self.unit_id}/{self.category_id}"
