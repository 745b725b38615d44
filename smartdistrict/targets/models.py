"""The term's targets: indicators with their measurements, programmes, projects, milestones.

Rules (progress, status, forecast) are pure functions in ``progress.py``; writes go
through ``services``; these classes only hold data and its integrity constraints.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from smartdistrict.geography.models import Unit
from smartdistrict.organisations.models import Department


class Direction(models.TextChoices):
    HIGHER = "higher", _("higher is better")
    LOWER = "lower", _("lower is better")


class TargetKind(models.TextChoices):
    # Reach a level by the target year (poor households 1.2 % → 0 %, green space 0.9 → 1.1 m²).
    LEVEL = "level", _("reach the target by the target year")
    # Meet the target in every period (production value growth ≥ 11 % each year, jobs per year).
    EACH_PERIOD = "each_period", _("meet the target in every period")


class Periodicity(models.TextChoices):
    YEARLY = "yearly", _("yearly")
    QUARTERLY = "quarterly", _("quarterly")
    MONTHLY = "monthly", _("monthly")


class WorkStatus(models.TextChoices):
    PLANNED = "planned", _("planned")
    IN_PROGRESS = "in_progress", _("under way")
    COMPLETED = "completed", _("completed")
    STALLED = "stalled", _("stalled")
    CANCELLED = "cancelled", _("cancelled")


class Owned(models.Model):
    """Who answers for a programme, project or indicator: free text and, when the
    department exists in the platform, a link to it (staff of it may then enter data)."""

    owner = models.CharField(_("owner"), max_length=200, blank=True)
    owner_department = models.ForeignKey(
        Department, models.SET_NULL, null=True, blank=True, related_name="+",
        verbose_name=_("owner department"),
    )
    illustrative = models.BooleanField(
        _("illustrative"), default=False,
        help_text=_("Demonstration content, not an official figure or list."),
    )
    source = models.TextField(_("source"), blank=True)

    class Meta:
        abstract = True


class Programme(Owned):
    code = models.SlugField(_("code"), max_length=40, unique=True)
    name = models.CharField(_("name (Vietnamese)"), max_length=300)
    name_en = models.CharField(_("name (English)"), max_length=300, blank=True)
    budget_billion_vnd = models.DecimalField(
        _("budget (billion VND)"), max_digits=14, decimal_places=3, null=True, blank=True
    )
    start = models.DateField(_("start"), null=True, blank=True)
    end = models.DateField(_("end"), null=True, blank=True)
    status = models.CharField(
        _("status"), max_length=20, choices=WorkStatus.choices, default=WorkStatus.PLANNED
    )
    description = models.TextField(_("description (Vietnamese)"), blank=True)
    description_en = models.TextField(_("description (English)"), blank=True)
    position = models.PositiveIntegerField(_("position"), default=0)

    class Meta:
        ordering = ["position", "code"]
        verbose_name = _("programme")
        verbose_name_plural = _("programmes")
        constraints = [
            models.CheckConstraint(
                condition=Q(start__isnull=True) | Q(end__isnull=True) | Q(start__lte=F("end")),
                name="programme_dates_in_order",
            )
        ]

    def __str__(self) -> str:
        return self.name


class Project(Owned):
    code = models.SlugField(_("code"), max_length=60, unique=True)
    programme = models.ForeignKey(
        Programme, models.SET_NULL, null=True, blank=True, related_name="projects",
        verbose_name=_("programme"),
    )
    name = models.CharField(_("name (Vietnamese)"), max_length=300)
    name_en = models.CharField(_("name (English)"), max_length=300, blank=True)
    budget_billion_vnd = models.DecimalField(
        _("budget (billion VND)"), max_digits=14, decimal_places=3, null=True, blank=True
    )
    start = models.DateField(_("start"), null=True, blank=True)
    end = models.DateField(_("end"), null=True, blank=True)
    status = models.CharField(
        _("status"), max_length=20, choices=WorkStatus.choices, default=WorkStatus.PLANNED
    )
    description = models.TextField(_("description (Vietnamese)"), blank=True)
    description_en = models.TextField(_("description (English)"), blank=True)
    geometry = models.TextField(
        _("location (GeoJSON geometry, WGS84)"), blank=True,
        help_text=_("A Point or a LineString (canals, roads) in longitude, latitude order."),
    )
    location_approximate = models.BooleanField(_("location is approximate"), default=True)
    ward = models.ForeignKey(
        Unit, models.SET_NULL, null=True, blank=True, related_name="+",
        verbose_name=_("ward"),
    )
    position = models.PositiveIntegerField(_("position"), default=0)

    class Meta:
        ordering = ["position", "code"]
        verbose_name = _("project")
        verbose_name_plural = _("projects")
        constraints = [
            models.CheckConstraint(
                condition=Q(start__isnull=True) | Q(end__isnull=True) | Q(start__lte=F("end")),
                name="project_dates_in_order",
            )
        ]

    def __str__(self) -> str:
        return self.name


class Milestone(models.Model):
    project = models.ForeignKey(
        Project, models.CASCADE, related_name="milestones", verbose_name=_("project")
    )
    name = models.CharField(_("name (Vietnamese)"), max_length=300)
    name_en = models.CharField(_("name (English)"), max_length=300, blank=True)
    planned_date = models.DateField(_("planned date"))
    actual_date = models.DateField(_("actual date"), null=True, blank=True)
    status = models.CharField(
        _("status"), max_length=20, choices=WorkStatus.choices, default=WorkStatus.PLANNED
    )
    note = models.TextField(_("note"), blank=True)

    class Meta:
        ordering = ["planned_date", "id"]
        verbose_name = _("milestone")
        verbose_name_plural = _("milestones")
        constraints = [
            models.UniqueConstraint(fields=["project", "name"], name="milestone_unique_name")
        ]

    def __str__(self) -> str:
        return self.name


class Indicator(Owned):
    code = models.CharField(_("code"), max_length=40, unique=True)
    name = models.CharField(_("name (Vietnamese)"), max_length=300)
    name_en = models.CharField(_("name (English)"), max_length=300, blank=True)
    unit = models.CharField(_("unit of measure"), max_length=40)
    direction = models.CharField(
        _("direction"), max_length=10, choices=Direction.choices, default=Direction.HIGHER
    )
    kind = models.CharField(
        _("kind of target"), max_length=20, choices=TargetKind.choices,
        default=TargetKind.LEVEL,
    )
    baseline_value = models.FloatField(_("baseline value"))
    baseline_year = models.PositiveSmallIntegerField(_("baseline year"))
    target_value = models.FloatField(_("target value"))
    target_year = models.PositiveSmallIntegerField(_("target year"))
    periodicity = models.CharField(
        _("periodicity"), max_length=10, choices=Periodicity.choices,
        default=Periodicity.YEARLY,
    )
    admin_unit = models.ForeignKey(
        Unit, models.PROTECT, null=True, blank=True, related_name="+",
        verbose_name=_("administrative unit"),
        help_text=_("Empty: the whole jurisdiction."),
    )
    programme = models.ForeignKey(
        Programme, models.SET_NULL, null=True, blank=True, related_name="indicators",
        verbose_name=_("programme"),
    )
    notes = models.TextField(_("notes"), blank=True)
    position = models.PositiveIntegerField(_("position"), default=0)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        ordering = ["position", "code"]
        verbose_name = _("indicator")
        verbose_name_plural = _("indicators")
        constraints = [
            models.CheckConstraint(
                condition=Q(target_year__gt=F("baseline_year")), name="indicator_years_in_order"
            )
        ]

    def __str__(self) -> str:
        return f"{self.code} {self.name}"


class Measurement(models.Model):
    indicator = models.ForeignKey(
        Indicator, models.CASCADE, related_name="measurements", verbose_name=_("indicator")
    )
    # The label is the period's one name (2024, 2024-Q2, 2024-05); start and end follow from
    # it (periods.parse) and are stored so that "latest" and ranges are plain index scans.
    period_label = models.CharField(_("period"), max_length=10)
    period_start = models.DateField(_("period start"))
    period_end = models.DateField(_("period end"))
    actual = models.FloatField(_("actual"), null=True, blank=True)
    planned = models.FloatField(_("planned"), null=True, blank=True)
    source = models.TextField(_("source"), blank=True)
    note = models.TextField(_("note"), blank=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.SET_NULL, null=True, blank=True, related_name="+",
        verbose_name=_("updated by"),
    )

    class Meta:
        ordering = ["indicator", "period_end", "-period_start"]
        verbose_name = _("measurement")
        verbose_name_plural = _("measurements")
        constraints = [
            models.UniqueConstraint(
                fields=["indicator", "period_label"], name="measurement_unique_period"
            ),
            models.CheckConstraint(
                condition=Q(period_start__lte=F("period_end")), name="measurement_period_order"
            ),
        ]
        indexes = [
            models.Index(fields=["indicator", "-period_end", "period_start"],
                         name="measurement_latest")
        ]

    def __str__(self) -> str:
        return f"{self.indicator.code} {self.period_label}"
