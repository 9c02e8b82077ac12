"""DOMAIN.md §1, §2 arithmetic, as pure functions."""

import pytest

from consultations import tally


def test_exactly_two_thirds_meets_the_representatives_quorum():
    assert tally.quorum_met(tally.REPRESENTATIVES, 18, 27)  # 18/27 = 2/3 exactly: "三分之二以上" includes it
    assert not tally.quorum_met(tally.REPRESENTATIVES, 17, 27)
    assert tally.quorum_met(tally.VILLAGER_GROUP, 2, 3)
    assert not tally.quorum_met(tally.VILLAGER_GROUP, 1, 2)


def test_exactly_half_is_not_a_majority():
    assert not tally.majority(5, 10)
    assert tally.majority(6, 10)
    assert not tally.quorum_met(tally.ASSEMBLY, 450, 900)  # "过半数" excludes half
    assert tally.quorum_met(tally.ASSEMBLY, 451, 900)


def test_abstentions_count_as_present_not_yes():
    # 10 took part: 5 yes, 3 no, 2 abstain → 5 is not more than half of 10.
    result = tally.outcome(tally.SIMPLE_MAJORITY, votes_for=5, participants=10, eligible=20)
    assert result.quorum_met and not result.passed
    assert tally.outcome(tally.SIMPLE_MAJORITY, 6, 10, 20).passed


def test_no_quorum_means_no_pass_even_if_unanimous():
    result = tally.outcome(tally.REPRESENTATIVES, votes_for=17, participants=17, eligible=27)
    assert not result.quorum_met and not result.passed


def test_simple_majority_needs_at_least_one_vote():
    nobody = tally.outcome(tally.SIMPLE_MAJORITY, 0, 0, 10)
    assert not nobody.quorum_met and not nobody.passed
    assert tally.quorum(tally.SIMPLE_MAJORITY, 0, 10) == (False, "")
    assert tally.quorum(tally.SIMPLE_MAJORITY, 1, 10) == (True, "")
    assert tally.outcome(tally.SIMPLE_MAJORITY, 1, 1, 10).passed


@pytest.mark.parametrize("rule", [tally.ASSEMBLY, tally.REPRESENTATIVES, tally.VILLAGER_GROUP])
def test_no_one_eligible_is_never_a_quorum(rule):
    # An empty register is a missing figure, not a body that everybody attended (0 ≥ 2/3 of 0).
    assert not tally.quorum_met(rule, 0, 0)
    assert not tally.quorum_met(rule, 3, 0)
    assert not tally.outcome(rule, 3, 3, 0).passed


def test_unknown_rule_is_refused():
    with pytest.raises(ValueError):
        tally.quorum_met("whatever", 1, 1)


def test_turnout_and_bar_width_are_integers():
    assert tally.turnout_permille(2, 3) == 667
    assert tally.turnout_permille(0, 0) == 0
    assert tally.bar_width(1, 3, 300) == 100
    assert tally.bar_width(0, 0) == 0


def test_household_alternatives_of_the_assembly_and_villager_group():
    # Assembly: 400 of 900 adults is not more than half, but 200 of 300 households is two thirds: valid.
    assert tally.quorum_met(tally.ASSEMBLY, 400, 900, households=200, eligible_households=300)
    assert not tally.quorum_met(tally.ASSEMBLY, 400, 900, households=199, eligible_households=300)
    # Villager group: persons short of two thirds, households at exactly two thirds.
    assert tally.quorum_met(tally.VILLAGER_GROUP, 10, 30, households=8, eligible_households=12)
    assert not tally.quorum_met(tally.VILLAGER_GROUP, 10, 30, households=7, eligible_households=12)
    # No household figures: the alternative cannot be met by 0 ≥ 2/3 of 0.
    assert not tally.quorum_met(tally.ASSEMBLY, 400, 900, households=0, eligible_households=0)
    # The representatives' meeting has no household alternative.
    assert not tally.quorum_met(tally.REPRESENTATIVES, 17, 27, households=27, eligible_households=27)


def test_outcome_explains_the_arithmetic_in_words():
    from django.utils import translation

    with translation.override("en"):
        result = tally.outcome(tally.ASSEMBLY, 150, 200, 900, households=200, eligible_households=300)
    assert result.passed and "households" in result.explanation and "two thirds" in result.explanation
