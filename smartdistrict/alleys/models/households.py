"""Households along an alley, what each pledged and paid, and the ward's exemptions.

A household's name, house number and contact are personal data: they show on staff
pages only. The public page names a household only when it agreed
(``name_public``), and then by the name it chose.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from smartdistrict.alleys.models.proposals import Proposal
from smartdistrict.alleys.models.register import Alley


class Standing(models.TextChoices):
    """What the ward's lists say of the household (for exemptions; the ward decides)."""

    ORDINARY = "ordinary", _("ordinary")
    POOR = "poor", _("poor household")
    NEAR_POOR = "near_poor", _("near-poor household")
    POLICY = "policy", _("policy family")


class Household(models.Model):
    alley = models.ForeignKey(Alley, models.CASCADE, related_name="household_records",
                              verbose_name=_("alley"))
    house_number = models.CharField(_("house number"), max_length=40)
    head_name = models.CharField(_("head of household"), max_length=120)
    phone = models.CharField(_("phone"), max_length=20, blank=True)
    standing = models.CharField(_("standing"), max_length=10, choices=Standing.choices,
                                default=Standing.ORDINARY)
    name_public = models.BooleanField(
        _("agrees to be named on the public page"), default=False,
    )
    public_name = models.CharField(
        _("name shown publicly"), max_length=120, blank=True,
        help_text=_("How the household wants to be thanked, e.g. “Gia đình bà Lan”; only "
                    "shown when it agrees."),
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["house_number", "id"]
        verbose_name = _("household")
        verbose_name_plural = _("households")
        constraints = [
            models.UniqueConstraint(fields=["alley", "house_number"],
                                    name="household_house_unique")
        ]

    def __str__(self) -> str:
        return self.house_number

    @property
    def shown_name(self) -> str:
        """The name the public may see, or "" (no consent)."""
        if not self.name_public:
            return ""
        return self.public_name or self.head_name


class ShareKind(models.TextChoices):
    FULL = "full", _("full share")
    REDUCED = "reduced", _("reduced share")
    EXEMPT = "exempt", _("exempt")


class Exemption(models.Model):
    """The ward's decision that a household pays a reduced share, or nothing, of one
    proposal's households' part (poor and near-poor households, policy families)."""

    proposal = models.ForeignKey(Proposal, models.CASCADE, related_name="exemptions")
    household = models.ForeignKey(Household, models.CASCADE, related_name="exemptions")
    kind = models.CharField(_("share"), max_length=8, choices=ShareKind.choices)
    reason = models.CharField(_("reason"), max_length=300)
    decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, models.SET_NULL, null=True,
                                   blank=True, related_name="+")
    decided_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("exemption")
        verbose_name_plural = _("exemptions")
        constraints = [
            models.UniqueConstraint(fields=["proposal", "household"],
                                    name="exemption_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.household} · {self.kind}"


class PledgeKind(models.TextChoices):
    MONEY = "money", _("money")
    MATERIALS = "materials", _("materials")
    LABOUR = "labour", _("labour")
    LAND = "land", _("land")


class Pledge(models.Model):
    """What a household (or a sponsor) promised. ``value_vnd`` is the money, or the
    estimated value of materials, labour or land."""

    proposal = models.ForeignKey(Proposal, models.CASCADE, related_name="pledges")
    household = models.ForeignKey(Household, models.PROTECT, null=True, blank=True,
                                  related_name="pledges", verbose_name=_("household"))
    sponsor_name = models.CharField(_("sponsor"), max_length=200, blank=True)
    name_public = models.BooleanField(_("the sponsor agrees to be named"), default=False)
    kind = models.CharField(_("kind"), max_length=10, choices=PledgeKind.choices)
    value_vnd = models.BigIntegerField(_("value (VND)"), default=0)
    description = models.CharField(_("what"), max_length=300, blank=True)
    land_m2 = models.DecimalField(_("land (m²)"), max_digits=8, decimal_places=2, null=True,
                                  blank=True)
    fulfilled_on = models.DateField(_("delivered on"), null=True, blank=True)
    pledged_on = models.DateField(_("pledged on"))
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, models.SET_NULL, null=True,
                                    blank=True, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["pledged_on", "id"]
        verbose_name = _("pledge")
        verbose_name_plural = _("pledges")
        constraints = [
            models.CheckConstraint(condition=Q(value_vnd__gte=0), name="pledge_value_positive"),
            models.CheckConstraint(
                condition=Q(household__isnull=False) | ~Q(sponsor_name=""),
                name="pledge_has_a_giver",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.kind}: {self.value_vnd}"


class PaymentMethod(models.TextChoices):
    CASH = "cash", _("cash")
    TRANSFER = "transfer", _("bank transfer")


class Payment(models.Model):
    """Money received from a household or a sponsor, with its receipt (phiếu thu)."""

    proposal = models.ForeignKey(Proposal, models.CASCADE, related_name="payments")
    household = models.ForeignKey(Household, models.PROTECT, null=True, blank=True,
                                  related_name="payments", verbose_name=_("household"))
    payer_name = models.CharField(_("paid by"), max_length=200, blank=True)
    amount_vnd = models.BigIntegerField(_("amount (VND)"))
    method = models.CharField(_("method"), max_length=10, choices=PaymentMethod.choices,
                              default=PaymentMethod.CASH)
    received_on = models.DateField(_("received on"))
    receipt_number = models.CharField(_("receipt number"), max_length=60, unique=True)
    note = models.CharField(_("note"), max_length=300, blank=True)
    received_by = models.ForeignKey(settings.AUTH_USER_MODEL, models.SET_NULL, null=True,
                                    blank=True, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["received_on", "id"]
        verbose_name = _("payment")
        verbose_name_plural = _("payments")
        constraints = [
            models.CheckConstraint(condition=Q(amount_vnd__gt=0), name="payment_amount_positive"),
            models.CheckConstraint(
                condition=Q(household__isnull=False) | ~Q(payer_name=""),
                name="payment_has_a_payer",
            ),
        ]

    def __str__(self) -> str:
        return self.receipt_number
