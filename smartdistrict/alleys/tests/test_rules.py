"""The pure rules: the ballot threshold, the split adding up, shares with exemptions."""

from __future__ import annotations

from decimal import Decimal
from fractions import Fraction

import pytest
from hypothesis import given
from hypothesis import strategies as st

from smartdistrict.alleys.ballot_rule import Tally
from smartdistrict.alleys.money import Split, item_amount, share_out


def tally(eligible, yes, no=0, abstain=0, threshold="50"):
    return Tally(eligible=eligible, yes=yes, no=no, abstain=abstain,
                 threshold_percent=Decimal(threshold))


@pytest.mark.parametrize(("eligible", "yes", "passed"), [
    (10, 5, False),   # exactly half is not more than half
    (10, 6, True),
    (25, 12, False),  # 48 %
    (25, 13, True),   # 52 %: the smallest majority of 25
    (1, 1, True),
    (1, 0, False),
    (2, 1, False),
    (0, 0, False),    # nobody listed: nothing decided
])
def test_more_than_half_of_all_households(eligible, yes, passed):
    assert tally(eligible, yes).passed is passed


def test_households_that_did_not_vote_count_against():
    # 8 of 10 voted, 5 of them in favour: a majority of those who voted, not of all.
    result = tally(10, 5, no=2, abstain=1)
    assert result.voted == 8 and result.not_voted == 2
    assert result.yes_percent == 50.0 and not result.passed
    assert result.needed == 6


@pytest.mark.parametrize(("threshold", "eligible", "needed"), [
    ("50", 24, 13), ("50", 25, 13), ("66.67", 30, 21), ("75", 20, 16), ("0", 7, 1),
])
def test_needed_is_the_smallest_count_strictly_above_the_threshold(threshold, eligible, needed):
    assert tally(eligible, needed, threshold=threshold).passed
    assert not tally(eligible, needed - 1, threshold=threshold).passed


@given(st.integers(1, 400), st.integers(0, 400), st.sampled_from(["50", "60", "66.67", "75"]))
def test_the_rule_is_yes_times_100_above_threshold_times_all(eligible, yes, threshold):
    yes = min(yes, eligible)
    expected = Fraction(yes * 100) > Fraction(threshold) * eligible
    assert tally(eligible, yes, threshold=threshold).passed is expected


def test_a_tally_cannot_have_more_votes_than_households():
    with pytest.raises(ValueError):
        tally(3, 2, no=2)


def test_the_split_adds_up_only_to_the_estimate():
    assert Split(100, 60, 40, 0).adds_up
    assert not Split(100, 60, 30, 0).adds_up and Split(100, 60, 30, 0).difference_vnd == 10
    assert not Split(100, 60, 50, 0).adds_up and Split(100, 60, 50, 0).difference_vnd == -10
    assert not Split(0, 0, 0, 0).adds_up  # nothing estimated: nothing to decide
    assert Split(110_000_000, 0, 110_000_000, 0).resident_funded
    assert not Split(100, 1, 99, 0).resident_funded


def test_item_amounts_round_half_up_to_the_dong():
    assert item_amount("2.5", 1001) == 2503  # 2502.5
    assert item_amount("120", 450_000) == 54_000_000


def test_exempt_households_pay_nothing_and_the_rest_share_their_part():
    weights = [Fraction(1), Fraction(0), Fraction(1, 2), Fraction(1)]
    shares = share_out(25_000_000, weights)
    assert sum(shares) == 25_000_000
    assert shares[1] == 0
    assert shares[0] == shares[3] == 10_000_000 and shares[2] == 5_000_000


def test_shares_are_thousands_and_add_up_to_an_odd_total():
    shares = share_out(110_000_500, [Fraction(1)] * 25)
    assert sum(shares) == 110_000_500
    assert all(s % 1000 == 0 for s in shares[1:])
    assert max(shares) - min(shares) <= 1500


def test_everybody_exempt_cannot_share_a_households_part():
    with pytest.raises(ValueError):
        share_out(1_000_000, [Fraction(0), Fraction(0)])
    assert share_out(0, [Fraction(0), Fraction(0)]) == [0, 0]


@given(st.integers(0, 10**11), st.lists(st.sampled_from([0, 1, 2, 4]), min_size=1, max_size=60))
def test_shares_always_add_up(total, quarters):
    weights = [Fraction(q, 4) for q in quarters]
    if not any(weights) and total:
        return
    shares = share_out(total, weights)
    assert sum(shares) == total
    assert all(s >= 0 for s in shares)
    assert all(s == 0 for s, w in zip(shares, weights, strict=True) if w == 0)
