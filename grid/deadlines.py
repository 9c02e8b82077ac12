"""Working-day arithmetic for request deadlines. The arithmetic is pure: holidays and make-up days are passed in.

The official calendar comes from the maintained `chinese-calendar` package (the State Council's yearly notice:
public holidays, and the weekend days worked in exchange, 调休). settings.GRID_HOLIDAYS / GRID_MAKEUP_WORKDAYS are
local overrides on top of it (a county's own day off, or a year the package does not know yet) and win over it.
For a year past the package's data only the weekends and the public holidays fixed by date (元旦 1 January,
劳动节 1–2 May, 国庆 1–3 October, 全国年节及纪念日放假办法) are known; the admin says so (beyond_official_data).
"""

import datetime as dt
from collections.abc import Iterable
from functools import cache

import chinese_calendar
from django.conf import settings
from django.utils import timezone

# Public holidays fixed by the calendar date, used for years the official data does not cover yet. The lunar ones
# (春节, 清明, 端午, 中秋) and every 调休 arrangement come only with the State Council's notice.
FIXED_DATE_HOLIDAYS = [(1, 1), (5, 1), (5, 2), (10, 1), (10, 2), (10, 3)]


def _dates(values: Iterable) -> frozenset[dt.date]:
    return frozenset(v if isinstance(v, dt.date) else dt.date.fromisoformat(v) for v in values)


@cache
def official_years() -> tuple[int, int]:
    """First and last year of the official holiday data in the installed chinese-calendar."""
    years = [day.year for day in chinese_calendar.holidays]
    return min(years), max(years)


def last_official_year() -> int:
    return official_years()[1]


def beyond_official_data(day: dt.date) -> bool:
    return day.year > last_official_year()


@cache
def _official() -> tuple[frozenset[dt.date], frozenset[dt.date]]:
    holidays = frozenset(chinese_calendar.holidays)
    # The package lists every day off, weekends of a holiday included; a weekday among them is what matters.
    makeup = frozenset(day for day in chinese_calendar.workdays if day.weekday() >= 5)
    last = last_official_year()
    fixed = frozenset(
        dt.date(year, month, day) for year in range(last + 1, last + 6) for month, day in FIXED_DATE_HOLIDAYS
    )
    return holidays | fixed, makeup


def configured_holidays() -> frozenset[dt.date]:
    """Official holidays, then the local ones; a day the settings make a working day is not a holiday."""
    holidays, _makeup = _official()
    local_work = _dates(getattr(settings, "GRID_MAKEUP_WORKDAYS", ()))
    return (holidays - local_work) | _dates(getattr(settings, "GRID_HOLIDAYS", ()))


def configured_makeup_days() -> frozenset[dt.date]:
    """Official make-up working days, then the local ones; a day the settings give off is not worked."""
    _holidays, makeup = _official()
    local_off = _dates(getattr(settings, "GRID_HOLIDAYS", ()))
    return (makeup - local_off) | _dates(getattr(settings, "GRID_MAKEUP_WORKDAYS", ()))


def is_working_day(day: dt.date, holidays: frozenset = frozenset(), makeup: frozenset = frozenset()) -> bool:
    if day in holidays:
        return False
    return day.weekday() < 5 or day in makeup


def add_working_days(
    start: dt.datetime, days: int, holidays: frozenset = frozenset(), makeup: frozenset = frozenset()
) -> dt.datetime:
    """The moment ``days`` working days after ``start``: the same time of day on the n-th following working day.

    A request received on a weekend or holiday starts counting on the next working day, so Saturday 10:00
    plus 2 working days is Tuesday 10:00 (Friday 10:00 plus 2 is also Tuesday 10:00).
    """
    if days < 0:
        raise ValueError("days must not be negative")
    day = start.date()
    counted = 0
    while counted < days:
        day += dt.timedelta(days=1)
        if is_working_day(day, holidays, makeup):
            counted += 1
    return start.replace(year=day.year, month=day.month, day=day.day)


def working_days_between(
    start: dt.date, end: dt.date, holidays: frozenset = frozenset(), makeup: frozenset = frozenset()
) -> int:
    """Working days after ``start`` up to and including ``end`` (0 when end is not after start)."""
    count = 0
    day = start
    while day < end:
        day += dt.timedelta(days=1)
        if is_working_day(day, holidays, makeup):
            count += 1
    return count


def due(start: dt.datetime, days: int) -> dt.datetime:
    """add_working_days with the holidays from settings, counted on the local calendar (TIME_ZONE)."""
    if timezone.is_aware(start):
        start = timezone.localtime(start)
    return add_working_days(start, days, configured_holidays(), configured_makeup_days())


def is_overdue(due_at: dt.datetime | None, done_at: dt.datetime | None, now: dt.datetime) -> bool:
    """Late if finished after the deadline, or not finished and the deadline has passed."""
    if due_at is None:
        return False
    return (done_at or now) > due_at


# How far ahead the admin looks for deadlines that may fall past the official data (the longest default
# deadline, 60 days for a petition's conclusion, plus its weekends).
NOTE_HORIZON = dt.timedelta(days=90)


def calendar_note_year(today: dt.date, due_dates: Iterable[dt.datetime | None] = ()) -> int | None:
    """The first year past the official data that a deadline shown (or one set from today) may fall in, or None."""
    dates = [today + NOTE_HORIZON, *(timezone.localtime(d).date() for d in due_dates if d is not None)]
    late = [d.year for d in dates if beyond_official_data(d)]
    return min(late) if late else None
