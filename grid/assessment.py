"""Assessment (考核) figures from plain records. Pure: services.assessment_rows() builds the records.

Definitions (shown on the page too):
- on-time rate: of the requests answered in the period, the share answered by their resolve deadline;
- average handling time: received → answered, in days, over answered requests;
- satisfaction rate: of the rated requests, the share rated satisfied or basically satisfied.
"""

import datetime as dt
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from .workflow import BASICALLY_SATISFIED, REJECTED, SATISFIED


@dataclass(frozen=True)
class Record:
    village: str
    platform: str
    status: str
    received_at: dt.datetime
    resolve_due: dt.datetime | None
    replied_at: dt.datetime | None
    rating: str = ""


@dataclass(frozen=True)
class Figures:
    key: str
    count: int
    rejected: int
    answered: int
    on_time: int
    rated: int
    satisfied: int
    total_handling_days: float
    label: str = ""

    @property
    def on_time_rate(self) -> float | None:
        return self.on_time / self.answered if self.answered else None

    @property
    def average_handling_days(self) -> float | None:
        return self.total_handling_days / self.answered if self.answered else None

    @property
    def satisfaction_rate(self) -> float | None:
        return self.satisfied / self.rated if self.rated else None


def figures(key: str, records: Iterable[Record]) -> Figures:
    count = rejected = answered = on_time = rated = satisfied = 0
    total = 0.0
    for r in records:
        count += 1
        if r.status == REJECTED:
            rejected += 1
        if r.replied_at is not None:
            answered += 1
            total += (r.replied_at - r.received_at).total_seconds() / 86400
            if r.resolve_due is None or r.replied_at <= r.resolve_due:
                on_time += 1
        if r.rating:
            rated += 1
            if r.rating in (SATISFIED, BASICALLY_SATISFIED):
                satisfied += 1
    return Figures(key, count, rejected, answered, on_time, rated, satisfied, round(total, 6))


def grouped(records: Iterable[Record], by: Callable[[Record], str]) -> list[Figures]:
    groups: dict[str, list[Record]] = defaultdict(list)
    for r in records:
        groups[by(r)].append(r)
    return [figures(key, rows) for key, rows in sorted(groups.items())]


def period_bounds(period: str, today: dt.date) -> tuple[dt.date, dt.date]:
    """'2026-10' (a month), '2026-Q3' (a quarter) or '2026' (a year) → [start, end). Raises ValueError."""
    if not period.isascii():  # '²' is a digit to str.isdigit() but not to int()
        raise ValueError(period)
    if len(period) == 4 and period.isdigit():
        year = int(period)
        return dt.date(year, 1, 1), dt.date(year + 1, 1, 1)
    if len(period) == 7 and period[4:6] == "-Q" and period[:4].isdigit() and period[6] in "1234":
        year, quarter = int(period[:4]), int(period[6])
        start = dt.date(year, 3 * quarter - 2, 1)
        end = dt.date(year + 1, 1, 1) if quarter == 4 else dt.date(year, 3 * quarter + 1, 1)
        return start, end
    year_s, _sep, month_s = period.partition("-")
    if len(year_s) == 4 and year_s.isdigit() and month_s.isdigit() and 1 <= int(month_s) <= 12:
        year, month = int(year_s), int(month_s)
        end = dt.date(year + 1, 1, 1) if month == 12 else dt.date(year, month + 1, 1)
        return dt.date(year, month, 1), end
    raise ValueError(period)
