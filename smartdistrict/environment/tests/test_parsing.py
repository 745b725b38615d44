"""The pure row parser: every rule, without a database."""

from __future__ import annotations

import datetime as dt
import math

import pytest
from hypothesis import given
from hypothesis import strategies as st

from smartdistrict.environment.services.parsing import (
    Catalogue,
    ParameterRef,
    Scope,
    StationRef,
    parse_reading,
    parse_time,
    parse_value,
    unit_key,
)
from smartdistrict.environment.services.result import ParsedReading, Rejection

NOW = dt.datetime(2026, 11, 29, 3, 0, tzinfo=dt.UTC)
CATALOGUE = Catalogue(
    [StationRef(1, "XT-01", provider_id=7), StationRef(2, "VT-01"),
     StationRef(3, "OLD-01", active=False)],
    [ParameterRef(10, "DO", "mg/L", 0, 25, ("oxy hoa tan", "O2")),
     ParameterRef(11, "pH", "", 0, 14),
     ParameterRef(12, "N-NH4", "mg/L", 0, 200, ("amoni",)),
     ParameterRef(13, "Aldrin", "µg/L", 0, 100),
     ParameterRef(14, "temperature", "°C", 0, 50)],
)


def parse(**fields):
    row = {"station": "XT-01", "parameter": "DO", "observed_at": "2026-11-29T08:00:00+07:00",
           "value": 4.2, **fields}
    return parse_reading({k: v for k, v in row.items() if v is not ...}, index=3,
                         catalogue=CATALOGUE, now=NOW)


def code_of(result) -> str:
    assert isinstance(result, Rejection), result
    assert result.index == 3 and result.message
    return result.code


def test_a_good_row_is_resolved_and_in_utc():
    result = parse(unit="mg/l")
    assert isinstance(result, ParsedReading)
    assert (result.station_id, result.parameter_id, result.value) == (1, 10, 4.2)
    assert result.observed_at == dt.datetime(2026, 11, 29, 1, 0, tzinfo=dt.UTC)
    assert result.observed_at.utcoffset() == dt.timedelta(0)
    assert (result.unit, result.quality) == ("mg/L", "ok")


@pytest.mark.parametrize("fields, code", [
    ({"station": "NOPE"}, "unknown_station"),
    ({"station": "OLD-01"}, "station_inactive"),
    ({"parameter": "BOD7"}, "unknown_parameter"),
    ({"value": float("nan")}, "not_a_number"),
    ({"value": float("inf")}, "not_a_number"),
    ({"value": "-inf"}, "not_a_number"),
    ({"value": "NaN"}, "not_a_number"),
    ({"value": "bốn"}, "not_a_number"),
    ({"value": True}, "not_a_number"),
    ({"value": [4.2]}, "not_a_number"),
    ({"value": "<0.01"}, "censored_value"),
    ({"value": "KPH"}, "censored_value"),
    ({"value": ...}, "missing_field"),
    ({"observed_at": "2026-11-29T08:00:00"}, "naive_time"),
    ({"observed_at": "yesterday"}, "bad_time"),
    ({"observed_at": "2026-11-29T10:10:00+07:00"}, "future_time"),
    ({"unit": "NTU"}, "unit_mismatch"),
    ({"quality": "great"}, "bad_quality"),
])
def test_rejections_carry_a_stable_code(fields, code):
    assert code_of(parse(**fields)) == code


def test_a_row_that_is_not_an_object_is_rejected():
    result = parse_reading([1, 2], index=3, catalogue=CATALOGUE, now=NOW)
    assert code_of(result) == "not_an_object"


def test_the_rejected_field_is_named():
    assert parse(observed_at="2026-11-29").field == "observed_at"
    assert parse(unit="NTU").field == "unit"
    assert parse(parameter="X").field == "parameter"


def test_a_small_clock_skew_is_tolerated_but_not_more():
    assert isinstance(parse(observed_at="2026-11-29T10:04:00+07:00"), ParsedReading)
    assert code_of(parse(observed_at="2026-11-29T10:06:00+07:00")) == "future_time"


def test_out_of_range_values_are_kept_and_flagged():
    high = parse(value=40)
    negative = parse(value=-0.5)
    assert isinstance(high, ParsedReading) and high.quality == "out_of_range"
    assert isinstance(negative, ParsedReading) and negative.quality == "out_of_range"
    assert parse(value=25).quality == "ok"  # the bounds themselves are plausible


def test_a_suspect_flag_from_the_sender_is_kept():
    assert parse(quality="suspect").quality == "suspect"


def test_codes_and_other_names_match_without_case_accents_or_punctuation():
    assert parse(station="xt01").station_id == 1
    assert parse(parameter="Oxy hòa tan").parameter_code == "DO"
    assert parse(parameter="do").parameter_code == "DO"
    assert parse(parameter="N-NH4").parameter_code == "N-NH4"
    assert parse(parameter="nnh4").parameter_code == "N-NH4"
    assert parse(parameter="AMONI").parameter_code == "N-NH4"


def test_units_are_compared_loosely_and_micrograms_converted():
    assert parse(unit="mg / L").value == 4.2
    aldrin = parse(parameter="Aldrin", value=0.05, unit="mg/L")
    assert aldrin.value == pytest.approx(50.0) and aldrin.unit == "µg/L"
    assert parse(parameter="temperature", value=29.5, unit="degC").value == 29.5
    assert unit_key("μS/cm") == unit_key("µS/cm") == "us/cm"
    assert unit_key("°C") == unit_key("C")


def test_decimal_comma_and_numeric_text():
    assert parse_value("4,2") == 4.2
    assert parse_value(" 7.10 ") == 7.1
    assert parse_value(3) == 3.0


def test_times_day_first_and_stated_zone():
    hcm = dt.timezone(dt.timedelta(hours=7))
    assert parse_time("29/11/2026 08:30", hcm) == dt.datetime(2026, 11, 29, 1, 30, tzinfo=dt.UTC)
    assert parse_time("2026-11-29T01:00:00Z") == dt.datetime(2026, 11, 29, 1, tzinfo=dt.UTC)
    assert parse_time(dt.date(2026, 11, 29), hcm) == dt.datetime(2026, 11, 28, 17,
                                                                 tzinfo=dt.UTC)


def test_a_scope_limits_the_stations():
    by_station = parse_reading(
        {"station": "VT-01", "parameter": "DO", "observed_at": "2026-11-29T08:00:00+07:00",
         "value": 1}, index=3, catalogue=CATALOGUE, now=NOW, scope=Scope(station_id=1))
    assert code_of(by_station) == "station_not_allowed"
    by_provider = parse_reading(
        {"station": "XT-01", "parameter": "DO", "observed_at": "2026-11-29T08:00:00+07:00",
         "value": 1}, index=3, catalogue=CATALOGUE, now=NOW, scope=Scope(provider_id=7))
    assert isinstance(by_provider, ParsedReading)


@given(st.floats(allow_nan=True, allow_infinity=True))
def test_any_float_is_kept_exactly_or_refused_when_not_finite(value):
    result = parse(value=value)
    if math.isfinite(value):
        assert isinstance(result, ParsedReading) and result.value == value
        assert result.quality == ("ok" if 0 <= value <= 25 else "out_of_range")
    else:
        assert code_of(result) == "not_a_number"


@given(st.datetimes(min_value=dt.datetime(2000, 1, 1), max_value=dt.datetime(2026, 11, 28),
                    timezones=st.sampled_from([dt.UTC, dt.timezone(dt.timedelta(hours=7)),
                                               dt.timezone(dt.timedelta(hours=-5))])))
def test_any_aware_time_becomes_the_same_instant_in_utc(moment):
    result = parse(observed_at=moment.isoformat())
    assert result.observed_at == moment and result.observed_at.tzinfo is dt.UTC
