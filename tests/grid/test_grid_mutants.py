"""Deadline and workflow boundaries that test_deadlines.py and test_workflow.py let live as mutants
(docs/mutation.md): make-up days between two dates, a request finished at its deadline, the top level."""

import datetime as dt

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
