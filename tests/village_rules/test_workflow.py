"""The revision procedure as a pure table: every allowed step, and every step refused by stage or by role."""

import itertools

import pytest

from village_rules import workflow
from village_rules.workflow import COMMITTEE, REVIEWER, TRANSITIONS, TransitionRefused

ALLOWED = [
    ("collecting", "start_drafting", COMMITTEE, "drafting"),
    ("drafting", "submit_for_review", COMMITTEE, "review"),
    ("review", "approve", REVIEWER, "voting"),
    ("review", "return", REVIEWER, "drafting"),
    ("voting", "record_vote", COMMITTEE, "adopted"),
    ("voting", "redraft", COMMITTEE, "drafting"),
    ("adopted", "file", COMMITTEE, "filed"),
]


@pytest.mark.parametrize(("stage", "action", "role", "target"), ALLOWED)
def test_each_allowed_step(stage, action, role, target):
    assert workflow.check(stage, action, {role}) == target


def test_the_table_has_exactly_the_allowed_steps():
    assert {(t.source, name, t.role, t.target) for name, t in TRANSITIONS.items()} == set(ALLOWED)


WRONG_STAGE = [
    (stage, action)
    for stage, action in itertools.product(workflow.STAGES, TRANSITIONS)
    if TRANSITIONS[action].source != stage
]


@pytest.mark.parametrize(("stage", "action"), WRONG_STAGE)
def test_every_step_from_the_wrong_stage_is_refused(stage, action):
    # Even an actor holding both roles cannot skip or reorder a step.
    with pytest.raises(TransitionRefused):
        workflow.check(stage, action, {COMMITTEE, REVIEWER})


@pytest.mark.parametrize(("stage", "action", "role", "target"), ALLOWED)
def test_every_step_by_the_wrong_role_is_refused(stage, action, role, target):
    other = {COMMITTEE: REVIEWER, REVIEWER: COMMITTEE}[role]
    with pytest.raises(TransitionRefused, match=str(workflow.ROLE_LABELS[role])):
        workflow.check(stage, action, {other})
    with pytest.raises(TransitionRefused):
        workflow.check(stage, action, set())


@pytest.mark.parametrize(
    ("stage", "action"),
    [
        ("drafting", "file"),  # publishing without township review or a vote
        ("review", "file"),  # publishing without township approval
        ("review", "record_vote"),  # voting on a draft the township has not approved
        ("drafting", "approve"),  # approving what was never submitted
        ("collecting", "submit_for_review"),  # skipping the drafting
        ("voting", "file"),  # filing before the assembly adopted it
        ("filed", "start_drafting"),  # a filed revision is closed
    ],
)
def test_named_shortcuts_are_refused_with_a_message_naming_the_needed_stage(stage, action):
    with pytest.raises(TransitionRefused) as refused:
        workflow.check(stage, action, {COMMITTEE, REVIEWER})
    assert str(workflow.STAGE_LABELS[TRANSITIONS[action].source]) in str(refused.value)


def test_unknown_step_is_refused():
    with pytest.raises(TransitionRefused):
        workflow.check("collecting", "publish", {COMMITTEE, REVIEWER})


def test_allowed_actions_per_role():
    assert workflow.allowed_actions("review", {REVIEWER}) == ["approve", "return"]
    assert workflow.allowed_actions("review", {COMMITTEE}) == []
    assert workflow.allowed_actions("voting", {COMMITTEE}) == ["record_vote", "redraft"]
    assert workflow.allowed_actions("filed", {COMMITTEE, REVIEWER}) == []


@pytest.mark.parametrize(
    ("stage", "states"),
    [
        ("collecting", ["current", "upcoming", "upcoming", "upcoming", "upcoming"]),
        ("review", ["done", "done", "current", "upcoming", "upcoming"]),
        ("adopted", ["done", "done", "done", "done", "current"]),
        ("filed", ["done"] * 5),
    ],
)
def test_timeline_states(stage, states):
    assert [row["state"] for row in workflow.step_states(stage)] == states
