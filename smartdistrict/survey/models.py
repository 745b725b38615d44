"""Procedures, counters, dossiers, answers, and the monthly tallies the indices read.

A unit's one-stop shop (Bộ phận Một cửa) handles procedures from a catalogue; residents
are served at counters by civil servants. A dossier (hồ sơ) carries one random token:
its QR code opens the survey, and the dossier answers once (one Response per dossier,
enforced by the database). Each answer adds to the monthly tallies of its unit, its
procedure and its counter in the same transaction, so indices for any months read the
tallies and never the answers.
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from smartdistrict.geography.models import Unit


class Procedure(models.Model):
    """An administrative procedure (thủ tục hành chính) as the catalogue names it."""

    code = models.CharField(_("code"), max_length=40, unique=True)
    name = models.CharField(_("name"), max_length=300)
    field = models.CharField(_("field"), max_length=120, blank=True,
                             help_text=_("lĩnh vực, e.g. Hộ tịch, Chứng thực"))
    time_limit_days = models.PositiveSmallIntegerField(
        _("legal time limit (working days)"), help_text=_("0 = the same working day"))
    illustrative = models.BooleanField(_("illustrative (demo)"), default=False)

    class Meta:
        ordering = ["field", "name"]
        verbose_name = _("administrative procedure")
        verbose_name_plural = _("administrative procedures")

    def __str__(self) -> str:
        return f"{self.code} {self.name}"


class UnitProcedure(models.Model):
    """A procedure that a unit's one-stop shop handles."""

    unit = models.ForeignKey(Unit, models.CASCADE, related_name="+", verbose_name=_("unit"))
    procedure = models.ForeignKey(Procedure, models.CASCADE, related_name="offered",
                                  verbose_name=_("procedure"))
    active = models.BooleanField(_("active"), default=True)

    class Meta:
        verbose_name = _("procedure of a one-stop shop")
        verbose_name_plural = _("procedures of one-stop shops")
        constraints = [models.UniqueConstraint(fields=["unit", "procedure"],
                                               name="survey_unit_procedure_unique")]

    def __str__(self) -> str:
        return f"{self.unit_id}: {self.procedure_id}"


class Counter(models.Model):
    """A counter (quầy) of a unit's one-stop shop."""

    unit = models.ForeignKey(Unit, models.PROTECT, related_name="+", verbose_name=_("unit"))
    code = models.CharField(_("code"), max_length=40)
    name = models.CharField(_("name"), max_length=200)
    active = models.BooleanField(_("active"), default=True)
    illustrative = models.BooleanField(_("illustrative (demo)"), default=False)

    class Meta:
        ordering = ["unit_id", "code"]
        verbose_name = _("counter")
        verbose_name_plural = _("counters")
        constraints = [models.UniqueConstraint(fields=["unit", "code"],
                                               name="survey_counter_unique")]

    def __str__(self) -> str:
        return self.name


class CivilServant(models.Model):
    """A civil servant (công chức) who staffs counters. Not necessarily a platform user."""

    unit = models.ForeignKey(Unit, models.PROTECT, related_name="+", verbose_name=_("unit"))
    code = models.CharField(_("code"), max_length=40)
    full_name = models.CharField(_("full name"), max_length=120)
    title = models.CharField(_("title"), max_length=120, blank=True)
    counters = models.ManyToManyField(Counter, blank=True, related_name="staff",
                                      verbose_name=_("counters"))
    active = models.BooleanField(_("active"), default=True)
    illustrative = models.BooleanField(_("illustrative (demo)"), default=False)

    class Meta:
        ordering = ["unit_id", "full_name"]
        verbose_name = _("civil servant")
        verbose_name_plural = _("civil servants")
        constraints = [models.UniqueConstraint(fields=["unit", "code"],
                                               name="survey_servant_unique")]

    def __str__(self) -> str:
        return self.full_name


class Dossier(models.Model):
    """A dossier (hồ sơ) whose result was returned: the thing a resident rates, once."""

    code = models.CharField(_("dossier code"), max_length=60, unique=True)
    token = models.CharField(max_length=32, unique=True, editable=False)
    unit = models.ForeignKey(Unit, models.PROTECT, related_name="+", verbose_name=_("unit"))
    procedure = models.ForeignKey(Procedure, models.PROTECT, related_name="+",
                                  verbose_name=_("procedure"))
    counter = models.ForeignKey(Counter, models.PROTECT, null=True, blank=True,
                                related_name="+", verbose_name=_("counter"))
    servant = models.ForeignKey(CivilServant, models.SET_NULL, null=True, blank=True,
                                related_name="+", verbose_name=_("civil servant"))
    returned_at = models.DateTimeField(_("result returned"))
    created_at = models.DateTimeField(_("registered"), auto_now_add=True)
    illustrative = models.BooleanField(_("illustrative (demo)"), default=False)

    class Meta:
        ordering = ["-returned_at"]
        verbose_name = _("dossier")
        verbose_name_plural = _("dossiers")
        indexes = [models.Index(fields=["unit", "-returned_at"], name="survey_dossier_unit")]

    def __str__(self) -> str:
        return self.code


class Channel(models.TextChoices):
    TABLET = "tablet", _("tablet at the counter")
    QR = "qr", _("phone, by the QR code")
    API = "api", _("another system (API)")


def _score(label: str) -> models.PositiveSmallIntegerField:
    return models.PositiveSmallIntegerField(label, null=True, blank=True)


class Response(models.Model):
    """One resident's answers about one dossier. No account, no contact data here: a
    phone or e-mail given to be called back goes only into the feedback report."""

    dossier = models.OneToOneField(Dossier, models.PROTECT, related_name="response",
                                   verbose_name=_("dossier"))
    unit = models.ForeignKey(Unit, models.PROTECT, related_name="+", verbose_name=_("unit"))
    procedure = models.ForeignKey(Procedure, models.PROTECT, related_name="+")
    counter = models.ForeignKey(Counter, models.PROTECT, null=True, blank=True,
                                related_name="+")
    answered_at = models.DateTimeField(_("answered"), db_index=True)
    channel = models.CharField(_("channel"), max_length=10, choices=Channel.choices)
    access = _score(_("access to the service"))
    procedure_score = _score(_("the procedure"))
    servant = _score(_("the civil servant"))
    result = _score(_("the result"))
    feedback = _score(_("comments and complaints"))
    general = _score(_("overall"))
    statements = models.JSONField(_("statements ticked"), default=list, blank=True)
    improve = models.JSONField(_("to improve first"), default=list, blank=True)
    comment = models.TextField(_("comment"), blank=True)
    asked_follow_up = models.BooleanField(_("asked to be answered"), default=False)
    report_code = models.CharField(_("feedback report"), max_length=30, blank=True)
    illustrative = models.BooleanField(_("illustrative (demo)"), default=False)

    class Meta:
        ordering = ["-answered_at"]
        verbose_name = _("survey answer")
        verbose_name_plural = _("survey answers")
        indexes = [models.Index(fields=["unit", "answered_at"], name="survey_response_unit")]

    def __str__(self) -> str:
        return f"{self.dossier_id} @ {self.answered_at:%Y-%m-%d}"

    def score(self, item: str) -> int | None:
        return getattr(self, SCORE_FIELDS[item])


SCORE_FIELDS = {"access": "access", "procedure": "procedure_score", "servant": "servant",
                "result": "result", "feedback": "feedback", "general": "general"}


class TallyScope(models.TextChoices):
    UNIT = "unit", _("unit")
    PROCEDURE = "procedure", _("procedure")
    COUNTER = "counter", _("counter")


def _count() -> models.PositiveIntegerField:
    return models.PositiveIntegerField(default=0)


class MonthlyTally(models.Model):
    """Counts of one month's answers for a unit, or one of its procedures or counters.

    For each item (five elements and the general question): answers with a score (_n),
    satisfied answers (_sat, score 4 or 5) and the sum of scores (_sum). ``key`` is the
    procedure's or counter's id, 0 for the unit as a whole.
    """

    month = models.DateField()  # the first day of the month, Asia/Ho_Chi_Minh
    unit = models.ForeignKey(Unit, models.PROTECT, related_name="+")
    scope = models.CharField(max_length=10, choices=TallyScope.choices)
    key = models.PositiveIntegerField(default=0)
    responses = _count()
    comments = _count()
    reports = _count()
    access_n, access_sat, access_sum = _count(), _count(), _count()
    procedure_n, procedure_sat, procedure_sum = _count(), _count(), _count()
    servant_n, servant_sat, servant_sum = _count(), _count(), _count()
    result_n, result_sat, result_sum = _count(), _count(), _count()
    feedback_n, feedback_sat, feedback_sum = _count(), _count(), _count()
    general_n, general_sat, general_sum = _count(), _count(), _count()
    improve_access, improve_procedure, improve_servant = _count(), _count(), _count()
    improve_result, improve_feedback = _count(), _count()

    class Meta:
        verbose_name = _("monthly tally")
        verbose_name_plural = _("monthly tallies")
        constraints = [models.UniqueConstraint(fields=["scope", "unit", "key", "month"],
                                               name="survey_tally_unique")]
        indexes = [models.Index(fields=["scope", "month"], name="survey_tally_month")]

    def __str__(self) -> str:
        return f"{self.scope} {self.unit_id}/{self.key} {self.month:%Y-%m}"


COUNT_FIELDS = (
    *(f"{item}_{part}" for item in SCORE_FIELDS for part in ("n", "sat", "sum")),
    "responses", "comments", "reports", "improve_access", "improve_procedure",
    "improve_servant", "improve_result", "improve_feedback",
)
