"""The request workflow as data: states, the transitions between them, who may make each, and why one is refused.

Pure: no database, no request. ``services.py`` asks ``check()`` before every change and records the result.
"""

from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

RECEIVED = "received"
ACCEPTED = "accepted"
REJECTED = "rejected"
DISPATCHED = "dispatched"
IN_PROGRESS = "in_progress"
REPLIED = "replied"
CLOSED = "closed"

STATUS_CHOICES = [
    (RECEIVED, _("Received")),
    (ACCEPTED, _("Accepted")),
    (REJECTED, _("Not accepted")),
    (DISPATCHED, _("Passed to a department")),
    (IN_PROGRESS, _("Being handled")),
    (REPLIED, _("Answered")),
    (CLOSED, _("Closed")),
]
FINAL_STATES = {REJECTED, CLOSED}
# Open311 knows only "open" and "closed".
OPEN311_STATUS = {state: ("closed" if state in FINAL_STATES else "open") for state, _label in STATUS_CHOICES}

# Who acts. A user may hold several of these for one request (services.actor_roles).
HANDLER = "handler"  # grid worker or committee of the request's village, county administrator
RESIDENT = "resident"  # the resident who raised the request
SUPERVISOR = "supervisor"  # township supervision (督办)
SYSTEM = "system"  # scheduled jobs (closing unrated requests)

LEVELS = ["village", "township", "county"]
LEVEL_CHOICES = [("village", _("Village")), ("township", _("Township")), ("county", _("County"))]

SATISFIED = "satisfied"
BASICALLY_SATISFIED = "basically"
DISSATISFIED = "dissatisfied"
RATING_CHOICES = [
    (SATISFIED, _("Satisfied")),
    (BASICALLY_SATISFIED, _("Basically satisfied")),
    (DISSATISFIED, _("Not satisfied")),
]
MAX_REOPENS = 1


@dataclass(frozen=True)
class Transition:
    action: str
    sources: frozenset[str]
    target: str
    actors: frozenset[str]
    label: str
    needs_note: bool = False


OPEN_STATES = frozenset({ACCEPTED, DISPATCHED, IN_PROGRESS})
# Written out rather than built by a helper: a table made at import time is data, which mutation testing cannot
# reach through a function (docs/mutation.md); test_workflow.py checks every transition.
_HANDLERS = frozenset({HANDLER})
TRANSITIONS: dict[str, Transition] = {
    t.action: t
    for t in [
        Transition("accept", frozenset({RECEIVED}), ACCEPTED, _HANDLERS, _("Accept")),
        Transition("reject", frozenset({RECEIVED}), REJECTED, _HANDLERS, _("Do not accept"), needs_note=True),
        Transition("dispatch", frozenset({ACCEPTED}), DISPATCHED, _HANDLERS, _("Pass to a department")),
        Transition(
            "redispatch",
            frozenset({DISPATCHED, IN_PROGRESS}),
            DISPATCHED,
            _HANDLERS,
            _("Pass to another department"),
            needs_note=True,
        ),
        Transition(
            "escalate",
            OPEN_STATES,
            DISPATCHED,
            frozenset({HANDLER, SUPERVISOR}),
            _("Pass to the next level up"),
            needs_note=True,
        ),
        Transition("start", frozenset({DISPATCHED}), IN_PROGRESS, _HANDLERS, _("Start handling")),
        Transition("reply", frozenset({IN_PROGRESS}), REPLIED, _HANDLERS, _("Answer the resident"), needs_note=True),
        # Rating: "satisfied"/"basically" close; "dissatisfied" reopens once (see check()).
        Transition("rate", frozenset({REPLIED}), CLOSED, frozenset({RESIDENT}), _("Rate the answer")),
        Transition("auto_close", frozenset({REPLIED}), CLOSED, frozenset({SYSTEM}), _("Closed without a rating")),
        # Supervision does not move the request; it is recorded and flags it.
        Transition(
            "supervise", frozenset({RECEIVED}) | OPEN_STATES, "", frozenset({SUPERVISOR}), _("Supervise (督办)"), True
        ),
    ]
}


class Refused(Exception):
    """A transition that may not be made; str() is the message for the user."""

    def __init__(self, message):
        super().__init__(str(message))
        self.message = message


def check(
    action: str,
    state: str,
    roles: set[str],
    *,
    note: str = "",
    rating: str = "",
    reopen_count: int = 0,
    level: str = "village",
) -> str:
    """The state after ``action`` (the same state for supervision), or raise Refused with the reason."""
    transition = TRANSITIONS.get(action)
    if transition is None:
        raise Refused(_("There is no such step."))
    if state not in transition.sources:
        raise Refused(_("This step is not possible while the request is “%(state)s”.") % {"state": state_label(state)})
    if not roles & transition.actors:
        raise Refused(_("You may not take this step on this request."))
    if transition.needs_note and not note.strip():
        raise Refused(_("Please give a reason or a note for this step."))
    if action == "escalate" and level == LEVELS[-1]:
        raise Refused(_("The request is already with the county; it cannot go higher."))
    if action == "rate":
        if rating not in dict(RATING_CHOICES):
            raise Refused(_("Please choose how satisfied you are."))
        if rating == DISSATISFIED and reopen_count < MAX_REOPENS:
            if not note.strip():
                raise Refused(_("Please say why you are not satisfied, so that the request can be looked at again."))
            return IN_PROGRESS
    return transition.target or state


def next_level(level: str) -> str:
    return LEVELS[min(LEVELS.index(level) + 1, len(LEVELS) - 1)]


def state_label(state: str) -> str:
    return str(dict(STATUS_CHOICES).get(state, state))


def actions_for(state: str, roles: set[str]) -> list[Transition]:
    """The steps these roles could take now (the form still asks check() with the details)."""
    return [t for t in TRANSITIONS.values() if state in t.sources and roles & t.actors]
