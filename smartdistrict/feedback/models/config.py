"""What a district configures as data: categories, their questions, and routing rules."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from smartdistrict.geography.models import Unit
from smartdistrict.organisations.models import Department


class Priority(models.TextChoices):
    LOW = "low", _("low")
    NORMAL = "normal", _("normal")
    HIGH = "high", _("high")
    URGENT = "urgent", _("urgent")


class DeadlineUnit(models.TextChoices):
    WORKING_DAYS = "working_days", _("working days")
    WORKING_HOURS = "working_hours", _("working hours")


# The shortest description a category takes unless its data says otherwise.
DESCRIPTION_MIN_DEFAULT = 10


class Category(models.Model):
    code = models.SlugField(
        _("code"), max_length=60, unique=True, help_text=_("Also the Open311 service_code.")
    )
    name = models.CharField(_("name (Vietnamese)"), max_length=200)
    name_en = models.CharField(_("name (English)"), max_length=200, blank=True)
    group = models.CharField(_("group (Vietnamese)"), max_length=100, blank=True)
    group_en = models.CharField(_("group (English)"), max_length=100, blank=True)
    description = models.TextField(_("description"), blank=True)
    keywords = models.JSONField(_("keywords"), default=list, blank=True)
    priority = models.CharField(
        _("default priority"), max_length=10, choices=Priority.choices, default=Priority.NORMAL
    )
    deadline_value = models.PositiveSmallIntegerField(_("deadline"), default=5)
    deadline_unit = models.CharField(
        _("deadline unit"), max_length=20, choices=DeadlineUnit.choices,
        default=DeadlineUnit.WORKING_DAYS,
    )
    anonymous_allowed = models.BooleanField(_("anonymous reports allowed"), default=True)
    description_min = models.PositiveSmallIntegerField(
        _("shortest description (characters)"), default=DESCRIPTION_MIN_DEFAULT,
        help_text=_("0: the category, the place and the answers say enough, so a report "
                    "(from an Open311 app, say) may come without text."),
    )
    after_photo_required = models.BooleanField(
        _("a photo of the fix is required"), default=False,
        help_text=_("Staff must attach an “after” photo to resolve a report of this category."),
    )
    active = models.BooleanField(_("active"), default=True)
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    # When the category last changed: Open311's services list answers Last-Modified with it.
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        ordering = ["order", "code"]
        verbose_name = _("category")
        verbose_name_plural = _("categories")

    def __str__(self) -> str:
        return self.name


class AttributeDatatype(models.TextChoices):
    """Open311 GeoReport v2 attribute datatypes."""

    STRING = "string", "string"
    NUMBER = "number", "number"
    DATETIME = "datetime", "datetime"
    TEXT = "text", "text"
    SINGLEVALUELIST = "singlevaluelist", "singlevaluelist"
    MULTIVALUELIST = "multivaluelist", "multivaluelist"


class CategoryAttribute(models.Model):
    """An extra question a category asks (Open311 service definition attribute)."""

    category = models.ForeignKey(Category, models.CASCADE, related_name="attributes")
    code = models.SlugField(_("code"), max_length=60)
    datatype = models.CharField(_("datatype"), max_length=20, choices=AttributeDatatype.choices)
    required = models.BooleanField(_("required"), default=False)
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    description = models.CharField(_("question (Vietnamese)"), max_length=300)
    description_en = models.CharField(_("question (English)"), max_length=300, blank=True)
    values = models.JSONField(
        _("values"), default=list, blank=True, help_text=_('For lists: [{"key": …, "name": …}]')
    )
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        ordering = ["category", "order", "code"]
        constraints = [
            models.UniqueConstraint(fields=["category", "code"], name="attribute_unique_code")
        ]
        verbose_name = _("extra question")
        verbose_name_plural = _("extra questions")

    def __str__(self) -> str:
        return f"{self.category.code}.{self.code}"


class RoutingRule(models.Model):
    """(category, unit) → department. Changed only through feedback.services.routing."""

    category = models.ForeignKey(Category, models.CASCADE, related_name="routing_rules")
    unit = models.ForeignKey(Unit, models.CASCADE, related_name="routing_rules")
    department = models.ForeignKey(Department, models.PROTECT, related_name="routing_rules")

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["category", "unit"], name="routing_rule_unique")
        ]
        verbose_name = _("routing rule")
        verbose_name_plural = _("routing rules")

    def __str__(self) -> str:
        return f"{self.category.code} @ {self.unit} → {self.department}"


class RoutingRuleChange(models.Model):
    """Audit log of routing: who sent which category of which unit where, and when."""

    category = models.ForeignKey(Category, models.CASCADE, related_name="+")
    unit = models.ForeignKey(Unit, models.CASCADE, related_name="+")
    old_department = models.ForeignKey(
        Department, models.SET_NULL, null=True, blank=True, related_name="+"
    )
    new_department = models.ForeignKey(
        Department, models.SET_NULL, null=True, blank=True, related_name="+"
    )
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.SET_NULL, null=True, blank=True, related_name="+"
    )
    changed_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-changed_at"]
        verbose_name = _("routing rule change")
        verbose_name_plural = _("routing rule changes")

    def __str__(self) -> str:
        return f"{self.category_id}@{self.unit_id}: {self.old_department_id} → " + str(
            self.new_department_id
        )


class SuggesterModel(models.Model):
    """A trained category suggester, shared by every web host (newest wins)."""

    data = models.BinaryField()
    corrections = models.PositiveIntegerField(
        help_text="Staff re-categorisations it learned from, besides the demo texts."
    )
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("trained suggester")
        verbose_name_plural = _("trained suggesters")

    def __str__(self) -> str:
        return f"{self.created_at:%Y-%m-%d %H:%M} ({self.corrections} corrections)"
