"""Democratic evaluation (民主评议, VCOL art. 33) as pure integer rules: no request, no database, no floats.

VCOL art. 33: the village committee's members, and the staff paid from the collective's funds, are evaluated by
the village assembly or the representatives' meeting at least once a year, hosted by the village affairs
supervision committee; a member rated 不称职 (not competent) twice in a row loses office.
DOMAIN §9 and §1 fix the default counting: rated 不称职 when more than half of those voting rate so (过半数:
strictly more, so exactly half is not more than half), compared as integers: 2 × 不称职 > votes cast.
"""

from collections.abc import Sequence
from dataclasses import dataclass

# The three ratings, in the order of the ballot paper (and of each question's options).
COMPETENT = "competent"  # 称职
BASICALLY_COMPETENT = "basic"  # 基本称职
NOT_COMPETENT = "not_competent"  # 不称职
RATINGS = (COMPETENT, BASICALLY_COMPETENT, NOT_COMPETENT)
LABELS = {COMPETENT: "称职", BASICALLY_COMPETENT: "基本称职", NOT_COMPETENT: "不称职"}

# VCOL art. 33: "at least once a year"; the county dashboard looks back this many completed years.
YEARS_LOOKED_BACK = 3


@dataclass(frozen=True)
class Tally:
    """One person's counts in one evaluation: a vote is one rating of this person on one ballot."""

    competent: int
    basic: int
    not_competent: int

    def __post_init__(self) -> None:
        if min(self.competent, self.basic, self.not_competent) < 0:
            raise ValueError("counts are never negative")

    @property
    def votes(self) -> int:
        """Votes cast for this person: every ballot that rated them (a ballot rates with one of the three)."""
        return self.competent + self.basic + self.not_competent


def rated_not_competent(tally: Tally) -> bool:
    """VCOL art. 33 with DOMAIN §1 (过半数): more than half of those voting rated 不称职, as integers.

    2 × 不称职 > votes cast: 5 of 10 is not more than half, 6 of 11 is; no votes is never a rating."""
    return 2 * tally.not_competent > tally.votes


@dataclass(frozen=True)
class Arithmetic:
    """What the results page shows of the rule: 不称职 × 2 against the votes cast, and what follows."""

    not_competent: int
    doubled: int
    votes: int
    more_than_half: bool


def arithmetic(tally: Tally) -> Arithmetic:
    return Arithmetic(
        not_competent=tally.not_competent,
        doubled=2 * tally.not_competent,
        votes=tally.votes,
        more_than_half=rated_not_competent(tally),
    )


def office_ends(series: Sequence[bool | None]) -> list[bool]:
    """VCOL art. 33, "连续两次被评议不称职的，其职务终止": for each of a person's evaluations in order (the village's
    evaluations one after another; None where the person was not evaluated in that one), whether that evaluation
    ends their office: rated 不称职 in it and in the evaluation just before it. A gap or a rating that was not
    不称职 breaks the row: yes, no, yes is never two in a row."""
    # Each evaluation beside the one before it; the first has none before it (False).
    return [bool(previous) and bool(current) for previous, current in zip([False, *series], series, strict=False)]


def missing_years(held: set[int], this_year: int, looked_back: int = YEARS_LOOKED_BACK) -> list[int]:
    """VCOL art. 33 ("at least once a year"): the completed years among the last `looked_back` without an
    evaluation held (closed or published). The current year is not late until it ends."""
    return [year for year in range(this_year - looked_back, this_year) if year not in held]
