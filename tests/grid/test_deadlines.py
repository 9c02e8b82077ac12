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


# ---- The official calendar (chinese-calendar) with the settings as local overrides (issue 20) ----


def test_the_official_calendar_is_used_without_any_setting():
    # 2026 New Year: 1–3 January off, Sunday 4 January worked (调休); the settings list none of it.
    assert deadlines.due(at("2025-12-31"), 1) == at("2026-01-04")
    # Spring Festival 2026: Saturday 14 February is a working day, 15–23 February off.
    assert deadlines.due(at("2026-02-13"), 1) == at("2026-02-14")
    assert deadlines.due(at("2026-02-14"), 1) == at("2026-02-24")
    # National Day 2026: 1–7 October off, Saturday 10 October worked.
    assert deadlines.due(at("2026-09-30"), 3) == at("2026-10-10")


def test_a_deadline_across_2026_into_2027():
    """The installed data ends in 2026: 31 December 2026 is a working day by the data, and 1 January 2027 is
    New Year's Day, a public holiday fixed by date, even before the 2027 notice is in the package."""
    assert deadlines.last_official_year() == 2026
    assert deadlines.due(at("2026-12-30"), 1) == at("2026-12-31")
    assert deadlines.due(at("2026-12-30"), 2) == at("2027-01-04")  # Fri 1 Jan holiday, then the weekend
    assert deadlines.due(at("2026-12-30"), 7) == at("2027-01-11")
    assert deadlines.beyond_official_data(dt.date(2027, 1, 4)) and not deadlines.beyond_official_data(
        dt.date(2026, 12, 31)
    )


@override_settings(GRID_HOLIDAYS=["2026-12-31"], GRID_MAKEUP_WORKDAYS=["2027-01-01", "2026-01-04"])
def test_the_settings_win_over_the_official_calendar():
    # A local day off on 31 December, and 1 January 2027 worked; a made-up day the settings give back stays off.
    assert deadlines.due(at("2026-12-30"), 1) == at("2027-01-01")
    assert deadlines.due(at("2025-12-31"), 1) == at("2026-01-04")
    with override_settings(GRID_HOLIDAYS=["2026-01-04"], GRID_MAKEUP_WORKDAYS=[]):
        assert deadlines.due(at("2025-12-31"), 1) == at("2026-01-05")


def test_the_admin_says_when_deadlines_pass_the_official_data():
    assert deadlines.calendar_note_year(dt.date(2026, 6, 1)) is None
    assert deadlines.calendar_note_year(dt.date(2026, 12, 2)) == 2027
    assert deadlines.calendar_note_year(dt.date(2026, 6, 1), [at("2027-02-01")]) == 2027
