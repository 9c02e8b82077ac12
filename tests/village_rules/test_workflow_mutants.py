"""The revision procedure's refusals and timeline rows, exact, in English: they kill the mutants that
test_workflow.py lets live (docs/mutation.md)."""

import pytest
from django.utils import translation

from village_rules import workflow
from village_rules.workflow import COMMITTEE, REVIEWER, TransitionRefused


@pytest.mark.parametrize(
    ("stage", "action", "roles", "message"),
    [
        (workflow.DRAFTING, "publish", {COMMITTEE}, "There is no such step in the revision procedure."),
        (
            workflow.DRAFTING,
            "approve",
            {REVIEWER},
            "“Approve the draft for the assembly vote” is possible only at the stage “Township review (提请审核)”; "
            "this revision is at “Drafting (拟定草案)”.",
        ),
        (
            "archived",
            "approve",
            {REVIEWER},
            "“Approve the draft for the assembly vote” is possible only at the stage “Township review (提请审核)”; "
            "this revision is at “archived”.",
        ),
        (
            workflow.REVIEW,
            "approve",
            {COMMITTEE},
            "Only the township reviewer may take this step: Approve the draft for the assembly vote.",
        ),
    ],
)
def test_each_refusal_says_why_in_english(stage, action, roles, message):
    with translation.override("en"), pytest.raises(TransitionRefused) as refused:
        workflow.check(stage, action, roles)
    with translation.override("en"):
        assert str(refused.value) == message


def test_timeline_rows_name_stage_label_and_state():
    with translation.override("en"):
        rows = [{**row, "label": str(row["label"])} for row in workflow.step_states(workflow.REVIEW)]
    assert rows == [
        {"stage": workflow.COLLECTING, "label": "Collect opinions", "state": "done"},
        {"stage": workflow.DRAFTING, "label": "Draft the new text", "state": "done"},
        {"stage": workflow.REVIEW, "label": "Township review", "state": "current"},
        {"stage": workflow.VOTING, "label": "Assembly vote", "state": "upcoming"},
        {"stage": workflow.ADOPTED, "label": "File with the township and publish", "state": "upcoming"},
    ]
