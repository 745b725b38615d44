"""The alley register: each alley a line on the map, in a ward, with what it is like."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from smartdistrict.geography.models import Unit


class Surface(models.TextChoices):
    CONCRETE = "concrete", _("concrete")
    ASPHALT = "asphalt", _("asphalt")
    PAVING = "paving", _("paving blocks or bricks")
    EARTH = "earth", _("earth or gravel")
    MIXED = "mixed", _("mixed, patched")


class Drainage(models.TextChoices):
    NONE = "none", _("none")
    OPEN = "open", _("open ditch")
    COVERED = "covered", _("covered drain")
    SEWER = "sewer", _("sewer under the alley")


class Flooding(models.TextChoices):
    NEVER = "never", _("does not flood")
    HEAVY_RAIN = "heavy_rain", _("floods in heavy rain")
    OFTEN = "often", _("floods often (rain or tide)")


class Lighting(models.TextChoices):
    NONE = "none", _("no lights")
    PARTIAL = "partial", _("some lights")
    ADEQUATE = "adequate", _("lit along its length")


class Alley(models.Model):
    """An alley (hẻm) as a line. The geometry is GeoJSON (LineString or MultiLineString,
    WGS84 lon/lat); its length and bounding box are computed from it by the service."""

    code = models.SlugField(_("code"), max_length=80, unique=True)
    name = models.CharField(
        _("name"), max_length=200, help_text=_("As residents say it, e.g. “Hẻm 74 Nguyễn Khuyến”.")
    )
    unit = models.ForeignKey(Unit, models.PROTECT, related_name="+", verbose_name=_("ward"))
    geometry = models.TextField(_("line (GeoJSON geometry, WGS84)"))
    length_m = models.FloatField(_("length (m)"), default=0)
    min_lat = models.FloatField(default=0, editable=False)
    max_lat = models.FloatField(default=0, editable=False)
    min_lon = models.FloatField(default=0, editable=False)
    max_lon = models.FloatField(default=0, editable=False)
    width_m = models.DecimalField(
        _("width (m)"), max_digits=5, decimal_places=2, null=True, blank=True
    )
    surface = models.CharField(_("surface"), max_length=12, choices=Surface.choices, blank=True)
    drainage = models.CharField(_("drainage"), max_length=12, choices=Drainage.choices,
                                blank=True)
    flooding = models.CharField(_("flooding"), max_length=12, choices=Flooding.choices,
                                blank=True)
    lighting = models.CharField(_("lighting"), max_length=12, choices=Lighting.choices,
                                blank=True)
    households = models.PositiveIntegerField(_("households along it"), default=0)
    note = models.TextField(_("note"), blank=True)
    location_approximate = models.BooleanField(_("location is approximate"), default=False)
    illustrative = models.BooleanField(
        _("illustrative"), default=False,
        help_text=_("Demonstration content, not a real alley's record."),
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["name", "code"]
        verbose_name = _("alley")
        verbose_name_plural = _("alleys")
        indexes = [models.Index(fields=["unit", "name"], name="alley_unit_name")]

    def __str__(self) -> str:
        return self.name
