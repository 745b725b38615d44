"""The questionnaire: the five SIPAS elements, the five-level scale, the statements.

The elements are those of the Ministry of Home Affairs' method (Quyết định 2640/QĐ-BNV,
kept in 1001/QĐ-BNV): access to the service, the administrative procedure, the civil
servant who handled the case, the result, and how comments and complaints are received
and handled. The statements under each element are the criteria quoted in public
sources (docs/survey.md says which were verified and which are our wording). The scale
and the rule "satisfied = 4 or 5" are documented there too. This is the national method,
not a jurisdiction's particulars, so it lives in code with its translations.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

ELEMENTS = ("access", "procedure", "servant", "result", "feedback")
# The general question ("overall, how satisfied are you …") is asked besides the five.
ITEMS = (*ELEMENTS, "general")
# Answers 4 ("satisfied") and 5 ("very satisfied") count as satisfied.
SATISFIED_FROM = 4
SCALE = (1, 2, 3, 4, 5)
# Elements a resident may leave without an answer (no comment or complaint was made).
OPTIONAL_ELEMENTS = frozenset({"feedback"})
MAX_IMPROVE = 2  # "what should be improved first": at most two elements


@dataclass(frozen=True)
class Statement:
    code: str
    text: Promise


@dataclass(frozen=True)
class Element:
    code: str
    name: Promise
    question: Promise
    statements: tuple[Statement, ...]


def scale_labels() -> dict[int, Promise]:
    return {
        1: _("Very dissatisfied"),
        2: _("Dissatisfied"),
        3: _("Neither satisfied nor dissatisfied"),
        4: _("Satisfied"),
        5: _("Very satisfied"),
    }


def elements() -> tuple[Element, ...]:
    return (
        Element("access", _("Access to the service"),
                _("How satisfied are you with access to the service (the place, signs, "
                  "seats, equipment)?"),
                (Statement("access-signs", _("Signs and directions were clear")),
                 Statement("access-seats", _("There were enough seats and desks")),
                 Statement("access-equipment", _("The equipment was adequate and easy to use")))),
        Element("procedure", _("The administrative procedure"),
                _("How satisfied are you with the administrative procedure?"),
                (Statement("procedure-posted", _("The procedure was posted publicly and in full")),
                 Statement("procedure-as-posted",
                           _("The papers, fees and time limit asked were those posted")))),
        Element("servant", _("The civil servant who handled your case"),
                _("How satisfied are you with the civil servant who handled your case?"),
                (Statement("servant-polite", _("The civil servant was polite")),
                 Statement("servant-answers", _("They answered your questions fully")),
                 Statement("servant-guidance", _("They guided you carefully through the forms")),
                 Statement("servant-rules", _("They followed the rules")))),
        Element("result", _("The result"),
                _("How satisfied are you with the result you received?"),
                (Statement("result-on-time", _("You received the result on the promised date")),
                 Statement("result-correct",
                           _("The result was correct and its information complete")))),
        Element("feedback", _("Comments and complaints"),
                _("If you made a comment or complaint: how satisfied are you with how it "
                  "was received and handled?"),
                (Statement("feedback-channel", _("There was a way to make a comment or complaint")),
                 Statement("feedback-answered", _("You were told the outcome on time")))),
    )


def element_names() -> dict[str, Promise]:
    names = {e.code: e.name for e in elements()}
    names["general"] = _("Overall satisfaction (general question)")
    return names


def statement_codes() -> frozenset[str]:
    return frozenset(s.code for e in elements() for s in e.statements)
