"""Every allowed transition, and every refused one, straight from the state machine."""

import pytest
from django.utils import translation

from grid import workflow as wf
from grid.workflow import Refused, check


@pytest.fixture(autouse=True)
def _english():
    """Refusal messages are matched in English (the default language is Chinese)."""
    with translation.override("en"):
        yield


ALL_STATES = [s for s, _label in wf.STATUS_CHOICES]
ALL_ROLES = [wf.HANDLER, wf.RESIDENT, wf.SUPERVISOR, wf.SYSTEM]

# action → (states it starts from, target, roles allowed)
EXPECTED = {
    "accept": ({wf.RECEIVED}, wf.ACCEPTED, {wf.HANDLER}),
    "reject": ({wf.RECEIVED}, wf.REJECTED, {wf.HANDLER}),
    "dispatch": ({wf.ACCEPTED}, wf.DISPATCHED, {wf.HANDLER}),
    "redispatch": ({wf.DISPATCHED, wf.IN_PROGRESS}, wf.DISPATCHED, {wf.HANDLER}),
    "escalate": ({wf.ACCEPTED, wf.DISPATCHED, wf.IN_PROGRESS}, wf.DISPATCHED, {wf.HANDLER, wf.SUPERVISOR}),
    "start": ({wf.DISPATCHED}, wf.IN_PROGRESS, {wf.HANDLER}),
    "reply": ({wf.IN_PROGRESS}, wf.REPLIED, {wf.HANDLER}),
    "rate": ({wf.REPLIED}, wf.CLOSED, {wf.RESIDENT}),
    "auto_close": ({wf.REPLIED}, wf.CLOSED, {wf.SYSTEM}),
    "supervise": ({wf.RECEIVED, wf.ACCEPTED, wf.DISPATCHED, wf.IN_PROGRESS}, None, {wf.SUPERVISOR}),
}


def test_the_table_is_the_expected_one():
    assert set(wf.TRANSITIONS) == set(EXPECTED)


@pytest.mark.parametrize("action", sorted(EXPECTED))
@pytest.mark.parametrize("state", ALL_STATES)
@pytest.mark.parametrize("role", ALL_ROLES)
def test_every_action_state_and_role(action, state, role):
    sources, target, roles = EXPECTED[action]
    kwargs = {"note": "说明", "rating": wf.SATISFIED}
    if state in sources and role in roles:
        assert check(action, state, {role}, **kwargs) == (target or state)
    else:
        with pytest.raises(Refused) as refused:
            check(action, state, {role}, **kwargs)
        if state not in sources:
            assert "not possible while" in str(refused.value)
        else:
            assert "may not take this step" in str(refused.value)


@pytest.mark.parametrize("action", ["reject", "redispatch", "escalate", "reply", "supervise"])
def test_steps_that_need_a_reason_refuse_without_one(action):
    sources, _target, roles = EXPECTED[action]
    with pytest.raises(Refused, match="reason or a note"):
        check(action, sorted(sources)[0], roles, note="   ")


def test_unknown_action_is_refused():
    with pytest.raises(Refused, match="no such step"):
        check("teleport", wf.RECEIVED, {wf.HANDLER})


def test_escalation_stops_at_the_county():
    assert check("escalate", wf.DISPATCHED, {wf.HANDLER}, note="x", level="township") == wf.DISPATCHED
    assert wf.next_level("village") == "township"
    assert wf.next_level("township") == "county"
    with pytest.raises(Refused, match="already with the county"):
        check("escalate", wf.DISPATCHED, {wf.HANDLER}, note="x", level="county")


def test_satisfied_and_basically_satisfied_close():
    assert check("rate", wf.REPLIED, {wf.RESIDENT}, rating=wf.SATISFIED) == wf.CLOSED
    assert check("rate", wf.REPLIED, {wf.RESIDENT}, rating=wf.BASICALLY_SATISFIED) == wf.CLOSED


def test_not_satisfied_reopens_once_with_a_reason():
    assert check("rate", wf.REPLIED, {wf.RESIDENT}, rating=wf.DISSATISFIED, note="路灯还是不亮") == wf.IN_PROGRESS
    with pytest.raises(Refused, match="why you are not satisfied"):
        check("rate", wf.REPLIED, {wf.RESIDENT}, rating=wf.DISSATISFIED)
    # The second time it closes: a request reopens only once.
    assert check("rate", wf.REPLIED, {wf.RESIDENT}, rating=wf.DISSATISFIED, reopen_count=1) == wf.CLOSED


def test_rating_must_be_one_of_the_three():
    with pytest.raises(Refused, match="choose how satisfied"):
        check("rate", wf.REPLIED, {wf.RESIDENT}, rating="great")


def test_actions_for_lists_what_a_role_may_do_now():
    assert [t.action for t in wf.actions_for(wf.RECEIVED, {wf.HANDLER})] == ["accept", "reject"]
    assert [t.action for t in wf.actions_for(wf.REPLIED, {wf.RESIDENT})] == ["rate"]
    assert wf.actions_for(wf.CLOSED, set(ALL_ROLES)) == []


def test_open311_status_is_open_or_closed():
    assert {wf.OPEN311_STATUS[s] for s in ALL_STATES} == {"open", "closed"}
    assert wf.OPEN311_STATUS[wf.REJECTED] == wf.OPEN311_STATUS[wf.CLOSED] == "closed"
