"""Quiet hours and the daily cap as plain functions: no request and no database in sight.

Quiet hours are a resident's local times (the portal's TIME_ZONE, Asia/Shanghai): 22:00–07:00 crosses midnight,
12:00–14:00 (a siesta) does not. A window's start is quiet, its end is not.
"""

import datetime


def in_quiet_hours(start: datetime.time | None, end: datetime.time | None, at: datetime.time) -> bool:
    if start is None or end is None or start == end:
        return False
    if start < end:
        return start <= at < end
    return at >= start or at < end  # across midnight


def quiet_hours_end(
    start: datetime.time | None, end: datetime.time | None, now: datetime.datetime
) -> datetime.datetime | None:
    """When the quiet hours `now` falls in end (an aware datetime in now's zone), or None if now is not quiet."""
    local = now.time().replace(tzinfo=None)
    if not in_quiet_hours(start, end, local):
        return None
    ends = now.replace(hour=end.hour, minute=end.minute, second=0, microsecond=0)
    if ends <= now:  # 23:30 in 22:00–07:00 ends tomorrow morning
        ends += datetime.timedelta(days=1)
    return ends


def granted(cap: int, used: int, wanted: int) -> int:
    """How many of `wanted` sends fit under the day's cap when `used` are already spent (never negative)."""
    return max(0, min(wanted, cap - used))
