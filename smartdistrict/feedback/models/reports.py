"""Reports, their photos and their timeline."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models.functions import Lower
from django.utils.translation import gettext_lazy as _

from smartdistrict.feedback.models.config import Category, Priority
from smartdistrict.geography.models import Unit
from smartdistrict.organisations.models import Department


class Status(models.TextChoices):
    NEW = "new", _("new")
    ASSIGNED = "assigned", _("assigned")
    IN_PROGRESS = "in_progress", _("in progress")
    RESOLVED = "resolved", _("resolved")
    CLOSED = "closed", _("closed")
    REJECTED = "rejected", _("rejected")
    DUPLICATE = "duplicate", _("duplicate")
    REOPENED = "reopened", _("reopened")


# The kind of each state: what Open311 shows as open or closed.
OPEN_STATES = frozenset({Status.NEW, Status.ASSIGNED, Status.IN_PROGRESS, Status.REOPENED})
CLOSED_STATES = frozenset({Status.RESOLVED, Status.CLOSED, Status.REJECTED, Status.DUPLICATE})
# The open states as sorted plain values: the partial indexes' condition (a stable
# migration, the same SQL text on every run).
OPEN_STATE_VALUES = sorted(str(s.value) for s in OPEN_STATES)


class Channel(models.TextChoices):
    WEB = "web", _("web")
    OPEN311 = "open311", _("app / Open311")
    HOTLINE = "hotline", _("hotline")
    RADIO = "radio", _("radio listeners' line")
    EMAIL = "email", _("e-mail")
    ZALO = "zalo", _("Zalo")
    STAFF = "staff", _("staff")
    SENSOR = "sensor", _("sensor alert")
    SURVEY = "survey", _("satisfaction survey")  # a low score in the one-stop shop survey


class FollowupAnswer(models.TextChoices):
    """The resident's answer to "was it fixed?" some days after resolution."""

    FIXED = "fixed", _("fixed")
    PARTLY = "partly", _("partly fixed")
    NOT_FIXED = "not_fixed", _("not fixed")


class CodeSequence(models.Model):
    """The last number given per (prefix, year): codes like HCM-2026-000123."""

    prefix = models.CharField(max_length=10)
    year = models.PositiveSmallIntegerField()
    last = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["prefix", "year"], name="code_sequence_unique")
        ]

    def __str__(self) -> str:
        return f"{self.prefix}-{self.year}: {self.last}"


class Report(models.Model):
    code = models.CharField(_("code"), max_length=30, unique=True)
    # No index of their own on category, ward and department: the composite indexes
    # below lead with them (one index fewer to write per report received, issue 18).
    category = models.ForeignKey(Category, models.PROTECT, related_name="reports",
                                 db_index=False)
    description = models.TextField(_("description"))
    lat = models.FloatField(_("latitude"), null=True, blank=True)
    lon = models.FloatField(_("longitude"), null=True, blank=True)
    address = models.CharField(_("address"), max_length=300, blank=True)
    h3_cell = models.CharField(max_length=16, blank=True, editable=False)
    ward = models.ForeignKey(Unit, models.PROTECT, related_name="reports", verbose_name=_("ward"),
                             db_index=False)
    department = models.ForeignKey(
        Department, models.PROTECT, related_name="reports", verbose_name=_("department"),
        db_index=False,
    )
    channel = models.CharField(_("channel"), max_length=10, choices=Channel.choices)
    reporter_name = models.CharField(_("reporter's name"), max_length=120, blank=True)
    reporter_phone = models.CharField(_("reporter's phone"), max_length=20, blank=True)
    reporter_email = models.EmailField(_("reporter's e-mail"), blank=True)
    priority = models.CharField(
        _("priority"), max_length=10, choices=Priority.choices, default=Priority.NORMAL
    )
    status = models.CharField(
        _("status"), max_length=12, choices=Status.choices, default=Status.NEW
    )
    assignee = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.SET_NULL, null=True, blank=True,
        related_name="assigned_reports", verbose_name=_("assignee"), db_index=False,
    )
    attributes = models.JSONField(_("answers to extra questions"), default=dict, blank=True)
    due_at = models.DateTimeField(_("due"))
    first_response_at = models.DateTimeField(_("first response"), null=True, blank=True)
    resolved_at = models.DateTimeField(_("resolved"), null=True, blank=True)
    closed_at = models.DateTimeField(_("closed"), null=True, blank=True)
    overdue_at = models.DateTimeField(_("marked overdue"), null=True, blank=True)
    duplicate_of = models.ForeignKey(
        "self", models.SET_NULL, null=True, blank=True, related_name="duplicates",
        verbose_name=_("duplicate of"), db_index=False,
    )
    supporters = models.PositiveIntegerField(_("supporters"), default=0)
    rating = models.PositiveSmallIntegerField(_("rating"), null=True, blank=True)
    rating_comment = models.TextField(_("rating comment"), blank=True)
    rated_at = models.DateTimeField(_("rated"), null=True, blank=True)
    suggested_category = models.ForeignKey(
        Category, models.SET_NULL, null=True, blank=True, related_name="+", db_index=False,
    )
    idempotency_key = models.CharField(max_length=100, null=True, blank=True, unique=True)
    personal_data_removed_at = models.DateTimeField(null=True, blank=True)
    # The public text folded for search (core.text.fold: no diacritics, đ → d), written by
    # the services that write the text (feedback.search.search_text); never shown.
    search_text = models.TextField(blank=True, default="", editable=False)
    # "Was it fixed?" (feedback.services.followup): when the question was sent, the answer.
    followup_sent_at = models.DateTimeField(_("follow-up sent"), null=True, blank=True)
    followup_answer = models.CharField(
        _("follow-up answer"), max_length=10, choices=FollowupAnswer.choices, blank=True
    )
    followup_answered_at = models.DateTimeField(_("follow-up answered"), null=True, blank=True)
    created_at = models.DateTimeField(_("received"), db_index=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True, db_index=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("report")
        verbose_name_plural = _("reports")
        indexes = [
            # The console's queue: a scope (ward or department) and state, ordered by due
            # time; and any state ordered by due time.
            models.Index(fields=["ward", "status", "due_at"], name="report_ward_status_due"),
            models.Index(
                fields=["department", "status", "due_at"], name="report_department_status_due"
            ),
            models.Index(fields=["due_at"], name="report_due"),
            # The console's queues of open reports, one per scope, partial on the open
            # states: their size follows the open reports, never the years of closed ones,
            # so no plan over them can walk the whole table (issue 18). Each holds what
            # the queue's page of ids and its counts read (index-only on PostgreSQL).
            # report_open_due also serves "overdue now" and the escalation job (it
            # replaces the former (status, due_at) index).
            models.Index(fields=["due_at", "id", "status", "ward", "department"],
                         condition=models.Q(status__in=OPEN_STATE_VALUES),
                         name="report_open_due"),
            models.Index(fields=["ward", "due_at", "id", "status"],
                         condition=models.Q(status__in=OPEN_STATE_VALUES),
                         name="report_open_ward"),
            models.Index(fields=["department", "due_at", "id", "status"],
                         condition=models.Q(status__in=OPEN_STATE_VALUES),
                         name="report_open_department"),
            # "Resolved this month" on the portal's home and the dashboard's figures.
            models.Index(fields=["resolved_at"], name="report_resolved",
                         condition=models.Q(resolved_at__isnull=False)),
            # The public list (/reports/) filtered by a ward or a category, newest first.
            models.Index(fields=["ward", "created_at"], name="report_ward_created"),
            models.Index(fields=["category", "created_at"], name="report_category_created"),
            # The dashboard's "was it fixed?" answers of a period.
            models.Index(fields=["followup_answered_at"], name="report_followup_answered",
                         condition=models.Q(followup_answered_at__isnull=False)),
            # Columns empty when a report is received are indexed only where set, so
            # intake writes no entry for them (every query on them names a value).
            models.Index(fields=["assignee"], name="report_assignee",
                         condition=models.Q(assignee__isnull=False)),
            models.Index(fields=["duplicate_of"], name="report_duplicate_of",
                         condition=models.Q(duplicate_of__isnull=False)),
            models.Index(fields=["suggested_category"], name="report_suggested_category",
                         condition=models.Q(suggested_category__isnull=False)),
            # Covers the duplicate check entirely (no table reads), so its cost stays with
            # the neighbourhood's recent reports, however large the table grows.
            models.Index(
                fields=["category", "h3_cell", "created_at", "status", "lat", "lon", "code"],
                name="report_nearby_cover",
            ),
            # A person's reports by phone or e-mail ("my reports", a data request: both
            # through feedback.personal_data.reports_of_person): a few rows each, whatever
            # the table's size (empty contacts left out of the index).
            models.Index(fields=["reporter_phone"], name="report_reporter_phone",
                         condition=~models.Q(reporter_phone="")),
            models.Index(Lower("reporter_email"), name="report_reporter_email",
                         condition=~models.Q(reporter_email="")),
        ]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(rating__isnull=True) | models.Q(rating__gte=1, rating__lte=5),
                name="report_rating_range",
            )
        ]

    def __str__(self) -> str:
        return self.code

    @property
    def is_open(self) -> bool:
        return self.status in OPEN_STATES


class PhotoStage(models.TextChoices):
    BEFORE = "before", _("the problem")
    AFTER = "after", _("after the fix")


class Photo(models.Model):
    report = models.ForeignKey(Report, models.CASCADE, related_name="photos")
    # "before": sent with the report; "after": the officer's proof of the fix.
    stage = models.CharField(max_length=6, choices=PhotoStage.choices, default=PhotoStage.BEFORE)
    image = models.FileField(upload_to="reports/%Y/%m/")
    thumbnail = models.FileField(upload_to="reports/%Y/%m/thumbs/")
    content_type = models.CharField(max_length=30)
    width = models.PositiveIntegerField()
    height = models.PositiveIntegerField()
    sha256 = models.CharField(max_length=64, db_index=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["id"]
        verbose_name = _("photo")
        verbose_name_plural = _("photos")

    def __str__(self) -> str:
        return self.image.name


class EventKind(models.TextChoices):
    CREATED = "created", _("received")
    TRANSITION = "transition", _("status changed")
    NOTE = "note", _("note")
    ESCALATION = "escalation", _("overdue")
    RECATEGORISED = "recategorised", _("category changed")
    SUPPORTED = "supported", _("supported by a resident")
    MERGED = "merged", _("duplicate merged")
    RATED = "rated", _("rated")
    FORWARDED = "forwarded", _("forwarded to another unit")
    FOLLOWUP = "followup", _("the resident answered “was it fixed?”")


class Event(models.Model):
    """One entry of a report's timeline. Never edited or deleted."""

    report = models.ForeignKey(Report, models.CASCADE, related_name="events")
    kind = models.CharField(max_length=15, choices=EventKind.choices)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.SET_NULL, null=True, blank=True, related_name="+"
    )
    actor_role = models.CharField(max_length=30, blank=True)
    from_status = models.CharField(max_length=12, blank=True)
    to_status = models.CharField(max_length=12, blank=True)
    note = models.TextField(blank=True)
    public = models.BooleanField(default=True)
    created_at = models.DateTimeField(db_index=True)

    class Meta:
        ordering = ["created_at", "id"]
        verbose_name = _("timeline event")
        verbose_name_plural = _("timeline events")

    def __str__(self) -> str:
        return f"{self.kind} {self.from_status}→{self.to_status}"


class ContactAccess(models.Model):
    """Who looked at a reporter's contact details, and when (personal data law)."""

    report = models.ForeignKey(Report, models.CASCADE, related_name="contact_accesses")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, models.PROTECT, related_name="+")
    accessed_at = models.DateTimeField(auto_now_add=True)
    channel = models.CharField(max_length=10, default="web")

    class Meta:
        ordering = ["-accessed_at"]
        verbose_name = _("contact access")
        verbose_name_plural = _("contact accesses")

    def __str__(self) -> str:
        return f"{self.user_id} → {self.report_id} at {self.accessed_at:%Y-%m-%d %H:%M}"


class ReportConversation(models.Model):
    """Where a resident's conversation about their report lives on a channel that has no
    e-mail or phone number to write to (a Zalo user's id): the channel that notifies them
    finds it by the report. Personal data: removed with the report's other contact data."""

    report = models.ForeignKey(Report, models.CASCADE, related_name="conversations")
    channel = models.CharField(max_length=10, choices=Channel.choices)
    address = models.CharField(max_length=100)  # the channel's id of the resident
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("resident's conversation")
        verbose_name_plural = _("residents' conversations")
        constraints = [
            models.UniqueConstraint(fields=["report", "channel"],
                                    name="report_conversation_one_per_channel"),
        ]
        indexes = [models.Index(fields=["channel", "address"], name="conversation_address")]

    def __str__(self) -> str:
        return f"{self.report_id} on {self.channel}"
