"""Period labels and the values officials type (decimal commas, words for choices)."""

import datetime as dt

import pytest
from django.utils import translation

from smartdistrict.core.errors import InvalidInput
from smartdistrict.targets import periods
from smartdistrict.targets.values import (
    parse_direction,
    parse_flag,
    parse_kind,
    parse_number,
    parse_periodicity,
    parse_year,
)


@pytest.mark.parametrize(
    ("text", "label", "start", "end", "axis"),
    [
        ("2024", "2024", dt.date(2024, 1, 1), dt.date(2024, 12, 31), 2024.0),
        ("2024-Q2", "2024-Q2", dt.date(2024, 4, 1), dt.date(2024, 6, 30), 2023.5),
        ("Q4/2024", "2024-Q4", dt.date(2024, 10, 1), dt.date(2024, 12, 31), 2024.0),
        ("Quý 1/2025", "2025-Q1", dt.date(2025, 1, 1), dt.date(2025, 3, 31), 2024.25),
        ("2024-02", "2024-02", dt.date(2024, 2, 1), dt.date(2024, 2, 29), 2023 + 2 / 12),
        ("T5/2024", "2024-05", dt.date(2024, 5, 1), dt.date(2024, 5, 31), 2023 + 5 / 12),
        ("tháng 12/2023", "2023-12", dt.date(2023, 12, 1), dt.date(2023, 12, 31), 2023.0),
    ],
)
def test_period_labels(text, label, start, end, axis):
    period = periods.parse(text)
    assert (period.label, period.start, period.end) == (label, start, end)
    assert period.axis == pytest.approx(axis)


@pytest.mark.parametrize("text", ["", "24", "2024-Q5", "2024-13", "Q2-2024x", "1900"])
def test_bad_period_labels(text):
    with pytest.raises(InvalidInput):
        periods.parse(text)


@pytest.mark.parametrize(
    ("raw", "value"),
    [
        (19.81, 19.81), (5380, 5380.0), ("19,81", 19.81), ("19.81", 19.81), (" 37,5 % ", 37.5),
        ("1.234.567", 1234567.0), ("1,234,567", 1234567.0), ("1.234,5", 1234.5),
        ("1,234.5", 1234.5), ("-0,5", -0.5), ("5\u00a0380", 5380.0),
    ],
)
def test_numbers_as_officials_type_them(raw, value):
    assert parse_number(raw) == pytest.approx(value)


@pytest.mark.parametrize("raw", ["", "abc", "nan", "inf", True, "12,3,4x"])
def test_not_numbers(raw):
    with pytest.raises(InvalidInput):
        parse_number(raw)


def test_years():
    assert parse_year(2024.0) == 2024
    assert parse_year("2024") == 2024
    for bad in (2024.5, 1800, "năm ngoái"):
        with pytest.raises(InvalidInput):
            parse_year(bad)


@pytest.mark.parametrize(
    ("raw", "value"),
    [("tăng", "higher"), ("Cao hơn là tốt", "higher"), ("higher", "higher"), ("↑", "higher"),
     ("GIẢM", "lower"), ("thap hon la tot", "lower"), ("lower is better", "lower")],
)
def test_directions(raw, value):
    assert parse_direction(raw) == value


def test_choices_in_both_languages_and_defaults():
    assert parse_periodicity("") == "yearly"
    assert parse_periodicity("Quý") == "quarterly"
    assert parse_periodicity("hằng tháng") == "monthly"
    assert parse_kind(None) == "level"
    assert parse_kind("mỗi kỳ") == "each_period"
    with translation.override("en"):
        assert parse_kind("meet the target in every period") == "each_period"
    with pytest.raises(InvalidInput):
        parse_direction("ngang")
    with pytest.raises(InvalidInput):
        parse_periodicity("tuần")


def test_flags():
    assert parse_flag("x") is True
    assert parse_flag("") is False
    assert parse_flag(None) is False
    assert parse_flag("Có") is True
    with pytest.raises(InvalidInput):
        parse_flag("có lẽ")
