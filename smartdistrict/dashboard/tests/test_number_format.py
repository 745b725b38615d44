"""Figures are written in the viewer's language: thousands grouped, decimal comma in
Vietnamese (Django's Vietnamese formats define no grouping)."""

from django.utils import translation

from smartdistrict.dashboard.presenters import number


def test_numbers_are_grouped_in_the_viewers_language():
    with translation.override("vi"):
        assert number(1234.5, 1) == "1.234,5" and number(14_500_000) == "14.500.000"
    with translation.override("en"):
        assert number(1234.5, 1) == "1,234.5"
