"""Exact results and words of council.quorum at the smallest bases (1 and 0), written to kill the mutants that
the rule tables in test_quorum.py let live (docs/mutation.md): each explanation is pinned in English, whole."""

import pytest
from django.utils import translation

from council import quorum
from council.quorum import (
    ADVISORY,
    ASSEMBLY,
    BINDING,
    COUNCIL,
    GROUP,
    HALF,
    REFUSED,
    REPRESENTATIVES,
    TWO_THIRDS,
    CouncilRule,
    CountError,
    Counts,
    Eligible,
    Fraction,
    Present,
    evaluate,
)

NO_ADULTS = "no number of adult villagers is on the register, so their quorum cannot be judged"
NO_HOUSEHOLDS = "no number of households is on the register, so their quorum cannot be judged"

# kind, eligible, present, valid, explanation: a base of one (the smallest real register) and the missing ones.
SMALL_BASES = [
    (
        ASSEMBLY,
        Eligible(adults=1),
        Present(1),
        True,
        "Valid: 1 adults present, more than half of the 1 adult villagers",
    ),
    (
        ASSEMBLY,
        Eligible(adults=2),
        Present(1),
        False,
        f"Not valid: 1 adults present, not more than half of the 2 adult villagers (2 needed); {NO_HOUSEHOLDS}",
    ),
    (
        ASSEMBLY,
        Eligible(households=1),
        Present(0, 1),
        True,
        f"Valid: 1 households represented ≥ two thirds of the 1 households; {NO_ADULTS}",
    ),
    (
        ASSEMBLY,
        Eligible(households=3),
        Present(0, 1),
        False,
        f"Not valid: 1 households represented, fewer than two thirds of the 3 households (2 needed); {NO_ADULTS}",
    ),
    (ASSEMBLY, Eligible(), Present(0), False, f"Not valid: {NO_ADULTS}; {NO_HOUSEHOLDS}"),
    (
        ASSEMBLY,
        Eligible(adults=2, households=1),
        Present(1, 1),
        True,
        "Valid: 1 adults present is not more than half of the 2 adult villagers, "
        "but 1 households represented ≥ two thirds of the 1 households",
    ),
    (
        ASSEMBLY,
        Eligible(adults=2, households=3),
        Present(1, 1),
        False,
        "Not valid: 1 adults present, not more than half of the 2 adult villagers (2 needed), and 1 households "
        "represented, fewer than two thirds of the 3 households (2 needed)",
    ),
    (GROUP, Eligible(adults=1), Present(1), True, "Valid: 1 present ≥ two thirds of the 1 expected"),
    (
        GROUP,
        Eligible(adults=3),
        Present(1),
        False,
        f"Not valid: 1 present, fewer than two thirds of the 3 expected (2 needed); {NO_HOUSEHOLDS}",
    ),
    (
        GROUP,
        Eligible(households=1),
        Present(0, 1),
        True,
        "Valid: 1 households represented ≥ two thirds of the 1 households",
    ),
    (
        GROUP,
        Eligible(households=3),
        Present(0, 1),
        False,
        f"Not valid: {NO_ADULTS}; Not valid: 1 households represented, fewer than two thirds of the 3 households "
        "(2 needed)",
    ),
    (
        GROUP,
        Eligible(adults=3, households=1),
        Present(1, 1),
        True,
        "Valid: 1 households represented ≥ two thirds of the 1 households",
    ),
    (
        GROUP,
        Eligible(adults=3, households=3),
        Present(1, 1),
        False,
        "Not valid: 1 present, fewer than two thirds of the 3 expected (2 needed); "
        "Not valid: 1 households represented, fewer than two thirds of the 3 households (2 needed)",
    ),
    (GROUP, Eligible(), Present(0), False, f"Not valid: {NO_ADULTS}; {NO_HOUSEHOLDS}"),
    (REPRESENTATIVES, Eligible(representatives=1), Present(1), True, "Valid: 1 present ≥ two thirds of the 1 expected"),
    (
        REPRESENTATIVES,
        Eligible(),
        Present(0),
        False,
        "Not valid: no number of representatives is on the register, so their quorum cannot be judged",
    ),
    (COUNCIL, Eligible(members=1), Present(1), True, "Valid: 1 present ≥ two thirds of the 1 expected"),
    (
        COUNCIL,
        Eligible(),
        Present(0),
        False,
        "Not valid: no voting council members are on record, so the quorum cannot be judged",
    ),
]


@pytest.mark.parametrize(("kind", "eligible", "present", "valid", "explanation"), SMALL_BASES)
def test_quorum_at_the_smallest_bases_in_english(kind, eligible, present, valid, explanation):
    with translation.override("en"):
        assert quorum.quorum(kind, eligible, present) == (valid, explanation)


def test_the_guard_on_a_missing_base_holds_on_its_own():
    # _assembly and _group never reach it with a zero base: the guard is what a new caller relies on.
    with translation.override("en"):
        assert quorum._quorum_at_least(TWO_THIRDS, 0, 0) == (False, f"Not valid: {NO_ADULTS}")
        assert quorum._quorum_at_least(TWO_THIRDS, 0, 0, households=True) == (False, f"Not valid: {NO_HOUSEHOLDS}")
        assert quorum._quorum_at_least(TWO_THIRDS, 1, 1) == (True, "Valid: 1 present ≥ two thirds of the 1 expected")


@pytest.mark.parametrize("kind", ["meeting", ""])
def test_an_unknown_kind_is_named(kind):
    with pytest.raises(ValueError, match=rf"^unknown meeting kind {kind!r}$"):
        quorum.missing_bases(kind, Eligible(adults=1))
    with pytest.raises(ValueError, match=rf"^unknown meeting kind {kind!r}$"):
        quorum.quorum(kind, Eligible(adults=1), Present(1))


def test_a_base_of_one_is_a_base():
    assert quorum.missing_bases(REPRESENTATIVES, Eligible(representatives=1)) == []
    assert quorum.missing_bases(GROUP, Eligible(adults=1, households=1)) == []


@pytest.mark.parametrize(
    ("present", "counts"),
    [
        (Present(-1), Counts(0)),
        (Present(1, -1), Counts(0)),
        (Present(1), Counts(-1)),
        (Present(1), Counts(0, -1)),
        (Present(1), Counts(0, 0, -1)),
    ],
)
def test_each_negative_count_is_refused_as_negative(present, counts):
    with translation.override("en"), pytest.raises(CountError, match=r"^Counts cannot be negative\.$"):
        quorum.check_counts(present, counts)


def test_more_votes_than_present_names_both_numbers():
    with translation.override("en"), pytest.raises(CountError) as refused:
        quorum.check_counts(Present(5), Counts(yes=2, no=2, abstain=2))
    assert str(refused.value) == "6 votes were counted but only 5 people were present."


def test_the_range_check_says_why():
    with pytest.raises(ValueError, match=r"^a threshold is a fraction between 0 and 1$"):
        Fraction(2, 1)


@pytest.mark.parametrize(
    ("fraction", "whole", "needed"),
    [(HALF, 0, 1), (HALF, 9, 5), (HALF, 10, 6), (TWO_THIRDS, 3, 3), (TWO_THIRDS, 9, 7), (Fraction(1, 3), 6, 3)],
)
def test_fewest_needed_for_more_than(fraction, whole, needed):
    assert fraction.min_more_than(whole) == needed
    assert type(fraction.min_more_than(whole)) is int


@pytest.mark.parametrize(
    ("fraction", "label"),
    [(HALF, "half"), (TWO_THIRDS, "two thirds"), (Fraction(1, 3), "one third"), (Fraction(3, 4), "3/4")],
)
def test_fraction_labels_in_english(fraction, label):
    with translation.override("en"):
        assert fraction.label() == label


def test_a_group_passes_by_half_whatever_a_council_charter_says():
    rule = CouncilRule(majority=TWO_THIRDS)
    with translation.override("en"):
        group = evaluate(GROUP, Eligible(adults=3), Present(3), Counts(yes=2, no=1), rule=rule)
        council = evaluate(COUNCIL, Eligible(members=3), Present(3), Counts(yes=2, no=1), rule=rule)
        assert group.passed and group.explanation == (
            "Valid: 3 present ≥ two thirds of the 3 expected; passed: 2 in favour, more than half of the 3 present"
        )
        assert not council.passed and council.explanation == (
            "Valid: 3 present ≥ two thirds of the 3 expected; "
            "failed: 2 in favour, not more than two thirds of the 3 present (3 needed)"
        )


def test_a_reserved_matter_before_a_group_is_advice_in_words():
    with translation.override("en"):
        result = evaluate(GROUP, Eligible(adults=3), Present(3), Counts(yes=2), reserved=True)
    assert result.advisory
    assert result.lines[-1] == "advisory only: to be decided by the village assembly"


@pytest.mark.parametrize(("kind", "advisory"), [(ASSEMBLY, False), (REPRESENTATIVES, False), (COUNCIL, True)])
def test_only_reserved_matters_outside_the_assembly_are_advice(kind, advisory):
    eligible = Eligible(adults=3, representatives=3, members=3)
    assert evaluate(kind, eligible, Present(3), Counts(yes=2), reserved=True).advisory is advisory
    assert evaluate(kind, eligible, Present(3), Counts(yes=2), reserved=False).advisory is False


def test_a_representatives_decision_on_a_reserved_matter_is_refused_unless_delegated():
    assert quorum.decision_force(REPRESENTATIVES, True) == REFUSED
    assert quorum.decision_force(REPRESENTATIVES, True, True) == BINDING
    assert quorum.decision_force(GROUP, True) == ADVISORY


def test_the_public_quorum_uses_the_council_charter_given_or_the_default():
    assert quorum.quorum(COUNCIL, Eligible(members=4), Present(2), CouncilRule(quorum=HALF))[0] is True
    assert quorum.quorum(COUNCIL, Eligible(members=4), Present(2))[0] is False
    assert quorum.quorum(COUNCIL, Eligible(members=3), Present(2))[0] is True
