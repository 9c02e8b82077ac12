"""Every rule of DOMAIN.md §2, table-driven, with the boundaries on both sides."""

import pytest
from django.utils import translation

from council import quorum
from council.quorum import (
    ADVISORY,
    ASSEMBLY,
    BINDING,
    COUNCIL,
    GROUP,
    REFUSED,
    REPRESENTATIVES,
    CouncilRule,
    Counts,
    Eligible,
    Fraction,
    Present,
    evaluate,
)

VILLAGE = Eligible(adults=100, households=30, representatives=27, members=11)

# kind, present persons, present households, yes, no, abstain, valid, passed
CASES = [
    # Assembly: more than half the adults (50 of 100 is not enough), or two thirds of the households.
    (ASSEMBLY, 51, 0, 26, 0, 0, True, True),
    (ASSEMBLY, 50, 0, 50, 0, 0, False, False),
    (ASSEMBLY, 50, 20, 26, 0, 0, True, True),  # valid by households (20 × 3 ≥ 30 × 2) though not by adults
    (ASSEMBLY, 50, 19, 26, 0, 0, False, False),  # one household fewer
    (ASSEMBLY, 51, 0, 25, 0, 0, True, True),  # 25 × 2 = 50 ≤ 51? no: see below
    (ASSEMBLY, 60, 0, 30, 20, 10, True, False),  # exactly half of those present in favour fails
    (ASSEMBLY, 60, 0, 31, 0, 29, True, True),  # abstentions count as present
    (ASSEMBLY, 60, 0, 30, 0, 0, True, False),  # those present who did not vote still count
    # Representatives: two thirds of 27 is 18.
    (REPRESENTATIVES, 18, 0, 10, 8, 0, True, True),
    (REPRESENTATIVES, 17, 0, 17, 0, 0, False, False),
    (REPRESENTATIVES, 18, 0, 9, 0, 9, True, False),  # exactly half
    (REPRESENTATIVES, 27, 0, 14, 13, 0, True, True),
    # Villager group (100 adults, 30 households on its roll in this table).
    (GROUP, 67, 0, 34, 0, 0, True, True),
    (GROUP, 66, 0, 66, 0, 0, False, False),
    (GROUP, 10, 20, 6, 4, 0, True, True),  # valid by households
    (GROUP, 10, 19, 10, 0, 0, False, False),
    (GROUP, 67, 0, 33, 1, 33, True, False),  # abstentions present, 33 × 2 = 66 ≤ 67
    # Council default: 2/3 of 11 members is 7.33, so 8 are needed.
    (COUNCIL, 8, 0, 5, 3, 0, True, True),
    (COUNCIL, 7, 0, 7, 0, 0, False, False),
    (COUNCIL, 9, 0, 5, 4, 0, True, True),
    (COUNCIL, 8, 0, 4, 0, 4, True, False),  # exactly half
]
# Correct the one deliberately confusing row above: 25 × 2 = 50 is not more than 51.
CASES[4] = (ASSEMBLY, 51, 0, 25, 0, 0, True, False)


@pytest.mark.parametrize(("kind", "persons", "households", "yes", "no", "abstain", "valid", "passed"), CASES)
def test_rules_of_domain_section_2(kind, persons, households, yes, no, abstain, valid, passed):
    result = evaluate(kind, VILLAGE, Present(persons, households), Counts(yes, no, abstain))
    assert (result.valid, result.passed) == (valid, passed)


@pytest.mark.parametrize(
    ("members", "present", "valid"),
    [(9, 6, True), (9, 5, False), (12, 8, True), (12, 7, False), (3, 2, True), (3, 1, False), (11, 8, True)],
)
def test_exactly_two_thirds_is_valid_one_fewer_is_not(members, present, valid):
    result = evaluate(COUNCIL, Eligible(members=members), Present(present), Counts(yes=present))
    assert result.valid is valid


@pytest.mark.parametrize(("present", "yes", "passed"), [(10, 5, False), (10, 6, True), (9, 5, True), (9, 4, False)])
def test_exactly_half_in_favour_fails(present, yes, passed):
    result = evaluate(REPRESENTATIVES, Eligible(representatives=10), Present(present), Counts(yes=yes))
    assert result.passed is passed


def test_group_uses_its_own_roll_not_the_village():
    group = Eligible(adults=30, households=12, representatives=27, members=11)
    assert evaluate(GROUP, group, Present(20), Counts(yes=11)).valid
    assert not evaluate(GROUP, group, Present(19, 7), Counts(yes=11)).valid
    assert evaluate(GROUP, group, Present(19, 8), Counts(yes=11)).valid


@pytest.mark.parametrize(
    ("rule", "present", "yes", "valid", "passed"),
    [
        (CouncilRule(quorum=Fraction(1, 2), majority=Fraction(1, 2)), 6, 4, True, True),
        (CouncilRule(quorum=Fraction(1, 2), majority=Fraction(1, 2)), 5, 5, True, True),  # 5 of 10 is "at least" 1/2
        (CouncilRule(quorum=Fraction(1, 2), majority=Fraction(1, 2)), 4, 4, False, False),
        (CouncilRule(quorum=Fraction(1, 2), majority=Fraction(1, 2)), 6, 3, True, False),  # 3 of 6 is not > 1/2
        (CouncilRule(quorum=Fraction(2, 3), majority=Fraction(2, 3)), 7, 5, True, True),
        (CouncilRule(quorum=Fraction(2, 3), majority=Fraction(2, 3)), 9, 6, True, False),  # 6 of 9 is not > 2/3
    ],
)
def test_council_thresholds_come_from_its_charter(rule, present, yes, valid, passed):
    # quorum is "at least", majority is "more than" (民法典 art. 1259)
    rule_members = Eligible(members=10)
    result = evaluate(COUNCIL, rule_members, Present(present), Counts(yes=yes), rule=rule)
    assert (result.valid, result.passed) == (valid, passed)


def test_no_floats_large_numbers_exact():
    # 2/3 of 3 000 000 001 is not an integer: floats would round; integers do not.
    total = 3_000_000_001
    needed = Fraction(2, 3).min_at_least(total)
    assert needed == 2_000_000_001
    assert evaluate(REPRESENTATIVES, Eligible(representatives=total), Present(needed), Counts(yes=0)).valid
    assert not evaluate(REPRESENTATIVES, Eligible(representatives=total), Present(needed - 1), Counts(yes=0)).valid


@pytest.mark.parametrize(
    ("kind", "reserved", "delegated", "force"),
    [
        (ASSEMBLY, True, False, BINDING),
        (REPRESENTATIVES, True, True, BINDING),
        (REPRESENTATIVES, True, False, REFUSED),
        (COUNCIL, True, False, ADVISORY),
        (COUNCIL, True, True, ADVISORY),
        (GROUP, True, False, ADVISORY),
        (COUNCIL, False, False, BINDING),
        (REPRESENTATIVES, False, False, BINDING),
    ],
)
def test_reserved_matters_vcol_24(kind, reserved, delegated, force):
    assert quorum.decision_force(kind, reserved, delegated) == force


def test_council_vote_on_reserved_matter_is_advisory():
    result = evaluate(COUNCIL, VILLAGE, Present(9), Counts(yes=9), reserved=True)
    assert result.valid and result.passed and result.advisory


def test_more_votes_than_present_is_refused():
    with pytest.raises(quorum.CountError):
        evaluate(COUNCIL, VILLAGE, Present(5), Counts(yes=4, no=1, abstain=1))


def test_explanation_states_the_arithmetic_in_chinese():
    with translation.override("zh-hans"):
        result = evaluate(COUNCIL, Eligible(members=11), Present(9), Counts(yes=6, no=2, abstain=1))
        assert result.explanation == "有效：到会 9 人 ≥ 应到 11 人的三分之二；通过：赞成 6 票，超过到会 9 人的半数"
        failed = evaluate(COUNCIL, Eligible(members=11), Present(7), Counts(yes=6))
        assert "无效" in failed.explanation and "需 8 人" in failed.explanation


def test_explanation_in_english():
    with translation.override("en"):
        result = evaluate(ASSEMBLY, VILLAGE, Present(50, 20), Counts(yes=26))
    assert "but 20 households represented ≥ two thirds of the 30 households" in result.explanation
    assert "passed: 26 in favour, more than half of the 50 present" in result.explanation


# A base of zero is a register figure never entered: the alternative it belongs to does not exist, so
# "0 ≥ 2/3 of 0" (or "1 > half of 0") never makes a meeting valid. Every kind, every missing base.
# kind, eligible, present persons, present households, valid
ZERO_BASES = [
    # The bug as found: a villager group with households left at 0, 2 of 30 adults present.
    (GROUP, Eligible(adults=30, households=0), 2, 0, False),
    (GROUP, Eligible(adults=30, households=0), 20, 0, True),  # two thirds of the adults still counts
    (GROUP, Eligible(adults=30, households=0), 19, 0, False),
    (GROUP, Eligible(adults=0, households=12), 0, 8, True),  # the households alternative alone
    (GROUP, Eligible(adults=0, households=12), 30, 7, False),  # persons do not count without an adults base
    (GROUP, Eligible(adults=0, households=0), 0, 0, False),
    (GROUP, Eligible(adults=0, households=0), 5, 5, False),
    (ASSEMBLY, Eligible(adults=100, households=0), 50, 0, False),
    (ASSEMBLY, Eligible(adults=100, households=0), 51, 0, True),
    (ASSEMBLY, Eligible(adults=0, households=30), 1, 0, False),  # "1 > half of 0" is no majority of nobody
    (ASSEMBLY, Eligible(adults=0, households=30), 0, 20, True),
    (ASSEMBLY, Eligible(adults=0, households=30), 0, 19, False),
    (ASSEMBLY, Eligible(adults=0, households=0), 0, 0, False),
    (ASSEMBLY, Eligible(adults=0, households=0), 3, 3, False),
    (REPRESENTATIVES, Eligible(representatives=0), 0, 0, False),
    (REPRESENTATIVES, Eligible(representatives=0), 4, 0, False),
    (COUNCIL, Eligible(members=0), 0, 0, False),
    (COUNCIL, Eligible(members=0), 3, 0, False),
]


@pytest.mark.parametrize(("kind", "eligible", "persons", "households", "valid"), ZERO_BASES)
def test_an_alternative_without_a_base_is_no_alternative(kind, eligible, persons, households, valid):
    result = evaluate(kind, eligible, Present(persons, households), Counts(yes=persons))
    assert result.valid is valid
    assert result.passed is (valid and persons > 0)
    assert quorum.quorum(kind, eligible, Present(persons, households))[0] is valid


@pytest.mark.parametrize(
    ("kind", "eligible", "missing"),
    [
        (GROUP, Eligible(adults=30, households=0), ["households"]),
        (GROUP, Eligible(adults=0, households=0), ["adults", "households"]),
        (GROUP, Eligible(adults=30, households=12), []),
        (ASSEMBLY, Eligible(adults=0, households=30), ["adults"]),
        (ASSEMBLY, Eligible(adults=100, households=30), []),
        (REPRESENTATIVES, Eligible(adults=100, households=30), ["representatives"]),
        (REPRESENTATIVES, Eligible(representatives=27), []),
        (COUNCIL, Eligible(adults=100), ["members"]),
        (COUNCIL, Eligible(members=11), []),
    ],
)
def test_missing_bases_names_the_figures_to_ask_for(kind, eligible, missing):
    assert quorum.missing_bases(kind, eligible) == missing


def test_missing_base_is_explained_in_english():
    with translation.override("en"):
        group = evaluate(GROUP, Eligible(adults=30, households=0), Present(2, 0), Counts(yes=2))
        council = evaluate(COUNCIL, Eligible(members=0), Present(3), Counts(yes=3))
        explanations = group.explanation, council.explanation
    assert explanations[0] == (
        "Not valid: 2 present, fewer than two thirds of the 30 expected (20 needed); "
        "no number of households is on the register, so their quorum cannot be judged; no decision can be taken"
    )
    assert explanations[1].startswith("Not valid: no voting council members are on record")


def test_missing_base_is_explained_in_simplified_chinese():
    with translation.override("zh-hans"):
        explanation = evaluate(ASSEMBLY, Eligible(adults=0, households=0), Present(3, 3), Counts(yes=3)).explanation
    assert explanation == (
        "无效：登记中没有18周岁以上村民人数，无法判断其到会人数是否达到法定人数；"
        "登记中没有总户数，无法判断其到会户数是否达到法定人数；所议事项不发生效力"
    )


@pytest.mark.parametrize(("numerator", "denominator"), [(0, 1), (1, 1), (1, 2), (2, 3), (3, 3)])
def test_a_fraction_from_zero_to_one_is_a_threshold(numerator, denominator):
    assert Fraction(numerator, denominator).at_least(denominator, denominator)


@pytest.mark.parametrize(("numerator", "denominator"), [(4, 3), (2, 1), (-1, 2), (1, 0), (0, 0), (1, -2)])
def test_a_fraction_outside_zero_to_one_is_refused(numerator, denominator):
    with pytest.raises(ValueError, match="between 0 and 1"):
        Fraction(numerator, denominator)
