"""The dashboard's own tables: aggregates kept by the refresh job, and meeting briefs.

Nothing here is a source of truth. ``ReportFact`` is a narrow copy of each report's
figures (no text, no personal data); ``DailyFact`` sums them per local day and key;
both are rebuilt from feedback's reports by ``facts.refresh`` and checked nightly.
Ids of wards, departments and categories are plain integers, not foreign keys: the
dashboard reads the other apps and no delete elsewhere must ever wait on it.
"""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from smartdistrict.core.models import DownloadStatus


class ReportFact(models.Model):
    """One row per report: what the figures need, as of the last refresh.

    Days are local dates (Asia/Ho_Chi_Minh). Durations are calendar seconds since the
    report was received; each carries a bucket (a quarter of a doubling, rising with the
    duration). A median's exact value walks them in ReportDuration, not here: no index
    of this table holds a duration, so the update of a changed duration can stay on its
    page (a HOT update: no new index entry; PostgreSQL's pages keep room for it, see
    migration 0007). Hotspots and the time-of-day map are answered from indexes alone.
    """

    report_id = models.BigIntegerField(primary_key=True)
    ward_id = models.BigIntegerField()
    department_id = models.BigIntegerField()
    category_id = models.BigIntegerField()
    channel = models.CharField(max_length=10)
    status = models.CharField(max_length=12)
    is_open = models.BooleanField()
    due_at = models.DateTimeField()
    created_day = models.DateField()
    created_slot = models.PositiveSmallIntegerField()  # weekday × 24 + hour, local
    h3_cell = models.CharField(max_length=16, blank=True)
    response_day = models.DateField(null=True)
    response_s = models.BigIntegerField(null=True)
    response_bucket = models.SmallIntegerField(null=True)
    resolved_day = models.DateField(null=True)
    resolution_s = models.BigIntegerField(null=True)
    resolution_bucket = models.SmallIntegerField(null=True)
    on_time = models.BooleanField(null=True)
    closed_day = models.DateField(null=True)
    rated_day = models.DateField(null=True)
    rating = models.PositiveSmallIntegerField(null=True)

    class Meta:
        indexes = [
            models.Index(fields=["created_day", "ward_id", "department_id", "created_slot"],
                         name="dash_rf_created"),
            # Partial: only open reports, the ones that can be overdue (is_open is in
            # the columns too so that SQLite answers from the index alone).
            models.Index(fields=["due_at", "ward_id", "department_id", "category_id",
                                 "is_open"],
                         condition=models.Q(is_open=True), name="dash_rf_overdue"),
            models.Index(fields=["category_id", "created_day", "h3_cell", "created_slot",
                                 "ward_id", "department_id"], name="dash_rf_cells"),
        ]

    def __str__(self) -> str:
        return f"report {self.report_id}"


class ReportDuration(models.Model):
    """A report's response or resolution duration (``kind``: DURATION_KINDS), copied from
    its fact on the day it was counted: what a median's exact value walks.

    Apart from ReportFact so that the index the walk needs changes only here: when a
    report's resolution moved, ReportFact's update added an entry to each of its five
    indexes, on pages spread over the history that no longer fitted in memory at a
    million reports (issue 18: the refresh after 1,000 spread changes grew with the
    table). Kept by the refresh from the facts' changes, filled by a full rebuild and
    compared by the nightly check (facts/walk.py)."""

    pk = models.CompositePrimaryKey("report_id", "kind")
    report_id = models.BigIntegerField()
    kind = models.PositiveSmallIntegerField()
    day = models.DateField()
    seconds = models.BigIntegerField()
    bucket = models.SmallIntegerField()
    ward_id = models.BigIntegerField()
    department_id = models.BigIntegerField()

    class Meta:
        # Kind, bucket, then duration: a median's exact value walks one bucket's
        # durations in order from the nearer end until its rank (days and units
        # filtered in the index), never the whole period, never a sort (issue 18).
        indexes = [models.Index(fields=["kind", "bucket", "seconds", "day", "ward_id",
                                        "department_id"], name="dash_rd_walk")]

    def __str__(self) -> str:
        return f"report {self.report_id} kind {self.kind}: {self.seconds} s"


# Channels with a column of their own; any other channel counts in ``received_other``.
CHANNEL_COLUMNS = {
    channel: f"received_{channel}"
    for channel in ("web", "open311", "hotline", "radio", "email", "staff", "sensor", "zalo",
                    "survey")
}


class _Measures(models.Model):
    """The measures shared by the daily and monthly sums and their rollups."""

    received = models.IntegerField(default=0)
    received_web = models.IntegerField(default=0)
    received_open311 = models.IntegerField(default=0)
    received_hotline = models.IntegerField(default=0)
    received_radio = models.IntegerField(default=0)
    received_email = models.IntegerField(default=0)
    received_staff = models.IntegerField(default=0)
    received_sensor = models.IntegerField(default=0)
    received_zalo = models.IntegerField(default=0)
    received_survey = models.IntegerField(default=0)
    received_other = models.IntegerField(default=0)  # a channel added after these columns
    responded = models.IntegerField(default=0)
    response_s_sum = models.BigIntegerField(default=0)
    resolved = models.IntegerField(default=0)
    resolved_on_time = models.IntegerField(default=0)
    resolution_s_sum = models.BigIntegerField(default=0)
    closed = models.IntegerField(default=0)
    ratings = models.IntegerField(default=0)
    rating_sum = models.IntegerField(default=0)
    ratings_good = models.IntegerField(default=0)

    class Meta:
        abstract = True


class _Sums(_Measures):
    ward_id = models.BigIntegerField()
    department_id = models.BigIntegerField()
    category_id = models.BigIntegerField()

    class Meta:
        abstract = True


class DailyFact(_Sums):
    """Sums per (local day, ward as filed, department, category).

    Each report adds to the day it was received (received, and its channel's column),
    first answered (responded), resolved (resolved, on time), closed and rated, so one
    period's figures are a SUM over that period's rows. Channels are columns rather
    than a key: the key would multiply the rows by up to six for one figure's sake.
    """

    day = models.DateField()

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["day", "ward_id", "department_id", "category_id"],
                name="dash_daily_key",
            )
        ]

    def __str__(self) -> str:
        return f"{self.day} w{self.ward_id} d{self.department_id} c{self.category_id}"


class MonthlyFact(_Sums):
    """The daily sums rolled up per calendar month (``month`` is its first day): a period
    reads whole months here and only its partial months' days from DailyFact."""

    month = models.DateField()

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["month", "ward_id", "department_id", "category_id"],
                name="dash_monthly_key",
            )
        ]

    def __str__(self) -> str:
        return f"{self.month:%Y-%m} w{self.ward_id} d{self.department_id} c{self.category_id}"


# What a rollup row sums over: everything, or one ward, department or category.
ROLLUP_DIMENSIONS = {"": 0, "ward_id": 1, "department_id": 2, "category_id": 3}


class DailyRollup(_Measures):
    """The daily sums of the whole jurisdiction, and per ward (as filed), per department
    and per category apart (``key`` the id; 0 for the total): the rows a city-wide page
    shows, a hundred or so per day where DailyFact holds one per combination (issue 18)."""

    day = models.DateField()
    dimension = models.PositiveSmallIntegerField()
    key = models.BigIntegerField()

    class Meta:
        constraints = [models.UniqueConstraint(fields=["day", "dimension", "key"],
                                               name="dash_daily_rollup_key")]
        # The totals' rows apart: the previous period's loose days read only dimension 0,
        # which the key's range of days cannot bound (it read every key of those days:
        # 555 a day at a million reports, 256 at 100,000; issue 18).
        indexes = [models.Index(fields=["day"], condition=models.Q(dimension=0),
                                name="dash_daily_rollup_total")]

    def __str__(self) -> str:
        return f"{self.day} {self.dimension}:{self.key}"


class MonthlyRollup(_Measures):
    """The same per calendar month (``month`` is its first day)."""

    month = models.DateField()
    dimension = models.PositiveSmallIntegerField()
    key = models.BigIntegerField()

    class Meta:
        constraints = [models.UniqueConstraint(fields=["month", "dimension", "key"],
                                               name="dash_monthly_rollup_key")]

    def __str__(self) -> str:
        return f"{self.month:%Y-%m} {self.dimension}:{self.key}"


# The kinds of duration counted per bucket (DurationCount.kind).
DURATION_KINDS = {"response": 1, "resolution": 2}
ALL = 0  # ward_id = department_id = ALL: the row counts the whole jurisdiction


class _Durations(models.Model):
    """How many durations of one kind fell in each bucket (rows.bucket), per key.

    Each key's rows are kept twice: per (ward, department), for a selection, and once
    more with ward and department ALL, for the whole jurisdiction, so that a city-wide
    median reads days (or months) × buckets rows, whatever the number of reports."""

    ward_id = models.BigIntegerField()
    department_id = models.BigIntegerField()
    kind = models.PositiveSmallIntegerField()
    bucket = models.SmallIntegerField()
    count = models.IntegerField(default=0)

    class Meta:
        abstract = True


class DailyDurations(_Durations):
    """Durations per bucket on the day they were counted (response_day, resolved_day)."""

    day = models.DateField()

    class Meta:
        # The whole jurisdiction's rows (ward and department ALL) apart: a city-wide
        # median reads a few dozen rows per day, not every (ward, department)'s. No index
        # holds ``count`` (it once was an INCLUDE column here): the refresh's upsert of a
        # count is then a HOT update, in place, with no new index entry (issue 18).
        indexes = [models.Index(fields=["day", "kind", "bucket"],
                                condition=models.Q(ward_id=ALL, department_id=ALL),
                                name="dash_durations_city")]
        constraints = [
            models.UniqueConstraint(
                fields=["day", "ward_id", "department_id", "kind", "bucket"],
                name="dash_durations_key",
            )
        ]

    def __str__(self) -> str:
        return f"{self.day} w{self.ward_id} d{self.department_id} {self.kind}/{self.bucket}"


class MonthlyDurations(_Durations):
    """The daily bucket counts rolled up per calendar month (``month`` is its first day)."""

    month = models.DateField()

    class Meta:
        # The whole jurisdiction's rows (ward and department ALL) apart: a city-wide
        # median reads a few dozen rows per day, not every (ward, department)'s.
        indexes = [models.Index(fields=["month", "kind", "bucket"],
                                condition=models.Q(ward_id=ALL, department_id=ALL),
                                name="dash_month_durations_city")]
        constraints = [
            models.UniqueConstraint(
                fields=["month", "ward_id", "department_id", "kind", "bucket"],
                name="dash_month_durations_key",
            )
        ]

    def __str__(self) -> str:
        return f"{self.month:%Y-%m} w{self.ward_id} d{self.department_id} {self.kind}"


class OverdueSnapshot(models.Model):
    """Reports overdue (open, past due) as counted by the day's last refresh.

    The live count is read from the reports; these rows let "overdue now" be compared
    with the count one period ago."""

    day = models.DateField()
    ward_id = models.BigIntegerField()
    department_id = models.BigIntegerField()
    category_id = models.BigIntegerField()
    overdue = models.IntegerField()

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["day", "ward_id", "department_id", "category_id"],
                name="dash_overdue_key",
            )
        ]

    def __str__(self) -> str:
        return f"{self.day}: {self.overdue}"


class RemovedReport(models.Model):
    """A report deleted since the last refresh (recorded by a post_delete receiver, see
    apps.py): the next refresh subtracts its fact from the sums and drops it. A delete
    that bypasses Django (raw SQL) is found by the nightly check."""

    report_id = models.BigIntegerField(primary_key=True)
    removed_at = models.DateTimeField(auto_now_add=True)

    def __str__(self) -> str:
        return f"report {self.report_id} removed"


class RefreshState(models.Model):
    """A single row: how far the refresh job has read, and the last drift check."""

    watermark = models.DateTimeField(null=True)
    refreshed_at = models.DateTimeField(null=True)
    full_at = models.DateTimeField(null=True)
    checked_at = models.DateTimeField(null=True)
    drift = models.JSONField(default=dict, blank=True)
    lock_until = models.DateTimeField(null=True)  # a lease: refresh and check never overlap
    # When today's OverdueSnapshot rows were counted (facts/overdue.py): the next refresh
    # of the same day moves them on by delta from there; None: count in full.
    overdue_at = models.DateTimeField(null=True)

    def __str__(self) -> str:
        return f"refreshed {self.refreshed_at}"


# A brief goes through the states of any file built in the background.
BriefStatus = DownloadStatus


class Brief(models.Model):
    """A meeting brief (PDF and Excel) built in the background for its requester only."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.CASCADE, related_name="+"
    )
    start = models.DateField()
    end = models.DateField()
    unit_code = models.CharField(max_length=40, blank=True)  # blank: the whole district
    status = models.CharField(max_length=10, choices=BriefStatus.choices,
                              default=BriefStatus.PENDING)
    progress = models.PositiveSmallIntegerField(default=0)  # percent
    step = models.CharField(max_length=100, blank=True)
    pdf_name = models.CharField(max_length=200, blank=True)
    xlsx_name = models.CharField(max_length=200, blank=True)
    error = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("meeting brief")
        verbose_name_plural = _("meeting briefs")

    def __str__(self) -> str:
        return f"brief {self.start}–{self.end} {self.unit_code or 'district'}"
