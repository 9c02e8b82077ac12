"""Exact tallies and timelines at the smallest numbers, written to kill the mutants that test_tally.py and
test_phases.py let live (docs/mutation.md)."""

import datetime

import pytest
from django.utils import translation

from consultations import phases, tally

UTC = datetime.UTC


def test_the_household_figures_default_to_none_present_and_none_registered():
    # Only one of the two household figures given: the other must stay 0, so no household alternative exists.
    assert not tally.quorum_met(tally.VILLAGER_GROUP, 0, 0, households=1)
    assert not tally.quorum_met(tally.VILLAGER_GROUP, 0, 0, eligible_households=1)
    assert tally.quorum_met(tally.VILLAGER_GROUP, 0, 0, households=1, eligible_households=1)
    assert not tally.outcome(tally.VILLAGER_GROUP, 0, 0, 0, households=1).quorum_met
    assert not tally.outcome(tally.VILLAGER_GROUP, 0, 0, 0, eligible_households=1).quorum_met


def test_an_outcome_carries_every_figure_it_was_given():
    with translation.override("en"):
        result = tally.outcome(
            tally.VILLAGER_GROUP, votes_for=2, participants=3, eligible=9, households=2, eligible_households=3
        )
    assert result == tally.Outcome(
        rule=tally.VILLAGER_GROUP,
        participants=3,
        eligible=9,
        top=2,
        quorum_met=True,
        passed=True,
        households=2,
        eligible_households=3,
        explanation="Valid: 2 households represented ≥ two thirds of the 3 households",
    )


@pytest.mark.parametrize(
    ("participants", "eligible", "permille", "percent"),
    [(1, 1, 1000, "100.0"), (0, 1, 0, "0.0"), (1, 3, 333, "33.3"), (1, 2000, 1, "0.1"), (1, 0, 0, "0.0")],
)
def test_turnout_at_the_smallest_bases(participants, eligible, permille, percent):
    assert tally.turnout_permille(participants, eligible) == permille
    assert tally.turnout_percent(participants, eligible) == percent


@pytest.mark.parametrize(("count", "largest", "width"), [(1, 1, 100), (1, 3, 33), (2, 3, 66), (0, 0, 0), (5, 0, 0)])
def test_bar_width_defaults_to_a_hundred_and_stays_an_integer(count, largest, width):
    assert tally.bar_width(count, largest) == width
    assert type(tally.bar_width(count, largest)) is int


DAY = datetime.timedelta(days=1)
START = datetime.datetime(2026, 3, 1, tzinfo=UTC)
EVERY_PHASE = {phase: START + index * DAY for index, phase in enumerate(phases.PHASES)}


@pytest.mark.parametrize(
    ("phase", "end"),
    [("information", START + DAY), ("proposals", START + 2 * DAY), ("voting", START + 4 * DAY), ("results", None)],
)
def test_a_phase_ends_when_the_very_next_one_opens(phase, end):
    assert phases.phase_end(EVERY_PHASE, phase) == end


def test_a_phase_opening_with_another_at_this_instant_is_past_not_future():
    openings = {"information": START, "proposals": START, "deliberation": None, "voting": START + DAY}
    assert phases.timeline(openings, START) == [
        {"phase": "information", "opens": START, "ends": START, "state": "past"},
        {"phase": "proposals", "opens": START, "ends": START + DAY, "state": "current"},
        {"phase": "voting", "opens": START + DAY, "ends": None, "state": "future"},
    ]


@pytest.mark.parametrize(
    ("phase", "action", "allowed"),
    [("voting", "vote", True), ("results", "vote", False), (None, "vote", False), ("proposals", "support", True)],
)
def test_an_action_is_allowed_only_in_its_phases(phase, action, allowed):
    assert phases.allows(phase, action) is allowed


def test_the_quorum_with_reasons_has_the_same_household_defaults():
    assert tally.quorum(tally.VILLAGER_GROUP, 0, 0, households=1)[0] is False
    assert tally.quorum(tally.VILLAGER_GROUP, 0, 0, eligible_households=1)[0] is False
    with pytest.raises(ValueError, match=r"^unknown rule 'whatever'$"):
        tally.quorum("whatever", 1, 1)
