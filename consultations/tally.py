"""Tally arithmetic (DOMAIN.md §1, §2): integers only, no floats, no Django. Unit-tested directly.

"以上" includes the number itself (exactly 2/3 meets "三分之二以上"); "过半数" excludes it (exactly half is
not a majority). Abstentions and blank ballots count as present (participating), never as yes.
"""

from dataclasses import dataclass

SIMPLE_MAJORITY = "simple_majority"
ASSEMBLY = "assembly"
REPRESENTATIVES = "representatives"
VILLAGER_GROUP = "villager_group"
RULES = (SIMPLE_MAJORITY, ASSEMBLY, REPRESENTATIVES, VILLAGER_GROUP)


@dataclass(frozen=True)
class Outcome:
    rule: str
    participants: int
    eligible: int
    top: int  # votes for "yes" (or for the leading option)
    quorum_met: bool
    passed: bool


def quorum_met(rule: str, participants: int, eligible: int) -> bool:
    """Whether enough of those entitled took part for the vote to be valid."""
    if rule == ASSEMBLY:
        # VCOL art. 22: more than half of the adult villagers.
        return participants * 2 > eligible
    if rule in (REPRESENTATIVES, VILLAGER_GROUP):
        # VCOL arts. 26, 28: two thirds or more.
        return participants * 3 >= eligible * 2
    if rule == SIMPLE_MAJORITY:
        return participants > 0
    raise ValueError(f"unknown rule {rule!r}")


def majority(votes_for: int, participants: int) -> bool:
    """More than half of those taking part (abstentions included in the base)."""
    return votes_for * 2 > participants


def outcome(rule: str, votes_for: int, participants: int, eligible: int) -> Outcome:
    valid = quorum_met(rule, participants, eligible)
    return Outcome(
        rule=rule,
        participants=participants,
        eligible=eligible,
        top=votes_for,
        quorum_met=valid,
        passed=valid and majority(votes_for, participants),
    )


def turnout_permille(participants: int, eligible: int) -> int:
    """Turnout in tenths of a percent, rounded half up with integers (for display only)."""
    if eligible <= 0:
        return 0
    return (participants * 2000 + eligible) // (eligible * 2)


def bar_width(count: int, largest: int, full: int = 100) -> int:
    """Width of a bar in an SVG chart, proportional to the largest count (integers)."""
    if largest <= 0:
        return 0
    return count * full // largest
