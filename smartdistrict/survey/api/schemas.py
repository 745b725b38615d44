"""Response and request shapes of the survey API, for the OpenAPI schema only."""

from __future__ import annotations

from rest_framework import serializers as s

from smartdistrict.core.api_types import page_of


class ItemOut(s.Serializer):
    n = s.IntegerField(help_text="answers that scored the item")
    satisfied = s.IntegerField(help_text="answers of 4 or 5")
    value = s.FloatField(allow_null=True, help_text="per cent satisfied")
    mean = s.FloatField(allow_null=True, help_text="mean score, 1–5")
    low = s.FloatField(allow_null=True, help_text="95 % Wilson interval, per cent")
    high = s.FloatField(allow_null=True)
    few = s.BooleanField(help_text="fewer answers than SURVEY_FEW_ANSWERS")


class IndicesItemsOut(s.Serializer):
    access = ItemOut()
    procedure = ItemOut()
    servant = ItemOut()
    result = ItemOut()
    feedback = ItemOut()
    general = ItemOut()


class LineOut(s.Serializer):
    code = s.CharField()
    name = s.CharField()
    rank = s.IntegerField(allow_null=True)
    responses = s.IntegerField()
    overall = s.FloatField(allow_null=True, help_text="mean of the five element indices")
    few = s.BooleanField()
    items = IndicesItemsOut()
    reports = s.IntegerField()
    comments = s.IntegerField()


class IndicesOut(s.Serializer):
    start = s.CharField(help_text="first month, YYYY-MM")
    end = s.CharField(help_text="last month, YYYY-MM")
    by = s.CharField()
    unit = s.CharField(allow_null=True)
    total = LineOut()
    lines = LineOut(many=True)


class ProcedureOut(s.Serializer):
    code = s.CharField()
    name = s.CharField()
    field = s.CharField()
    time_limit_days = s.IntegerField()


class CounterOut(s.Serializer):
    unit = s.CharField()
    code = s.CharField()
    name = s.CharField()


ProcedurePageOut = page_of("ProcedurePage", ProcedureOut, count=False)
CounterPageOut = page_of("CounterPage", CounterOut, count=False)


class DossierIn(s.Serializer):
    unit = s.CharField(help_text="unit code")
    procedure = s.CharField(help_text="procedure code")
    counter = s.CharField(required=False, allow_blank=True)
    servant = s.CharField(required=False, allow_blank=True, help_text="civil servant code")
    code = s.CharField(required=False, allow_blank=True, help_text="the one-stop system's "
                       "dossier code; the same code again returns the stored dossier")
    returned_at = s.DateTimeField(required=False)


class DossierOut(s.Serializer):
    code = s.CharField()
    token = s.CharField()
    survey_url = s.URLField()
    qr_svg = s.URLField()
    qr_png = s.URLField()
    created = s.BooleanField()
    answered = s.BooleanField()


class ResponseIn(s.Serializer):
    token = s.CharField()
    answers = s.DictField(child=s.IntegerField(allow_null=True), help_text="access, procedure, "
                          "servant, result, feedback, general: 1–5 (feedback may be null)")
    statements = s.ListField(child=s.CharField(), required=False)
    improve = s.ListField(child=s.CharField(), required=False, max_length=2)
    comment = s.CharField(required=False, allow_blank=True, max_length=2000)
    follow_up = s.BooleanField(required=False)
    phone = s.CharField(required=False, allow_blank=True)
    email = s.CharField(required=False, allow_blank=True)


class ResponseOut(s.Serializer):
    stored = s.BooleanField()
    report_code = s.CharField(allow_blank=True)
    resident_token = s.CharField(allow_blank=True)
