"""The households' decision on a proposal (Law 10/2022/QH15, Arts. 15, 17–21).

A ballot lists every household of the alley when it opens (one Vote row each, empty until
the household votes): that list is the denominator of the threshold, so a household that
does not vote counts as not in favour. Votes come from the meeting (entered by the
residential group head or the ward officer) or online with the household's one-time
code, kept only as a keyed hash. No page shows one household's choice to another.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from smartdistrict.alleys.models.households import Household
from smartdistrict.alleys.models.proposals import Proposal


class Ballot(models.Model):
    proposal = models.ForeignKey(Proposal, models.CASCADE, related_name="ballots")
    number = models.PositiveSmallIntegerField(_("round"), default=1)
    online = models.BooleanField(_("online voting with one-time codes"), default=False)
    threshold_percent = models.DecimalField(
        _("threshold (percent of all households)"), max_digits=5, decimal_places=2,
        help_text=_("Passed when more than this share of all the households listed approve."),
    )
    meeting_date = models.DateField(_("meeting date"), null=True, blank=True)
    meeting_key_hash = models.CharField(max_length=64, blank=True, editable=False,
                                        db_index=True)
    group_head_name = models.CharField(_("residential group head"), max_length=120,
                                       blank=True)
    opened_at = models.DateTimeField(_("opened"))
    closed_at = models.DateTimeField(_("closed"), null=True, blank=True)
    reopened = models.PositiveSmallIntegerField(_("times reopened"), default=0)
    passed = models.BooleanField(_("passed"), null=True, blank=True)
    opened_by = models.ForeignKey(settings.AUTH_USER_MODEL, models.SET_NULL, null=True,
                                  blank=True, related_name="+")

    class Meta:
        ordering = ["proposal", "number"]
        verbose_name = _("households' ballot")
        verbose_name_plural = _("households' ballots")
        constraints = [
            models.UniqueConstraint(fields=["proposal", "number"], name="ballot_round_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.proposal.code} #{self.number}"

    @property
    def is_open(self) -> bool:
        return self.closed_at is None


class Choice(models.TextChoices):
    YES = "yes", _("in favour")
    NO = "no", _("against")
    ABSTAIN = "abstain", _("no opinion")


class Channel(models.TextChoices):
    MEETING = "meeting", _("at the meeting")
    ONLINE = "online", _("online")


class Vote(models.Model):
    ballot = models.ForeignKey(Ballot, models.CASCADE, related_name="votes")
    household = models.ForeignKey(Household, models.PROTECT, related_name="+")
    choice = models.CharField(max_length=8, choices=Choice.choices, blank=True)
    channel = models.CharField(max_length=8, choices=Channel.choices, blank=True)
    code_hash = models.CharField(max_length=64, blank=True, editable=False)
    recorded_at = models.DateTimeField(null=True, blank=True)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, models.SET_NULL, null=True,
                                    blank=True, related_name="+")
    recorded_by_label = models.CharField(max_length=160, blank=True)

    class Meta:
        verbose_name = _("vote")
        verbose_name_plural = _("votes")
        constraints = [
            models.UniqueConstraint(fields=["ballot", "household"], name="vote_once_per_ballot"),
            models.UniqueConstraint(fields=["code_hash"], condition=~models.Q(code_hash=""),
                                    name="vote_code_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.ballot} · {self.household_id}"
