"""The public index calculator: POST a sample, get its VN_WQI with the working shown.

Thin: the body is read here, the index is computed by `indices.vn_wqi` and shaped by
`indices.present`; a bad value is an InvalidInput the project's handler turns into a 400
(smartdistrict/core/api.py), in Vietnamese unless the request asks for English.
"""

from __future__ import annotations

from collections.abc import Mapping

from django.utils.translation import gettext as _
from drf_spectacular.utils import OpenApiExample, extend_schema
from rest_framework import serializers as s
from rest_framework.parsers import JSONParser
from rest_framework.permissions import AllowAny
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from smartdistrict.core.errors import InvalidInput
from smartdistrict.environment.indices import Core, OnBreakpoint, present, vn_wqi


class WqiOptionsSerializer(s.Serializer):
    core = s.ChoiceField(choices=[str(c) for c in Core], required=False,
                         help_text="square_root (default) or weighted")
    on_breakpoint = s.ChoiceField(choices=[str(c) for c in OnBreakpoint], required=False,
                                  help_text="higher_q (default) or lower_q")


class WqiRequestSerializer(s.Serializer):
    parameters = s.DictField(
        child=s.FloatField(allow_null=True, min_value=0),
        help_text="measured values by parameter key (pH, DO, temperature, BOD5, COD, TOC, "
        "N-NH4, N-NO3, N-NO2, P-PO4, Coliform, E.coli, As, Cd, Pb, Cr6+, Cu, Zn, Hg, Aldrin, "
        "BHC, Dieldrin, DDTs, Heptachlor & Heptachlorepoxide); null or absent: not measured",
    )
    options = WqiOptionsSerializer(required=False)


class WqiBandSerializer(s.Serializer):
    level = s.IntegerField()
    code = s.CharField()
    min = s.IntegerField()
    max = s.IntegerField()
    name_vi = s.CharField()
    name_en = s.CharField()
    rgb = s.ListField(child=s.IntegerField(), min_length=3, max_length=3)
    hex = s.CharField()
    use_vi = s.CharField()
    use_en = s.CharField()


class WqiGroupSerializer(s.Serializer):
    parameters = s.ListField(child=s.CharField())
    aggregate = s.ChoiceField(choices=["single", "geometric_mean", "mean"])
    value = s.FloatField(allow_null=True)
    factor = s.FloatField(allow_null=True)


class WqiMissingSerializer(s.Serializer):
    rule = s.ChoiceField(choices=["group_iv", "groups"])
    needed = s.IntegerField()
    given = s.IntegerField()
    candidates = s.ListField(child=s.CharField())
    message = s.CharField()


class WqiUnusedSerializer(s.Serializer):
    parameter = s.CharField()
    message = s.CharField()


class WqiResultSerializer(s.Serializer):
    vn_wqi = s.IntegerField(allow_null=True, min_value=0, max_value=100)
    band = WqiBandSerializer(allow_null=True)
    sub_indices = s.DictField(child=s.FloatField())
    groups = s.DictField(child=WqiGroupSerializer())
    missing = WqiMissingSerializer(many=True)
    unused = WqiUnusedSerializer(many=True)
    do_saturation = s.FloatField(allow_null=True)
    do_percent = s.FloatField(allow_null=True)
    core = s.FloatField(allow_null=True)
    raw = s.FloatField(allow_null=True)
    options = WqiOptionsSerializer()


class WqiErrorSerializer(s.Serializer):
    detail = s.CharField()
    code = s.CharField(required=False, help_text="absent when the body is not parseable JSON")
    field = s.CharField(required=False)


class WqiView(APIView):
    """VN_WQI (Decision 1460/QĐ-TCMT) of one sample; see docs/environment-indices.md."""

    authentication_classes: list = []  # a public calculator: no session, so no CSRF
    permission_classes = [AllowAny]
    parser_classes = [JSONParser]

    @extend_schema(
        operation_id="environment_wqi",
        request=WqiRequestSerializer,
        responses={200: WqiResultSerializer, 400: WqiErrorSerializer},
        examples=[OpenApiExample("canal sample", request_only=True, value={"parameters": {
            "pH": 7.1, "DO": 5.2, "temperature": 29.5, "BOD5": 8, "COD": 20,
            "N-NH4": 0.9, "P-PO4": 0.3, "Coliform": 4600}})],
    )
    def post(self, request: Request) -> Response:
        data = request.data
        if not isinstance(data, Mapping):
            raise InvalidInput(_("Send the sample as a JSON object."), code="body_not_object")
        parameters = data.get("parameters")
        if not isinstance(parameters, Mapping):
            raise InvalidInput(
                _('Give the measured values as an object "parameters": {"pH": 7.1, ...}.'),
                field="parameters",
            )
        options = present.wqi_options(data.get("options"))
        return Response(present.wqi_as_dict(vn_wqi(parameters, options=options)))
