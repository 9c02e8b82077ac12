"""The official revision procedure (DOMAIN.md §3) as a pure transition table: no database, no request.

征集民意 → 拟定草案 → 提请审核 → 审议表决 → 备案公布. A step can neither be skipped nor taken out of order:
the township's approval is the only way from drafting to the vote, and a passed assembly motion the only way
to adoption. The township may send the draft back, and a failed vote sends it back to drafting.
"""

from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

COLLECTING = "collecting"
DRAFTING = "drafting"
REVIEW = "review"
VOTING = "voting"
ADOPTED = "adopted"
FILED = "filed"

STAGES = [COLLECTING, DRAFTING, REVIEW, VOTING, ADOPTED, FILED]
STAGE_LABELS = {
    COLLECTING: _("Collecting opinions (征集民意)"),
    DRAFTING: _("Drafting (拟定草案)"),
    REVIEW: _("Township review (提请审核)"),
    VOTING: _("Assembly vote (审议表决)"),
    ADOPTED: _("Adopted, to be filed (审议通过，待备案)"),
    FILED: _("Filed and published (备案公布)"),
}
# The five official steps as the public timeline shows them, and the stage that completes each one.
OFFICIAL_STEPS = [
    (COLLECTING, _("Collect opinions"), DRAFTING),
    (DRAFTING, _("Draft the new text"), REVIEW),
    (REVIEW, _("Township review"), VOTING),
    (VOTING, _("Assembly vote"), ADOPTED),
    (ADOPTED, _("File with the township and publish"), FILED),
]

# Residents comment while opinions are collected and while the draft is public for drafting.
COMMENT_STAGES = frozenset({COLLECTING, DRAFTING})

COMMITTEE = "committee"
REVIEWER = "reviewer"


@dataclass(frozen=True)
class Transition:
    source: str
    target: str
    role: str
    label: str


TRANSITIONS: dict[str, Transition] = {
    "start_drafting": Transition(COLLECTING, DRAFTING, COMMITTEE, _("Close the collection and start drafting")),
    "submit_for_review": Transition(DRAFTING, REVIEW, COMMITTEE, _("Submit the draft to the township")),
    "approve": Transition(REVIEW, VOTING, REVIEWER, _("Approve the draft for the assembly vote")),
    "return": Transition(REVIEW, DRAFTING, REVIEWER, _("Return the draft with comments")),
    "record_vote": Transition(VOTING, ADOPTED, COMMITTEE, _("Record the assembly's vote")),
    "redraft": Transition(VOTING, DRAFTING, COMMITTEE, _("Back to drafting after a failed vote")),
    "file": Transition(ADOPTED, FILED, COMMITTEE, _("Record the filing and publish")),
}
ROLE_LABELS = {COMMITTEE: _("village committee"), REVIEWER: _("township reviewer")}


class TransitionRefused(Exception):
    """A step the procedure does not allow; the message says why in the reader's language."""


def check(stage: str, action: str, roles: set[str]) -> str:
    """The stage after `action`, or TransitionRefused when the procedure or the actor's role forbids it."""
    transition = TRANSITIONS.get(action)
    if transition is None:
        raise TransitionRefused(_("There is no such step in the revision procedure."))
    if transition.source != stage:
        raise TransitionRefused(
            _("“%(action)s” is possible only at the stage “%(needed)s”; this revision is at “%(stage)s”.")
            % {
                "action": transition.label,
                "needed": STAGE_LABELS[transition.source],
                "stage": STAGE_LABELS.get(stage, stage),
            }
        )
    if transition.role not in roles:
        raise TransitionRefused(
            _("Only the %(role)s may take this step: %(action)s.")
            % {"role": ROLE_LABELS[transition.role], "action": transition.label}
        )
    return transition.target


def allowed_actions(stage: str, roles: set[str]) -> list[str]:
    return [name for name, t in TRANSITIONS.items() if t.source == stage and t.role in roles]


def step_states(stage: str) -> list[dict]:
    """For the timeline: each official step with "done", "current" or "upcoming"."""
    position = STAGES.index(stage)
    rows = []
    for source, label, done_at in OFFICIAL_STEPS:
        if position >= STAGES.index(done_at):
            state = "done"
        elif position >= STAGES.index(source):
            state = "current"
        else:
            state = "upcoming"
        rows.append({"stage": source, "label": label, "state": state})
    return rows


# What the committee or the reviewer is told once a step is taken: the step done and what comes next. The stage
# reached is not enough ("Done: Assembly vote" after the township's approval read as if the assembly had voted).
DONE_MESSAGES = {
    "start_drafting": _("The collection of opinions is closed. Next: the committee writes the draft."),
    "submit_for_review": _("The draft is sent to the township, whose reviewers have been told. Next: the review."),
    "approve": _("The township approved the draft. Next: the village assembly votes on it."),
    "return": _("The draft went back to the village committee with your comments."),
    "record_vote": _("The assembly's vote is recorded. Next: file the rules with the township within 10 days."),
    "redraft": _("The draft is back with the committee for redrafting."),
    "file": _("The filing is recorded; the new rules are published as the rules in force."),
}
