"""The indices read from the tallies equal an independent recomputation from the raw
answers, for several units, procedures, counters and periods; pure-function properties."""

from __future__ import annotations

import datetime as dt
import random
from collections import defaultdict
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given
from hypothesis import strategies as st

from smartdistrict.accounts.models import User
from smartdistrict.accounts.selectors import Scope, scope_for
from smartdistrict.survey import selectors
from smartdistrict.survey.indices import Counts, indices, wilson
from smartdistrict.survey.models import MonthlyTally, Response, TallyScope
from smartdistrict.survey.selectors import Months
from smartdistrict.survey.services.responses import response_submit
from smartdistrict.survey.services.tallies import tallies_rebuild
from smartdistrict.survey.tests.conftest import BINH_QUOI, BINH_THANH, GIA_DINH

HCM = ZoneInfo("Asia/Ho_Chi_Minh")
ELEMENTS = ("access", "procedure", "servant", "result", "feedback")
FIELDS = {"access": "access", "procedure": "procedure_score", "servant": "servant",
          "result": "result", "feedback": "feedback", "general": "general"}
EVERYTHING = Scope(everything=True)


def _answers(make_dossier, settings, n: int = 150, seed: int = 17) -> None:
    """``n`` answers spread over 2025 in three wards, with every score and some "no
    opinion" on the feedback element; some at the edges of months in local time."""
    settings.SURVEY_LOW_SCORE = 0  # no reports: this test is about the indices
    rng = random.Random(seed)
    units = (BINH_QUOI, GIA_DINH, BINH_THANH)
    procedures = ("DEMO-HT-01", "DEMO-HT-02", "DEMO-CT-01", "DEMO-CT-03")
    for i in range(n):
        unit = units[i % 3] if i % 7 else BINH_QUOI  # Bình Quới has the most answers
        when = dt.datetime(2025, 1, 1, tzinfo=HCM) + dt.timedelta(
            minutes=rng.randrange(365 * 24 * 60))
        if i % 40 == 0:  # 00:30 local on the 1st: still the previous month in UTC
            when = dt.datetime(2025, rng.randrange(2, 13), 1, 0, 30, tzinfo=HCM)
        dossier = make_dossier(unit=unit, procedure=rng.choice(procedures),
                               counter_code=rng.choice(("Q1", "Q2", "Q3")),
                               servant="CC01", returned_at=when)
        weights = rng.choice(((1, 1, 2, 5, 4), (3, 3, 2, 2, 1), (0, 1, 1, 3, 6)))
        answers = {item: rng.choices((1, 2, 3, 4, 5), weights)[0] for item in FIELDS}
        if rng.random() < 0.6:
            answers["feedback"] = None
        response_submit(token=dossier.token, answers=answers, answered_at=when,
                        improve=rng.sample(ELEMENTS, rng.randrange(0, 3)))


def _recompute(responses, key) -> dict:
    """Independent recomputation from the raw answers: group, then the share of 4–5 per
    element, then the mean of the elements that have answers."""
    groups = defaultdict(list)
    for response in responses:
        groups[key(response)].append(response)
    found = {}
    for group, rows in groups.items():
        shares = {}
        for item, field in FIELDS.items():
            scores = [getattr(r, field) for r in rows if getattr(r, field) is not None]
            shares[item] = (100 * sum(s >= 4 for s in scores) / len(scores)) if scores else None
        present = [shares[e] for e in ELEMENTS if shares[e] is not None]
        found[group] = {"responses": len(rows), "overall": sum(present) / len(present),
                        **shares}
    return found


def _in(months: Months):
    def inside(response) -> bool:
        day = response.answered_at.astimezone(HCM).date().replace(day=1)
        return months.start <= day <= months.end
    return [r for r in Response.objects.all() if inside(r)]


def _same(line, expected) -> None:
    assert line.indices.responses == expected["responses"]
    assert line.indices.overall == pytest.approx(expected["overall"], abs=1e-9)
    for item in FIELDS:
        value = line.indices.items[item].value
        assert (value is None) == (expected[item] is None)
        if value is not None:
            assert value == pytest.approx(expected[item], abs=1e-9)


PERIODS = [Months.year(2025), Months(dt.date(2025, 4, 1), dt.date(2025, 6, 1)),
           Months(dt.date(2025, 11, 1), dt.date(2025, 11, 1))]


@pytest.mark.django_db
@pytest.mark.parametrize("months", PERIODS, ids=["year", "quarter", "month"])
def test_unit_indices_equal_a_recomputation_from_the_answers(make_dossier, settings, months):
    _answers(make_dossier, settings)
    expected = _recompute(_in(months), lambda r: r.unit.code)
    lines = selectors.by_unit(EVERYTHING, months)
    assert {line.code for line in lines} == set(expected)
    for line in lines:
        _same(line, expected[line.code])
    everyone = _recompute(_in(months), lambda r: "all")["all"]
    _same(selectors.total(EVERYTHING, months), everyone)


@pytest.mark.django_db
def test_procedure_counter_and_month_indices_equal_a_recomputation(make_dossier, settings):
    _answers(make_dossier, settings)
    months = Months(dt.date(2025, 1, 1), dt.date(2025, 9, 1))
    unit = Response.objects.filter(unit__code=BINH_QUOI).first().unit
    answers = [r for r in _in(months) if r.unit_id == unit.id]
    for kind, key in ((TallyScope.PROCEDURE, lambda r: r.procedure.code),
                      (TallyScope.COUNTER, lambda r: r.counter.code)):
        expected = _recompute(answers, key)
        lines = selectors.by_key(EVERYTHING, months, unit.id, kind)
        assert {line.code for line in lines} == set(expected)
        for line in lines:
            _same(line, expected[line.code])
    by_month = _recompute(answers, lambda r: r.answered_at.astimezone(HCM).strftime("%m/%Y"))
    trend = selectors.by_month(EVERYTHING, months, {unit.id})
    assert len(trend) == 9
    for line in trend:
        _same(line, by_month[line.code])


@pytest.mark.django_db
def test_scope_and_rebuild(make_dossier, settings):
    _answers(make_dossier, settings, n=90)
    months = Months.year(2025)
    officer = User.objects.get(username="canbo.binhquoi")
    lines = selectors.by_unit(scope_for(officer), months)
    assert [line.code for line in lines] == [BINH_QUOI]
    leader = User.objects.get(username="lanhdao")
    assert len(selectors.by_unit(scope_for(leader), months)) == 3
    before = {(t.scope, t.unit_id, t.key, t.month): t.__dict__.copy()
              for t in MonthlyTally.objects.all()}
    assert tallies_rebuild() == len(before)
    after = {(t.scope, t.unit_id, t.key, t.month): t.__dict__
             for t in MonthlyTally.objects.all()}
    assert before.keys() == after.keys()
    for key, row in after.items():
        for name, value in row.items():
            if name not in ("_state", "id"):
                assert before[key][name] == value, (key, name)


@pytest.mark.django_db
def test_few_answers_are_flagged_and_not_ranked(make_dossier, settings):
    settings.SURVEY_FEW_ANSWERS = 5
    _answers(make_dossier, settings, n=21)
    lines = selectors.by_unit(EVERYTHING, Months.year(2025))
    ranked = [line for line in lines if line.rank is not None]
    assert all(line.indices.responses >= 5 for line in ranked)
    assert all(line.few for line in lines if line.rank is None)
    overall = [line.indices.overall for line in ranked]
    assert overall == sorted(overall, reverse=True)


@given(st.integers(min_value=1, max_value=10_000), st.data())
def test_wilson_interval_contains_the_share(n, data):
    k = data.draw(st.integers(min_value=0, max_value=n))
    low, high = wilson(k, n)
    assert 0 <= low <= k / n <= high <= 1


@given(st.lists(st.tuples(st.integers(0, 500), st.integers(0, 500)), min_size=5, max_size=5))
def test_overall_is_the_mean_of_the_element_indices(pairs):
    counts = {e: Counts(n + s, s, 4 * s + 2 * n) for e, (n, s) in zip(ELEMENTS, pairs,
                                                                          strict=True)}
    found = indices(counts, responses=1000, few_answers=30)
    values = [100 * c.satisfied / c.n for c in counts.values() if c.n]
    if values:
        assert found.overall == pytest.approx(sum(values) / len(values))
        assert 0 <= found.overall <= 100
    else:
        assert found.overall is None
