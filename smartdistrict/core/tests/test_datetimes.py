"""The one rule for times from outside input (core.datetimes)."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
from django.test import override_settings

from smartdistrict.core import datetimes
from smartdistrict.core.datetimes import MomentError, aware_utc, with_site_offset

HCM = ZoneInfo("Asia/Ho_Chi_Minh")


def _reason(text, **rules) -> str:
    with pytest.raises(MomentError) as caught:
        aware_utc(text, **rules)
    return caught.value.reason


def test_an_offset_is_kept_and_the_result_is_utc():
    moment = aware_utc(" 2026-11-29T08:00:00+07:00 ")
    assert moment == dt.datetime(2026, 11, 29, 1, 0, tzinfo=dt.UTC)
    assert moment.utcoffset() == dt.timedelta(0)
    assert aware_utc("2026-11-29T01:00:00Z") == moment


def test_a_time_without_offset_is_refused_unless_a_zone_is_assumed():
    assert _reason("2026-11-29T08:00") == datetimes.NAIVE
    with pytest.raises(MomentError) as caught:  # a door may show the time it read
        aware_utc("2026-11-29T08:00")
    assert caught.value.moment == dt.datetime(2026, 11, 29, 8, 0)
    assert aware_utc("2026-11-29T08:00", assume=HCM) == dt.datetime(2026, 11, 29, 1, 0,
                                                                    tzinfo=dt.UTC)
    assert aware_utc("2026-11-29", assume=HCM) == dt.datetime(2026, 11, 28, 17, 0,
                                                              tzinfo=dt.UTC)


@pytest.mark.parametrize("text", ["", "   ", "yesterday", "2026-13-01T00:00+07:00",
                                  "2026-11-29T08:00\x00+07:00", "2026-11-29\x00",
                                  "29/11/2026 08:00"])
def test_garbage_and_nul_are_refused(text):
    assert _reason(text, assume=HCM) == datetimes.FORMAT


def test_an_offset_postgresql_would_refuse_is_converted_or_refused():
    # Python reads offsets up to ±23:59; PostgreSQL refuses beyond ±15:59: converted by default
    assert aware_utc("2026-11-29T20:00:00+20:00") == dt.datetime(2026, 11, 29, 0, 0,
                                                                 tzinfo=dt.UTC)
    window = (dt.timedelta(hours=-12), dt.timedelta(hours=14))
    assert _reason("2026-11-29T20:00:00+20:00", offsets=window) == datetimes.OFFSET
    assert _reason("2026-11-29T20:00:00+07:00:30", offsets=window) == datetimes.OFFSET
    assert aware_utc("2026-11-29T20:00:00+14:00", offsets=window).hour == 6


def test_the_calendar_ends_and_a_doors_years_are_refused_by_side():
    assert _reason("0001-01-01T00:00:00+07:00") == datetimes.EARLY
    assert _reason("9999-12-31T23:00:00-07:00") == datetimes.LATE
    years = (2000, 2030)
    assert _reason("1999-12-31T23:00:00+00:00", years=years) == datetimes.EARLY
    # the year counts in UTC: 07:00 on 1 January 2000 in Vietnam is still 1999
    assert _reason("2000-01-01T06:59:00+07:00", years=years) == datetimes.EARLY
    assert _reason("2031-01-01T00:00:00+00:00", years=years) == datetimes.LATE
    # ... and as written: 01:00 on 1 January 2031 in Vietnam is 2030 in UTC, still refused
    assert _reason("2031-01-01T01:00:00+07:00", years=years) == datetimes.LATE
    assert aware_utc("2030-12-31T23:59:00+00:00", years=years).year == 2030


def test_a_query_plus_decoded_as_a_space_is_restored_only_for_queries():
    assert aware_utc("2026-11-29T08:00:00 07:00", query=True).hour == 1
    assert _reason("2026-11-29T08:00:00 07:00") == datetimes.FORMAT


def test_a_parsed_datetime_follows_the_same_rule():
    assert _reason(dt.datetime(2026, 11, 29, 8)) == datetimes.NAIVE
    assert aware_utc(dt.datetime(2026, 11, 29, 8), assume=HCM).hour == 1
    assert aware_utc(dt.datetime(2026, 11, 29, 8, tzinfo=HCM)).hour == 1


@override_settings(TIME_ZONE="Asia/Ho_Chi_Minh")
def test_a_browser_field_gets_the_sites_offset_and_a_bad_one_is_left_for_the_service():
    assert with_site_offset("2026-01-31T20:15") == "2026-01-31T20:15:00+07:00"
    assert with_site_offset("2026-01-31T22:15:00+09:00") == "2026-01-31T20:15:00+07:00"
    assert with_site_offset("31 January") == "31 January"
