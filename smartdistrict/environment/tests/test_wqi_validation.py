"""Bad input to the VN_WQI functions is a typed, translated error naming the parameter."""

import math

import numpy as np
import pytest
from django.utils import translation

from smartdistrict.core.errors import InvalidInput
from smartdistrict.environment.indices import sub_index, vn_wqi, vn_wqi_columns


@pytest.mark.parametrize(("key", "value", "code"), [
    ("BOD5", math.nan, "invalid_value"),
    ("BOD5", math.inf, "invalid_value"),
    ("COD", -0.1, "invalid_value"),
    ("pH", 14.5, "invalid_value"),
    ("temperature", 60, "invalid_value"),
    ("temperature", -1, "invalid_value"),
    ("DO", "5.2", "invalid_value"),
    ("Coliform", True, "invalid_value"),
    ("Coliform", 10**400, "invalid_value"),
    ("BOD", 5, "unknown_parameter"),
])
def test_bad_values_are_refused_with_their_field(key, value, code):
    with pytest.raises(InvalidInput) as caught:
        vn_wqi({"pH": 7, "BOD5": 4, "COD": 10, "TOC": 3, key: value})
    assert (caught.value.field, caught.value.code) == (key, code)


def test_messages_follow_the_language():
    with translation.override("en"), pytest.raises(InvalidInput) as english:
        vn_wqi({"COD": -1})
    assert str(english.value.message) == "COD must be a number, zero or more; got -1."
    with translation.override("vi"), pytest.raises(InvalidInput) as vietnamese:
        vn_wqi({"COD": -1})
    assert str(vietnamese.value.message) == "COD phải là một số không âm; giá trị nhận được: -1."


def test_none_is_not_measured_and_unknown_keys_can_be_ignored():
    sample = {"pH": None, "BOD5": 4, "COD": 10, "TOC": 3, "Coliform": 100, "turbidity": 30}
    with pytest.raises(InvalidInput):
        vn_wqi(sample)
    result = vn_wqi(sample, ignore_unknown=True)
    assert "pH" not in result.sub_indices and result.groups["I"].factor == 1.0
    assert result.missing[0].rule == "groups"


def test_do_sub_index_needs_temperature():
    with pytest.raises(InvalidInput) as caught:
        sub_index("DO", 6.0)
    assert caught.value.field == "temperature"
    with pytest.raises(InvalidInput) as caught:
        sub_index("BOD5", None)
    assert (caught.value.field, caught.value.code) == ("BOD5", "required")


def test_columns_refuse_bad_values_with_the_row():
    with pytest.raises(InvalidInput) as caught:
        vn_wqi_columns({"BOD5": [4.0, np.nan, -2.0], "COD": [1.0, 2.0, 3.0]})
    assert caught.value.field == "BOD5" and caught.value.extra == {"row": 2}
    with pytest.raises(InvalidInput) as caught:
        vn_wqi_columns({"BOD5": [4.0, np.inf]})
    assert caught.value.extra == {"row": 1}
    with pytest.raises(InvalidInput) as caught:
        vn_wqi_columns({"BOD5": [4.0, 5.0], "COD": [1.0]})
    assert caught.value.field == "COD"
    with pytest.raises(InvalidInput) as caught:
        vn_wqi_columns({"BOD": [4.0]})
    assert caught.value.code == "unknown_parameter"
