"""Working-day arithmetic across weekends, holidays and make-up working days."""

import datetime as dt

import pytest
import time_machine
from django.test import override_settings

from grid import deadlines

TZ = dt.timezone(dt.timedelta(hours=8))


def at(day: str, hour: int = 10) -> dt.datetime:
    return dt.datetime.fromisoformat(day).replace(hour=hour, tzinfo=TZ)


@pytest.mark.parametrize(
    ("start", "days", "expected"),
    [
        ("2026-11-23", 2, "2026-11-25"),  # Monday + 2 → Wednesday
        ("2026-11-26", 2, "2026-11-30"),  # Thursday + 2 → Monday over the weekend
        ("2026-11-27", 2, "2026-12-01"),  # Friday + 2 → Tuesday
        ("2026-11-28", 2, "2026-12-01"),  # Saturday: counting starts Monday
        ("2026-11-29", 2, "2026-12-01"),  # Sunday
        ("2026-11-23", 7, "2026-12-02"),  # Monday + 7 → Wednesday of the next week
        ("2026-11-23", 0, "2026-11-23"),
    ],
)
def test_weekends_are_skipped(start, days, expected):
    assert deadlines.add_working_days(at(start), days) == at(expected)


def test_holidays_are_skipped_and_makeup_days_count():
    # National Day 2026: 1–7 October off (1, 2, 5, 6, 7 holidays; 3, 4 weekend), 10 October (Saturday) worked.
    holidays = frozenset(dt.date(2026, 10, d) for d in (1, 2, 5, 6, 7))
    makeup = frozenset({dt.date(2026, 10, 10)})
    assert deadlines.add_working_days(at("2026-09-30"), 1, holidays, makeup) == at("2026-10-08")
    assert deadlines.add_working_days(at("2026-09-30"), 2, holidays, makeup) == at("2026-10-09")
    assert deadlines.add_working_days(at("2026-09-30"), 3, holidays, makeup) == at("2026-10-10")
    assert deadlines.add_working_days(at("2026-09-30"), 3, holidays) == at("2026-10-12")


def test_time_of_day_is_kept():
    assert deadlines.add_working_days(at("2026-11-27", 17), 1) == at("2026-11-30", 17)


def test_negative_days_are_an_error():
    with pytest.raises(ValueError):
        deadlines.add_working_days(at("2026-11-27"), -1)


def test_working_days_between():
    assert deadlines.working_days_between(dt.date(2026, 11, 27), dt.date(2026, 11, 30)) == 1
    assert deadlines.working_days_between(dt.date(2026, 11, 23), dt.date(2026, 11, 23)) == 0
    holidays = frozenset({dt.date(2026, 11, 24)})
    assert deadlines.working_days_between(dt.date(2026, 11, 23), dt.date(2026, 11, 27), holidays) == 3


@override_settings(GRID_HOLIDAYS=["2026-12-01"], GRID_MAKEUP_WORKDAYS=["2026-11-28"])
def test_due_reads_the_settings():
    assert deadlines.due(at("2026-11-27"), 3) == at("2026-12-02")  # Sat 28 worked, Tue 1 Dec holiday
    assert deadlines.due(at("2026-11-27"), 2) == at("2026-11-30")


def test_overdue_with_frozen_time():
    due = at("2026-11-30")
    with time_machine.travel(at("2026-11-30", 11), tick=False):
        from django.utils import timezone

        now = timezone.now()
        assert deadlines.is_overdue(due, None, now)
        assert not deadlines.is_overdue(due, at("2026-11-30", 9), now)
        assert deadlines.is_overdue(due, at("2026-11-30", 10) + dt.timedelta(minutes=1), now)
        assert not deadlines.is_overdue(None, None, now)


def test_due_counts_on_the_local_calendar():
    # Friday 20:00 UTC is already Saturday 04:00 in Shanghai: counting starts on Monday.
    start = dt.datetime(2026, 11, 27, 20, tzinfo=dt.UTC)
    assert deadlines.due(start, 2) == dt.datetime(2026, 12, 1, 4, tzinfo=TZ)
