"""Figures are written in the viewer's language: thousands grouped, decimal comma in
Vietnamese. The grouping has one home (core/formats: Django's Vietnamese formats define
none), used by the dashboard, the targets and the alleys alike."""

from django.utils import translation

from smartdistrict.alleys.formats import vnd
from smartdistrict.dashboard.presenters import number
from smartdistrict.targets.explain import number as target_number


def test_numbers_are_grouped_in_the_viewers_language():
    with translation.override("vi"):
        assert number(1234.5, 1) == "1.234,5" and number(14_500_000) == "14.500.000"
        assert target_number(17300) == "17.300" and target_number(19.81) == "19,81"
        assert vnd(1_500_000) == "1.500.000 đ"
    with translation.override("en"):
        assert number(1234.5, 1) == "1,234.5"
        assert target_number(17300) == "17,300"
        assert vnd(1_500_000) == "1,500,000 VND"
