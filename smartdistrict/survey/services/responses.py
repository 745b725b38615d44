"""Answering the survey of a dossier: validate, store once, add to the tallies, and open
a feedback report when a score is low or the resident asks for an answer."""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from smartdistrict.core.errors import DomainError, InvalidInput
from smartdistrict.core.text import clean_text
from smartdistrict.survey.models import SCORE_FIELDS, Channel, Dossier, Response
from smartdistrict.survey.questionnaire import (
    ELEMENTS,
    ITEMS,
    MAX_IMPROVE,
    OPTIONAL_ELEMENTS,
    SCALE,
    statement_codes,
)
from smartdistrict.survey.services import reports
from smartdistrict.survey.services.dossiers import dossier_by_token
from smartdistrict.survey.services.tallies import tally_add

log = logging.getLogger(__name__)
COMMENT_MAX = 2000


class AlreadyAnswered(InvalidInput):
    status_code = 409
    code = "already_answered"


@dataclass(frozen=True)
class Submitted:
    response: Response
    report_code: str  # "" when no report was opened
    resident_token: str  # lets the resident follow the report ("" without one)


def _score(value: Any, item: str) -> int | None:
    if value in (None, "", "none"):
        return None
    try:
        score = int(value)
    except (TypeError, ValueError):
        score = 0
    if score not in SCALE:
        raise InvalidInput(_("Choose one of the five answers."), field=item)
    return score


def scores_clean(answers: Mapping[str, Any]) -> dict[str, int | None]:
    scores = {item: _score(answers.get(item), item) for item in ITEMS}
    for item in ITEMS:
        if scores[item] is None and item not in OPTIONAL_ELEMENTS:
            raise InvalidInput(_("Please answer this question."), field=item, code="required")
    return scores


def _choices(values: Iterable[str] | None, allowed: frozenset[str] | tuple, field: str) -> list:
    chosen = [v for v in dict.fromkeys(values or []) if v]
    if any(v not in allowed for v in chosen):
        raise InvalidInput(_("Unknown answer."), field=field)
    return chosen


def low_items(scores: Mapping[str, int | None]) -> list[str]:
    limit = settings.SURVEY_LOW_SCORE
    return [item for item in ITEMS if scores.get(item) is not None and scores[item] <= limit]


def response_submit(
    *,
    token: str,
    answers: Mapping[str, Any],
    statements: Iterable[str] | None = None,
    improve: Iterable[str] | None = None,
    comment: str = "",
    follow_up: bool = False,
    phone: str = "",
    email: str = "",
    channel: str = Channel.QR,
    answered_at: dt.datetime | None = None,
) -> Submitted:
    """Store the answers to the survey of the dossier holding ``token`` (once).

    The answer and its tallies are one transaction. Then, if a score is at or below
    SURVEY_LOW_SCORE or the resident asked to be answered, a report is filed through
    feedback's intake (services.reports); if that fails the answer stays stored and the
    failure is logged, since the resident's answer must not be lost.
    """
    dossier = dossier_by_token(token)
    if Response.objects.filter(dossier=dossier).exists():
        raise AlreadyAnswered(_("This dossier has already been rated. Thank you!"))
    if channel not in Channel.values:
        raise InvalidInput(_("Unknown channel."), field="channel")
    scores = scores_clean(answers)
    ticked = _choices(statements, statement_codes(), "statements")
    improve_first = _choices(improve, ELEMENTS, "improve")
    if len(improve_first) > MAX_IMPROVE:
        raise InvalidInput(_("Choose at most two things to improve."), field="improve")
    text = clean_text(comment or "").strip()
    if len(text) > COMMENT_MAX:
        raise InvalidInput(_("The comment is too long (at most %(n)d characters).")
                           % {"n": COMMENT_MAX}, field="comment")
    low = low_items(scores)
    wants_report = bool(low) or bool(follow_up)
    if wants_report:  # check the contact before anything is stored
        reports.contact_check(phone=phone, email=email)
    response = _store(dossier, scores, ticked, improve_first, text, bool(follow_up), channel,
                      answered_at or timezone.now())
    if not wants_report:
        return Submitted(response, "", "")
    try:
        report, resident_token = reports.report_for(response, low=low, phone=phone,
                                                    email=email)
    except DomainError:
        log.exception("survey: the report for answer %s could not be filed", response.pk)
        return Submitted(response, "", "")
    with transaction.atomic():
        Response.objects.filter(pk=response.pk).update(report_code=report.code)
        response.report_code = report.code
        tally_add(response, {"reports": 1})
    return Submitted(response, report.code, resident_token)


def _store(dossier: Dossier, scores: dict, ticked: list, improve: list, text: str,
           follow_up: bool, channel: str, answered_at: dt.datetime) -> Response:
    values = {SCORE_FIELDS[item]: score for item, score in scores.items()}
    try:
        with transaction.atomic():
            response = Response.objects.create(
                dossier=dossier, unit_id=dossier.unit_id, procedure_id=dossier.procedure_id,
                counter_id=dossier.counter_id, answered_at=answered_at, channel=channel,
                statements=ticked, improve=improve, comment=text,
                asked_follow_up=follow_up, illustrative=dossier.illustrative, **values,
            )
            tally_add(response)
    except IntegrityError:  # the same dossier answered at the same moment elsewhere
        raise AlreadyAnswered(_("This dossier has already been rated. Thank you!")) from None
    return response
