"""The jurisdiction's name for every page ("Toàn thành phố", the city's name).

Lazy: a page that does not show them costs no query.
"""

from __future__ import annotations

from django.http import HttpRequest
from django.utils.functional import lazy

from smartdistrict.geography.selectors import jurisdiction, whole_jurisdiction_label


def _name(english: bool = False) -> str:
    profile = jurisdiction()
    if profile is None:
        return ""
    return (profile.name_en or profile.name) if english else profile.name


def jurisdiction_names(request: HttpRequest) -> dict:
    return {
        "jurisdiction_name": lazy(_name, str)(),
        "jurisdiction_name_en": lazy(_name, str)(True),
        "whole_jurisdiction": lazy(whole_jurisdiction_label, str)(),
    }
