"""Who may enter a consultation's paper ballots: the village committee, unless an app that owns the vote says
otherwise (the democratic evaluation, VCOL art. 33, rates the committee's own members, so the village's
supervision committee enters its paper ballots instead: supervision.apps registers that).

A decider gets the (record) page and returns a predicate (user, page) -> bool, or None when the page is not its.
"""

from collections.abc import Callable

Predicate = Callable[[object, object], bool]
_deciders: list[Callable[[object], Predicate | None]] = []


def register(decider: Callable[[object], Predicate | None]) -> None:
    if decider not in _deciders:
        _deciders.append(decider)


def clerks_for(page) -> Predicate | None:
    """The predicate an app registered for this page, or None (the village committee's, the default)."""
    for decider in _deciders:
        found = decider(page)
        if found is not None:
            return found
    return None
