"""Departments: the bodies that handle work (a ward's People's Committee, urban management…).

They sit below accounts and feedback so that staff can be scoped to a department and
reports routed to one without a circle between apps.
"""

from __future__ import annotations

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from smartdistrict.geography.models import Unit


class DepartmentKind(models.TextChoices):
    WARD_COMMITTEE = "ward_committee", _("ward People's Committee")
    URBAN_MANAGEMENT = "urban_management", _("urban management")
    ENVIRONMENT = "environment", _("natural resources and environment")
    POLICE = "police", _("police")
    PUBLIC_WORKS = "public_works", _("public works company")
    OTHER = "other", _("other")


class DepartmentQuerySet(models.QuerySet):
    def active_on(self, date) -> DepartmentQuerySet:
        return self.filter(Q(valid_to__isnull=True) | Q(valid_to__gte=date), active=True)


class Department(models.Model):
    code = models.SlugField(_("code"), max_length=60, unique=True)
    name = models.CharField(_("name (Vietnamese)"), max_length=200)
    name_en = models.CharField(_("name (English)"), max_length=200, blank=True)
    kind = models.CharField(_("kind"), max_length=30, choices=DepartmentKind.choices)
    units = models.ManyToManyField(
        Unit, related_name="departments", blank=True, verbose_name=_("units served")
    )
    email = models.EmailField(_("contact e-mail"), blank=True)
    active = models.BooleanField(_("active"), default=True)
    valid_to = models.DateField(_("valid to"), null=True, blank=True)

    objects = DepartmentQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        verbose_name = _("department")
        verbose_name_plural = _("departments")

    def __str__(self) -> str:
        return self.name
