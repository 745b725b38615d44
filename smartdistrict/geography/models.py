"""Administrative units over time, their succession, and their boundaries.

A unit is one version of a territory: when a ward absorbs another, both old
versions end and a new version begins, linked by Succession rows. Boundaries
live in their own table so that lists of units never load polygons.
"""

from __future__ import annotations

import datetime as dt

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


class Level(models.TextChoices):
    """The tier of a unit. ``city`` is the provincial tier (a province or a centrally run
    city), ``district`` the tier abolished on 1 July 2025, ``ward`` the commune tier
    (phường, xã, đặc khu; thị trấn before 2025). The API keeps these three words; the
    ``kind`` says what the law calls the unit."""

    CITY = "city", _("city")
    DISTRICT = "district", _("district")
    WARD = "ward", _("ward")


class Kind(models.TextChoices):
    """What the law calls a unit (Law on Local Government Organisation 2025)."""

    CENTRAL_CITY = "thanh_pho", _("centrally run city")
    PROVINCE = "tinh", _("province")
    URBAN_DISTRICT = "quan", _("urban district")
    RURAL_DISTRICT = "huyen", _("rural district")
    TOWN = "thi_xa", _("town")
    PROVINCIAL_CITY = "thanh_pho_thuoc", _("city under a province or city")
    WARD = "phuong", _("ward")
    COMMUNE = "xa", _("commune")
    TOWNSHIP = "thi_tran", _("township")
    SPECIAL_ZONE = "dac_khu", _("special zone")


KIND_LEVEL = {
    Kind.CENTRAL_CITY: Level.CITY, Kind.PROVINCE: Level.CITY,
    Kind.URBAN_DISTRICT: Level.DISTRICT, Kind.RURAL_DISTRICT: Level.DISTRICT,
    Kind.TOWN: Level.DISTRICT, Kind.PROVINCIAL_CITY: Level.DISTRICT,
    Kind.WARD: Level.WARD, Kind.COMMUNE: Level.WARD, Kind.TOWNSHIP: Level.WARD,
    Kind.SPECIAL_ZONE: Level.WARD,
}


class UnitQuerySet(models.QuerySet):
    def valid_on(self, date: dt.date) -> UnitQuerySet:
        return self.filter(
            Q(valid_from__isnull=True) | Q(valid_from__lte=date),
            Q(valid_to__isnull=True) | Q(valid_to__gte=date),
        )


class Unit(models.Model):
    code = models.CharField(
        _("code"),
        max_length=40,
        unique=True,
        help_text=_("Stable identifier in this platform (GSO codes are re-used across reforms)."),
    )
    gso_code = models.CharField(_("GSO code"), max_length=10, blank=True, db_index=True)
    name = models.CharField(_("name (Vietnamese)"), max_length=120)
    name_en = models.CharField(_("name (English)"), max_length=120, blank=True)
    name_folded = models.CharField(max_length=120, db_index=True, editable=False)
    level = models.CharField(_("level"), max_length=10, choices=Level.choices, db_index=True)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices, blank=True)
    population = models.PositiveIntegerField(_("population"), null=True, blank=True)
    parent = models.ForeignKey(
        "self", models.PROTECT, null=True, blank=True, related_name="children",
        verbose_name=_("parent"),
    )
    valid_from = models.DateField(_("valid from"), null=True, blank=True)
    valid_to = models.DateField(_("valid to"), null=True, blank=True)
    centre_lat = models.FloatField(_("centre latitude"), null=True, blank=True)
    centre_lon = models.FloatField(_("centre longitude"), null=True, blank=True)
    legal_basis = models.CharField(_("legal basis"), max_length=200, blank=True)
    successors = models.ManyToManyField(
        "self", through="Succession", symmetrical=False, related_name="predecessors",
        through_fields=("predecessor", "successor"),
    )
    updated_at = models.DateTimeField(auto_now=True)

    objects = UnitQuerySet.as_manager()

    class Meta:
        ordering = ["level", "name"]
        verbose_name = _("administrative unit")
        verbose_name_plural = _("administrative units")
        constraints = [
            models.CheckConstraint(
                condition=Q(valid_from__isnull=True)
                | Q(valid_to__isnull=True)
                | Q(valid_from__lte=models.F("valid_to")),
                name="unit_valid_range",
            )
        ]

    def __str__(self) -> str:
        return self.name

    def is_valid_on(self, date: dt.date) -> bool:
        return (self.valid_from is None or self.valid_from <= date) and (
            self.valid_to is None or self.valid_to >= date
        )


class Succession(models.Model):
    """``predecessor`` ended and its territory passed (wholly or partly) to ``successor``."""

    predecessor = models.ForeignKey(Unit, models.CASCADE, related_name="succession_out")
    successor = models.ForeignKey(Unit, models.CASCADE, related_name="succession_in")
    date = models.DateField(_("effective date"))
    legal_basis = models.CharField(_("legal basis"), max_length=200, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["predecessor", "successor"], name="succession_unique")
        ]
        verbose_name = _("succession")
        verbose_name_plural = _("successions")

    def __str__(self) -> str:
        return f"{self.predecessor} → {self.successor} ({self.date})"


class Boundary(models.Model):
    unit = models.OneToOneField(Unit, models.CASCADE, related_name="boundary")
    wkb = models.BinaryField(_("geometry (WKB, WGS84 lon/lat)"))
    min_lon = models.FloatField()
    min_lat = models.FloatField()
    max_lon = models.FloatField()
    max_lat = models.FloatField()
    area_km2 = models.FloatField(_("area (km²)"))
    approximate = models.BooleanField(
        _("approximate"),
        default=True,
        help_text=_("Built by the platform, not an official boundary."),
    )
    source = models.CharField(_("source"), max_length=300)
    method = models.CharField(_("method"), max_length=300, blank=True)
    updated_at = models.DateTimeField(auto_now=True, db_index=True)

    class Meta:
        verbose_name = _("boundary")
        verbose_name_plural = _("boundaries")

    def __str__(self) -> str:
        return f"{self.unit} ({'approximate' if self.approximate else 'official'})"


class Jurisdiction(models.Model):
    """The territory and organisation a deployment serves, as loaded from a pack.

    The report code prefix, the Open311 jurisdiction id and the name shown live here,
    not in code, so that another city is a data change (see docs/jurisdictions.md).
    """

    code = models.SlugField(_("code"), max_length=40, unique=True)
    name = models.CharField(_("name (Vietnamese)"), max_length=120)
    name_en = models.CharField(_("name (English)"), max_length=120, blank=True)
    root = models.ForeignKey(Unit, models.PROTECT, related_name="+", verbose_name=_("top unit"))
    report_code_prefix = models.CharField(_("report code prefix"), max_length=6)
    open311_jurisdiction_id = models.CharField(_("Open311 jurisdiction id"), max_length=120)
    pack = models.CharField(_("pack"), max_length=300, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("jurisdiction")
        verbose_name_plural = _("jurisdictions")

    def __str__(self) -> str:
        return self.name
