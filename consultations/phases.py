"""Consultation phases as data: pure functions, no request and no database in sight."""

import datetime
from collections.abc import Mapping

# The order is fixed; any phase may be skipped by leaving its opening date empty.
PHASES = ("information", "proposals", "deliberation", "voting", "results")


def current_phase(openings: Mapping[str, datetime.datetime | None], now: datetime.datetime) -> str | None:
    """The phase in force at `now`: the last phase (in order) whose opening has passed. None before any opens.

    A phase runs from its opening until the next non-skipped phase opens; an opening equal to `now` is open.
    """
    current = None
    for phase in PHASES:
        opens = openings.get(phase)
        if opens is not None and opens <= now:
            current = phase
    return current


def phase_end(openings: Mapping[str, datetime.datetime | None], phase: str) -> datetime.datetime | None:
    """When `phase` ends: the opening of the next phase that is not skipped (None if it never ends)."""
    later = PHASES[PHASES.index(phase) + 1 :]
    for following in later:
        if openings.get(following) is not None:
            return openings[following]
    return None


def timeline(openings: Mapping[str, datetime.datetime | None], now: datetime.datetime) -> list[dict]:
    """The phases that are not skipped, each with its dates and whether it is past, current or to come."""
    now_phase = current_phase(openings, now)
    steps = []
    for phase in PHASES:
        opens = openings.get(phase)
        if opens is None:
            continue
        if phase == now_phase:
            state = "current"
        elif opens > now:
            state = "future"
        else:
            state = "past"
        steps.append({"phase": phase, "opens": opens, "ends": phase_end(openings, phase), "state": state})
    return steps


# Which phases allow which action (the same table drives permissions and the tests at each boundary).
ACTION_PHASES: dict[str, frozenset[str]] = {
    "submit_proposal": frozenset({"proposals"}),
    "edit_proposal": frozenset({"proposals"}),  # the author edits or withdraws until deliberation opens
    "support": frozenset({"proposals", "deliberation"}),
    "comment": frozenset({"information", "proposals", "deliberation", "voting"}),
    "vote": frozenset({"voting"}),
    "paper_ballot": frozenset({"voting"}),
    "set_proposal_status": frozenset({"proposals", "deliberation", "voting", "results"}),
}


def allows(phase: str | None, action: str) -> bool:
    return phase in ACTION_PHASES[action]
