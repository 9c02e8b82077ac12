"""Tally arithmetic (DOMAIN.md §1, §2) for consultation ballots: integers only, no floats, no database.

The quorum rules themselves live in council.quorum (one module holds the DOMAIN §2 arithmetic, including the
household alternatives of the assembly and the villager group); this module maps a question's rule onto them
and adds what only ballots need ("simple majority of votes cast", turnout, chart widths).

"以上" includes the number itself (exactly 2/3 meets "三分之二以上"); "过半数" excludes it (exactly half is
not a majority). Abstentions and blank ballots count as present (participating), never as yes.
"""

from dataclasses import dataclass

from council import quorum as domain

SIMPLE_MAJORITY = "simple_majority"
ASSEMBLY = "assembly"
REPRESENTATIVES = "representatives"
VILLAGER_GROUP = "villager_group"
RULES = (SIMPLE_MAJORITY, ASSEMBLY, REPRESENTATIVES, VILLAGER_GROUP)

# A question's rule → the meeting kind whose quorum it borrows.
_KINDS = {ASSEMBLY: domain.ASSEMBLY, REPRESENTATIVES: domain.REPRESENTATIVES, VILLAGER_GROUP: domain.GROUP}


@dataclass(frozen=True)
class Outcome:
    rule: str
    participants: int
    eligible: int
    top: int  # votes for "yes" (or for the leading option)
    quorum_met: bool
    passed: bool
    households: int = 0
    eligible_households: int = 0
    explanation: str = ""  # the quorum arithmetic in words (DOMAIN §2 rules only)


def quorum(
    rule: str, participants: int, eligible: int, households: int = 0, eligible_households: int = 0
) -> tuple[bool, str]:
    """Whether enough of those entitled took part, and why, in the active language."""
    if rule == SIMPLE_MAJORITY:
        return participants > 0, ""
    if rule not in _KINDS:
        raise ValueError(f"unknown rule {rule!r}")
    # No household figures: council.quorum drops the household alternative (0 ≥ 2/3 of 0 must not validate).
    everyone = domain.Eligible(adults=eligible, households=eligible_households, representatives=eligible)
    present = domain.Present(persons=participants, households=households)
    return domain.quorum(_KINDS[rule], everyone, present)


def quorum_met(rule: str, participants: int, eligible: int, households: int = 0, eligible_households: int = 0) -> bool:
    return quorum(rule, participants, eligible, households, eligible_households)[0]


def majority(votes_for: int, participants: int) -> bool:
    """More than half of those taking part (abstentions included in the base)."""
    return domain.HALF.more_than(votes_for, participants)


def outcome(
    rule: str, votes_for: int, participants: int, eligible: int, households: int = 0, eligible_households: int = 0
) -> Outcome:
    valid, explanation = quorum(rule, participants, eligible, households, eligible_households)
    return Outcome(
        rule=rule,
        participants=participants,
        eligible=eligible,
        top=votes_for,
        quorum_met=valid,
        passed=valid and majority(votes_for, participants),
        households=households,
        eligible_households=eligible_households,
        explanation=explanation,
    )


def turnout_permille(participants: int, eligible: int) -> int:
    """Turnout in tenths of a percent, rounded half up with integers (for display only)."""
    if eligible <= 0:
        return 0
    return (participants * 2000 + eligible) // (eligible * 2)


def turnout_percent(participants: int, eligible: int) -> str:
    """Turnout as a percentage with one decimal ("72.3"), from the same integer rounding as turnout_permille."""
    tenths = turnout_permille(participants, eligible)
    return f"{tenths // 10}.{tenths % 10}"


def bar_width(count: int, largest: int, full: int = 100) -> int:
    """Width of a bar in an SVG chart, proportional to the largest count (integers)."""
    if largest <= 0:
        return 0
    return count * full // largest
