"""Staff accounts. Residents have none: they report and follow a report by its code."""

from __future__ import annotations

from django.contrib.auth.models import AbstractUser
from django.db import models
from django.utils.translation import gettext_lazy as _

from smartdistrict.geography.models import Unit
from smartdistrict.organisations.models import Department


class Role(models.TextChoices):
    HOTLINE_OPERATOR = "hotline_operator", _("hotline operator")
    WARD_OFFICER = "ward_officer", _("ward officer")
    DEPARTMENT_STAFF = "department_staff", _("department staff")
    LEADER = "leader", _("leader")
    ADMINISTRATOR = "administrator", _("administrator")


class User(AbstractUser):
    role = models.CharField(_("role"), max_length=30, choices=Role.choices, blank=True)
    phone = models.CharField(_("phone"), max_length=20, blank=True)
    units = models.ManyToManyField(
        Unit, blank=True, related_name="officers", verbose_name=_("units (ward officers)")
    )
    departments = models.ManyToManyField(
        Department, blank=True, related_name="staff", verbose_name=_("departments (staff)")
    )

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")
