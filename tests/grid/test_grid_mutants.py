"""Deadline and workflow boundaries that test_deadlines.py and test_workflow.py let live as mutants
(docs/mutation.md): make-up days between two dates, a request finished at its deadline, the top level."""

import datetime as dt

import pytest
from django.utils import translation

from grid import deadlines, workflow

TZ = dt.timezone(dt.timedelta(hours=8))
FRIDAY, SATURDAY, SUNDAY = dt.date(2026, 11, 27), dt.date(2026, 11, 28), dt.date(2026, 11, 29)


def test_a_make_up_saturday_counts_between_two_dates():
    assert deadlines.working_days_between(FRIDAY, SUNDAY) == 0
    assert deadlines.working_days_between(FRIDAY, SUNDAY, makeup=frozenset({SATURDAY})) == 1
    assert deadlines.working_days_between(FRIDAY, SUNDAY, holidays=frozenset({SATURDAY}), makeup={SATURDAY}) == 0


def test_finished_exactly_at_the_deadline_is_on_time():
    due = dt.datetime(2026, 11, 27, 17, tzinfo=TZ)
    assert not deadlines.is_overdue(due, due, due + dt.timedelta(days=3))
    assert deadlines.is_overdue(due, due + dt.timedelta(seconds=1), due)
    assert not deadlines.is_overdue(due, None, due)
    assert deadlines.is_overdue(due, None, due + dt.timedelta(microseconds=1))


def test_the_county_is_the_top_level():
    assert [workflow.next_level(level) for level in workflow.LEVELS] == ["township", "county", "county"]


def test_local_calendar_settings_may_be_absent(settings):
    del settings.GRID_HOLIDAYS
    del settings.GRID_MAKEUP_WORKDAYS
    holidays, makeup = deadlines._official()
    assert deadlines.configured_holidays() == holidays
    assert deadlines.configured_makeup_days() == makeup


def test_local_days_off_cancel_official_make_up_days(settings):
    makeup_day = min(deadlines._official()[1])
    settings.GRID_HOLIDAYS = [makeup_day.isoformat()]
    settings.GRID_MAKEUP_WORKDAYS = [makeup_day]  # a date, not text: both are read
    assert makeup_day in deadlines.configured_makeup_days()
    settings.GRID_MAKEUP_WORKDAYS = []
    assert makeup_day not in deadlines.configured_makeup_days()
    assert makeup_day in deadlines.configured_holidays()


def test_negative_days_are_refused_in_words():
    with pytest.raises(ValueError, match=r"^days must not be negative$"):
        deadlines.add_working_days(dt.datetime(2026, 11, 27, 10, tzinfo=TZ), -1)


REFUSALS = [
    (("nothing", workflow.RECEIVED, {workflow.HANDLER}), {}, "There is no such step."),
    (
        ("dispatch", workflow.RECEIVED, {workflow.HANDLER}),
        {},
        "This step is not possible while the request is “Received”.",
    ),
    (("accept", workflow.RECEIVED, {workflow.RESIDENT}), {}, "You may not take this step on this request."),
    (("reject", workflow.RECEIVED, {workflow.HANDLER}), {"note": " "}, "Please give a reason or a note for this step."),
    (
        ("escalate", workflow.ACCEPTED, {workflow.HANDLER}),
        {"note": "x", "level": "county"},
        "The request is already with the county; it cannot go higher.",
    ),
    (("rate", workflow.REPLIED, {workflow.RESIDENT}), {}, "Please choose how satisfied you are."),
    (
        ("rate", workflow.REPLIED, {workflow.RESIDENT}),
        {"rating": workflow.DISSATISFIED},
        "Please say why you are not satisfied, so that the request can be looked at again.",
    ),
]


@pytest.mark.parametrize(("args", "options", "message"), REFUSALS)
def test_each_refusal_says_why_in_english(args, options, message):
    with translation.override("en"), pytest.raises(workflow.Refused) as refused:
        workflow.check(*args, **options)
    with translation.override("en"):
        assert str(refused.value) == message
        assert str(refused.value.message) == message


@pytest.mark.parametrize(("state", "label"), [(workflow.IN_PROGRESS, "Being handled"), ("unknown", "unknown")])
def test_state_labels_in_english(state, label):
    with translation.override("en"):
        assert workflow.state_label(state) == label
