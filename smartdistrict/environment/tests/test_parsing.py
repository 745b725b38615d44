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


@pytest.mark.parametrize("observed_at, code", [
    ("0001-01-01T00:00:00+07:00", "time_too_early"),  # before year 1 in UTC: OverflowError
    ("0001-01-01T00:00:00-07:00", "time_too_early"),
    ("0001-01-01T00:00:00Z", "time_too_early"),
    ("1200-06-01T00:00:00+07:00", "time_too_early"),
    ("1970-01-01T00:00:00Z", "time_too_early"),  # a sensor clock reset to the epoch
    ("1999-12-31T23:59:59Z", "time_too_early"),
    ("9999-12-31T23:59:59-07:00", "future_time"),  # after year 9999 in UTC: OverflowError
    ("9999-12-31T23:59:59+14:00", "future_time"),
    ("2026-11-29T08:00:00+24:00", "bad_time"),  # offsets beyond ±24 h do not exist
    ("2026-11-29T08:00:00-99:00", "bad_time"),
    ("2026-11-29T08:00:00+23:59", "bad_offset"),  # Python's limit, no place's offset
    ("0001-01-01T00:00:00-23:59", "bad_offset"),
    ("2026-11-29T08:00:00-12:01", "bad_offset"),
    ("2026-11-29T08:00:00+07:00:00.5", "bad_offset"),
    ("2026-11-29T08:00:00+07:00:30", "bad_offset"),
    ("0000-01-01T00:00:00Z", "bad_time"),
    ("31/12/0001 23:00", "naive_time"),
    ("29/11/2026 08:00\x00", "bad_time"),
    ("2026-11-29T08:00:00\ud800+07:00", "bad_time"),
])
def test_instants_outside_the_window_are_refused_with_a_reason(observed_at, code):
    result = parse(observed_at=observed_at)
    assert code_of(result) == code and result.field == "observed_at"


@pytest.mark.parametrize("offset", ["-12:00", "+14:00", "+05:45", "-09:30", "Z"])
def test_every_offset_a_place_uses_is_accepted(offset):
    assert isinstance(parse(observed_at=f"2026-11-28T08:00:00{offset}"), ParsedReading)


def test_the_window_is_a_parameter_and_the_message_names_its_start():
    early = parse_reading(
        {"station": "XT-01", "parameter": "DO", "observed_at": "2009-05-01T08:00:00+07:00",
         "value": 4.2}, index=3, catalogue=CATALOGUE, now=NOW,
        earliest=dt.datetime(2010, 1, 1, tzinfo=dt.UTC))
    assert code_of(early) == "time_too_early" and "2010-01-01" in early.message
    first = parse(observed_at="2000-01-01T07:00:00+07:00")
    assert isinstance(first, ParsedReading)
    assert first.observed_at == dt.datetime(2000, 1, 1, tzinfo=dt.UTC)


def test_a_time_in_a_file_zone_at_the_end_of_the_calendar_is_refused():
    from zoneinfo import ZoneInfo

    row = {"station": "XT-01", "parameter": "DO", "value": 4.2,
           "observed_at": dt.datetime(1, 1, 1, 3, 0)}
    result = parse_reading(row, index=3, catalogue=CATALOGUE, now=NOW,
                           default_tz=ZoneInfo("Asia/Ho_Chi_Minh"))
    assert code_of(result) == "time_too_early"


def test_an_integer_too_large_for_a_float_is_not_a_number():
    assert code_of(parse(value=10 ** 400)) == "not_a_number"


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


@given(st.datetimes(min_value=dt.datetime(2000, 1, 2), max_value=dt.datetime(2026, 11, 28),
                    timezones=st.sampled_from([dt.UTC, dt.timezone(dt.timedelta(hours=7)),
                                               dt.timezone(dt.timedelta(hours=-5))])))
def test_any_aware_time_becomes_the_same_instant_in_utc(moment):
    result = parse(observed_at=moment.isoformat())
    assert result.observed_at == moment and result.observed_at.tzinfo is dt.UTC
