"""The democratic evaluation's rules (VCOL art. 33, DOMAIN §1 and §9), pure: no database (mutation-tested)."""

import pytest

from supervision import evaluation_rules as er


def test_exactly_half_not_competent_is_not_more_than_half():
    assert not er.rated_not_competent(er.Tally(competent=3, basic=2, not_competent=5))  # 5 of 10
    assert er.rated_not_competent(er.Tally(competent=3, basic=2, not_competent=6))  # 6 of 11: half + 1 of 10
    assert er.rated_not_competent(er.Tally(competent=2, basic=2, not_competent=5))  # 5 of 9
    assert not er.rated_not_competent(er.Tally(competent=5, basic=0, not_competent=5))
    assert not er.rated_not_competent(er.Tally(0, 0, 0))  # nobody voted: never a rating
    assert er.rated_not_competent(er.Tally(0, 0, 1))
    assert not er.rated_not_competent(er.Tally(0, 1, 1))  # 1 of 2: exactly half


def test_votes_are_every_rating():
    assert er.Tally(competent=4, basic=2, not_competent=1).votes == 7
    assert er.Tally(competent=0, basic=3, not_competent=0).votes == 3


def test_the_arithmetic_shown():
    shown = er.arithmetic(er.Tally(competent=4, basic=1, not_competent=5))
    assert shown == er.Arithmetic(not_competent=5, doubled=10, votes=10, more_than_half=False)
    shown = er.arithmetic(er.Tally(competent=4, basic=1, not_competent=6))
    assert shown == er.Arithmetic(not_competent=6, doubled=12, votes=11, more_than_half=True)


def test_two_in_a_row():
    assert er.office_ends([True, False, True]) == [False, False, False]
    assert er.office_ends([True, True]) == [False, True]
    assert er.office_ends([False, True, True]) == [False, False, True]
    assert er.office_ends([True, True, True]) == [False, True, True]
    assert er.office_ends([True, None, True]) == [False, False, False]  # not evaluated in between: not in a row
    assert er.office_ends([None, True]) == [False, False]
    assert er.office_ends([True]) == [False]
    assert er.office_ends([]) == []


def test_missing_years():
    assert er.missing_years({2024, 2025}, 2026) == [2023]
    assert er.missing_years(set(), 2026) == [2023, 2024, 2025]  # three completed years looked back
    assert er.missing_years(set(), 2026, 2) == [2024, 2025]
    assert er.missing_years({2023, 2024, 2025}, 2026) == []
    assert er.missing_years({2026}, 2026, 1) == [2025]  # the current year is not late until it ends
    assert er.YEARS_LOOKED_BACK == 3


def test_negative_counts_are_refused():
    for counts in ((-1, 0, 0), (0, -1, 0), (0, 0, -1)):
        with pytest.raises(ValueError) as refused:
            er.Tally(*counts)
        assert str(refused.value) == "counts are never negative"


def test_the_ballot_papers_words_in_order():
    assert er.RATINGS == ("competent", "basic", "not_competent")
    assert [er.LABELS[r] for r in er.RATINGS] == ["称职", "基本称职", "不称职"]
    assert (er.COMPETENT, er.BASICALLY_COMPETENT, er.NOT_COMPETENT) == er.RATINGS
