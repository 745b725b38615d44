"""A proposal to upgrade one alley: scope, estimate, the split of the cost, the ward's
decision, works, supervision, acceptance, and its timeline."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from smartdistrict.alleys.models.register import Alley


class State(models.TextChoices):
    DRAFT = "draft", _("draft")
    CONSULTATION = "consultation", _("consulting the households")
    APPROVED = "approved", _("approved")
    WORKS = "works", _("works under way")
    ACCEPTED = "accepted", _("accepted")
    CLOSED = "closed", _("closed")
    REJECTED = "rejected", _("not approved")


class Proposal(models.Model):
    """Amounts are whole Vietnamese đồng. The split (state budget, households, sponsors)
    must add up to the estimate, which is the sum of the line items."""

    code = models.SlugField(_("code"), max_length=40, unique=True)
    alley = models.ForeignKey(Alley, models.PROTECT, related_name="proposals",
                              verbose_name=_("alley"))
    title = models.CharField(_("title"), max_length=300)
    scope = models.TextField(_("scope of works"))
    state = models.CharField(_("state"), max_length=14, choices=State.choices,
                             default=State.DRAFT, db_index=True)
    planned_start = models.DateField(_("planned start"), null=True, blank=True)
    planned_end = models.DateField(_("planned end"), null=True, blank=True)
    estimate_vnd = models.BigIntegerField(_("estimate (VND)"), default=0, editable=False)
    state_budget_vnd = models.BigIntegerField(_("state budget (VND)"), default=0)
    households_vnd = models.BigIntegerField(_("households (VND)"), default=0)
    sponsors_vnd = models.BigIntegerField(_("sponsors (VND)"), default=0)
    reduced_share_percent = models.PositiveSmallIntegerField(
        _("reduced share (percent of a full share)"), default=50,
        help_text=_("What a household with a reduced share pays, as a percentage of a full share."),
    )
    progress_percent = models.PositiveSmallIntegerField(_("progress of the works (%)"),
                                                        default=0)
    consulted_at = models.DateTimeField(
        _("households consulted since"), null=True, blank=True, editable=False,
        help_text=_("When the proposal last went to the households: only a ballot opened "
                    "since then decides it."),
    )
    decision_ref = models.CharField(_("ward's decision (number)"), max_length=120, blank=True)
    decision_date = models.DateField(_("date of the decision"), null=True, blank=True)
    decision_note = models.TextField(_("the decision"), blank=True)
    works_started_on = models.DateField(_("works started"), null=True, blank=True)
    accepted_on = models.DateField(_("accepted on"), null=True, blank=True)
    acceptance_ref = models.CharField(_("acceptance minutes (number)"), max_length=120,
                                      blank=True)
    acceptance_note = models.TextField(_("acceptance"), blank=True)
    illustrative = models.BooleanField(
        _("illustrative"), default=False,
        help_text=_("Demonstration content, not a real project."),
    )
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, models.SET_NULL, null=True,
                                   blank=True, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("alley proposal")
        verbose_name_plural = _("alley proposals")
        constraints = [
            models.CheckConstraint(
                condition=Q(estimate_vnd__gte=0, state_budget_vnd__gte=0, households_vnd__gte=0,
                            sponsors_vnd__gte=0),
                name="proposal_amounts_not_negative",
            ),
            models.CheckConstraint(
                condition=Q(reduced_share_percent__lte=100, progress_percent__lte=100),
                name="proposal_percentages_in_range",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.code} · {self.title}"

    @property
    def split_total_vnd(self) -> int:
        return self.state_budget_vnd + self.households_vnd + self.sponsors_vnd

    @property
    def is_public(self) -> bool:
        return self.state != State.DRAFT

    @property
    def works_begun(self) -> bool:
        return self.state in (State.WORKS, State.ACCEPTED, State.CLOSED)


class EstimateItem(models.Model):
    proposal = models.ForeignKey(Proposal, models.CASCADE, related_name="items")
    position = models.PositiveSmallIntegerField(default=0)
    description = models.CharField(_("item"), max_length=300)
    unit = models.CharField(_("unit"), max_length=20, blank=True)
    quantity = models.DecimalField(_("quantity"), max_digits=12, decimal_places=2)
    unit_price_vnd = models.BigIntegerField(_("unit price (VND)"))
    amount_vnd = models.BigIntegerField(_("amount (VND)"))

    class Meta:
        ordering = ["position", "id"]
        verbose_name = _("estimate item")
        verbose_name_plural = _("estimate items")

    def __str__(self) -> str:
        return self.description


class ExpenseSource(models.TextChoices):
    STATE = "state", _("state budget")
    COMMUNITY = "community", _("households' and sponsors' money")


class Expense(models.Model):
    """Money spent on the works, from the state budget or the money collected."""

    proposal = models.ForeignKey(Proposal, models.CASCADE, related_name="expenses")
    description = models.CharField(_("what for"), max_length=300)
    payee = models.CharField(_("paid to"), max_length=200, blank=True)
    amount_vnd = models.BigIntegerField(_("amount (VND)"))
    source = models.CharField(_("paid from"), max_length=10, choices=ExpenseSource.choices)
    spent_on = models.DateField(_("date"))
    document_ref = models.CharField(_("invoice or voucher"), max_length=120, blank=True)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, models.SET_NULL, null=True,
                                    blank=True, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["spent_on", "id"]
        verbose_name = _("expense")
        verbose_name_plural = _("expenses")
        constraints = [models.CheckConstraint(condition=Q(amount_vnd__gt=0),
                                              name="expense_amount_positive")]

    def __str__(self) -> str:
        return f"{self.description}: {self.amount_vnd}"


class BoardRole(models.TextChoices):
    HEAD = "head", _("head")
    DEPUTY = "deputy", _("deputy head")
    MEMBER = "member", _("member")


class Represents(models.TextChoices):
    FRONT = "front", _("Fatherland Front")
    INSPECTION = "inspection", _("People's Inspection Board")
    RESIDENTS = "residents", _("residents")
    OTHER = "other", _("other")


class BoardMember(models.Model):
    """A member of the community investment supervision board (Ban Giám sát đầu tư của
    cộng đồng) of this project: a public role, shown on the public page."""

    proposal = models.ForeignKey(Proposal, models.CASCADE, related_name="board")
    name = models.CharField(_("name"), max_length=120)
    role = models.CharField(_("role"), max_length=10, choices=BoardRole.choices,
                            default=BoardRole.MEMBER)
    represents = models.CharField(_("represents"), max_length=12, choices=Represents.choices)

    class Meta:
        ordering = ["id"]
        verbose_name = _("supervision board member")
        verbose_name_plural = _("supervision board members")

    def __str__(self) -> str:
        return self.name


class ProgressPhoto(models.Model):
    """A photo of the works, re-encoded without metadata by feedback's photo pipeline."""

    proposal = models.ForeignKey(Proposal, models.CASCADE, related_name="photos")
    image = models.FileField(upload_to="alleys/%Y/%m/")
    thumbnail = models.FileField(upload_to="alleys/%Y/%m/thumbs/")
    content_type = models.CharField(max_length=30)
    width = models.PositiveIntegerField()
    height = models.PositiveIntegerField()
    sha256 = models.CharField(max_length=64)
    caption = models.CharField(_("caption"), max_length=300, blank=True)
    taken_on = models.DateField(_("date"), null=True, blank=True)
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, models.SET_NULL, null=True,
                                    blank=True, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at", "id"]
        verbose_name = _("progress photo")
        verbose_name_plural = _("progress photos")

    def __str__(self) -> str:
        return self.image.name


class EventKind(models.TextChoices):
    CREATED = "created", _("proposal created")
    TRANSITION = "transition", _("state changed")
    ESTIMATE = "estimate", _("estimate and split changed")
    BALLOT = "ballot", _("households' decision")
    PROGRESS = "progress", _("progress of the works")
    REPORTS_CLOSED = "reports_closed", _("residents' reports closed")
    NOTE = "note", _("note")


class ProposalEvent(models.Model):
    """One entry of a proposal's timeline. Never edited; public ones show on its page."""

    proposal = models.ForeignKey(Proposal, models.CASCADE, related_name="events")
    kind = models.CharField(max_length=16, choices=EventKind.choices)
    from_state = models.CharField(max_length=14, blank=True)
    to_state = models.CharField(max_length=14, blank=True)
    note = models.TextField(blank=True)
    public = models.BooleanField(default=True)
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, models.SET_NULL, null=True,
                              blank=True, related_name="+")
    created_at = models.DateTimeField(db_index=True)

    class Meta:
        ordering = ["created_at", "id"]
        verbose_name = _("proposal timeline event")
        verbose_name_plural = _("proposal timeline events")

    def __str__(self) -> str:
        return f"{self.kind} {self.from_state}→{self.to_state}"
