"""Response shapes of /api/v1/alleys/, for the OpenAPI schema only (the presenters build
the answers; schemathesis checks that they match)."""

from __future__ import annotations

from rest_framework import serializers as s

from smartdistrict.alleys.models import Choice
from smartdistrict.core.api_types import page_of
from smartdistrict.feedback.api.schemas import errors


class WardOut(s.Serializer):
    code = s.CharField()
    name = s.CharField()


class AlleyOut(s.Serializer):
    code = s.CharField()
    name = s.CharField()
    ward = WardOut()
    geometry = s.DictField(help_text="GeoJSON LineString or MultiLineString, WGS84 lon/lat")
    length_m = s.FloatField()
    width_m = s.FloatField(allow_null=True)
    surface = s.CharField()
    drainage = s.CharField()
    flooding = s.CharField()
    lighting = s.CharField()
    households = s.IntegerField()
    illustrative = s.BooleanField()


class ConditionOut(s.Serializer):
    months = s.IntegerField()
    distance_m = s.FloatField()
    reports = s.IntegerField()
    open = s.IntegerField()
    per_100m = s.FloatField()
    per_household = s.FloatField(allow_null=True)
    by_category = s.DictField(child=s.IntegerField())


class AlleyConditionOut(AlleyOut):
    condition = ConditionOut()


class SplitOut(s.Serializer):
    estimate_vnd = s.IntegerField()
    state_budget_vnd = s.IntegerField()
    households_vnd = s.IntegerField()
    sponsors_vnd = s.IntegerField()
    adds_up = s.BooleanField()


class ProjectOut(s.Serializer):
    code = s.CharField()
    title = s.CharField()
    state = s.CharField()
    alley = s.CharField()
    alley_code = s.CharField()
    ward = WardOut()
    split = SplitOut()
    pledged_vnd = s.IntegerField()
    received_vnd = s.IntegerField()
    progress_percent = s.IntegerField()
    illustrative = s.BooleanField()


class BallotOut(s.Serializer):
    number = s.IntegerField()
    open = s.BooleanField()
    eligible = s.IntegerField()
    voted = s.IntegerField()
    threshold_percent = s.FloatField()
    needed = s.IntegerField()
    yes = s.IntegerField(allow_null=True, help_text="null while the ballot is open")
    no = s.IntegerField(allow_null=True)
    abstain = s.IntegerField(allow_null=True)
    passed = s.BooleanField(allow_null=True)


class MoneyOut(s.Serializer):
    pledged_money_vnd = s.IntegerField()
    pledged_in_kind_vnd = s.IntegerField()
    land_m2 = s.FloatField()
    received_vnd = s.IntegerField()
    spent_state_vnd = s.IntegerField()
    spent_community_vnd = s.IntegerField()
    community_balance_vnd = s.IntegerField()
    households = s.IntegerField()
    paying_households = s.IntegerField()


class BoardOut(s.Serializer):
    name = s.CharField()
    role = s.CharField()
    represents = s.CharField()


class AccountsOut(ProjectOut):
    scope = s.CharField()
    planned_start = s.DateField(allow_null=True)
    planned_end = s.DateField(allow_null=True)
    decision_ref = s.CharField()
    decision_date = s.DateField(allow_null=True)
    accepted_on = s.DateField(allow_null=True)
    acceptance_ref = s.CharField()
    ballot = BallotOut(allow_null=True)
    money = MoneyOut()
    named = s.ListField(child=s.CharField(), help_text="only those who agreed to be named")
    board = BoardOut(many=True)
    photos = s.ListField(child=s.URLField())


class CandidateOut(s.Serializer):
    rank = s.IntegerField()
    alley = s.CharField()
    alley_code = s.CharField()
    ward = WardOut()
    length_m = s.FloatField()
    households = s.IntegerField()
    reports = s.IntegerField()
    open = s.IntegerField()
    per_100m = s.FloatField()
    per_household = s.FloatField(allow_null=True)
    latest_proposal = s.CharField(allow_null=True)
    latest_state = s.CharField(allow_null=True)


class VoteIn(s.Serializer):
    code = s.CharField(help_text="the household's one-time code, e.g. ABCD-EFGH")
    choice = s.ChoiceField(choices=Choice.values)


class VoteOut(s.Serializer):
    recorded = s.BooleanField()
    project = s.CharField()


AlleyPageOut = page_of("AlleyPage", AlleyOut)
ProjectPageOut = page_of("ProjectPage", ProjectOut)

__all__ = ["errors"]
