"""Working-day arithmetic for request deadlines. Pure: holidays and make-up working days are passed in.

Weekends are not working days, except the make-up working days (调休) listed in settings; holidays listed in
settings are not working days even on a weekday. See settings GRID_HOLIDAYS / GRID_MAKEUP_WORKDAYS.
"""

import datetime as dt
from collections.abc import Iterable

from django.conf import settings
from django.utils import timezone


def _dates(values: Iterable) -> frozenset[dt.date]:
    return frozenset(v if isinstance(v, dt.date) else dt.date.fromisoformat(v) for v in values)


def configured_holidays() -> frozenset[dt.date]:
    return _dates(getattr(settings, "GRID_HOLIDAYS", ()))


def configured_makeup_days() -> frozenset[dt.date]:
    return _dates(getattr(settings, "GRID_MAKEUP_WORKDAYS", ()))


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
