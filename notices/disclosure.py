"""The disclosure calendar (VCOL art. 30): which period a notice covers, when it is due, what is overdue.

Finances are disclosed monthly, general village affairs at least quarterly. A period's notice is due
DISCLOSURE_GRACE_DAYS days after the period ends (setting NOTICES_DISCLOSURE_GRACE_DAYS, default 10):
the accounts of a month can only be closed once the month is over, and ten days is the common
practice of county rules (e.g. "每月10日前公开上月财务").
"""

import datetime
from dataclasses import dataclass

from django.conf import settings

DEFAULT_GRACE_DAYS = 10
MONTH = "month"
QUARTER = "quarter"


def grace_days() -> int:
    return int(getattr(settings, "NOTICES_DISCLOSURE_GRACE_DAYS", DEFAULT_GRACE_DAYS))


@dataclass(frozen=True, order=True)
class Period:
    kind: str  # MONTH or QUARTER
    year: int
    number: int  # month 1–12 or quarter 1–4

    @property
    def start(self) -> datetime.date:
        month = self.number if self.kind == MONTH else 3 * (self.number - 1) + 1
        return datetime.date(self.year, month, 1)

    @property
    def end(self) -> datetime.date:
        months = 1 if self.kind == MONTH else 3
        month = self.start.month + months
        year = self.year + (month - 1) // 12
        month = (month - 1) % 12 + 1
        return datetime.date(year, month, 1) - datetime.timedelta(days=1)

    def due(self, grace: int | None = None) -> datetime.date:
        """The last day on which the notice for this period is on time."""
        return self.end + datetime.timedelta(days=grace_days() if grace is None else grace)

    def previous(self) -> "Period":
        count = 12 if self.kind == MONTH else 4
        if self.number == 1:
            return Period(self.kind, self.year - 1, count)
        return Period(self.kind, self.year, self.number - 1)

    def key(self) -> str:
        """2026-10 or 2026-Q3, as stored on a notice."""
        return f"{self.year}-{self.number:02d}" if self.kind == MONTH else f"{self.year}-Q{self.number}"

    @classmethod
    def from_key(cls, key: str) -> "Period":
        year, _, rest = key.partition("-")
        if rest.upper().startswith("Q"):
            period = cls(QUARTER, int(year), int(rest[1:]))
            if not 1 <= period.number <= 4:
                raise ValueError(key)
            return period
        period = cls(MONTH, int(year), int(rest))
        if not 1 <= period.number <= 12:
            raise ValueError(key)
        return period

    @classmethod
    def containing(cls, kind: str, day: datetime.date) -> "Period":
        return cls(kind, day.year, day.month if kind == MONTH else (day.month - 1) // 3 + 1)


def period_due_now(kind: str, today: datetime.date) -> Period:
    """The period whose notice the calendar asks about today: the last one that has ended.

    The current month's accounts cannot be published before the month ends, so on 3 March the
    finance notice in question is February's (due 10 March), and on 3 April the quarterly notice in
    question is the first quarter's (due 10 April).
    """
    return Period.containing(kind, today).previous()


@dataclass(frozen=True)
class Status:
    period: Period
    due: datetime.date
    published: bool
    overdue: bool
    # The period before, when its own due date has passed and it was never published either.
    earlier_missing: Period | None = None


def status(kind: str, today: datetime.date, published_keys: set[str], grace: int | None = None) -> Status:
    """Whether the notice for the period due now is published, and whether it is late."""
    period = period_due_now(kind, today)
    due = period.due(grace)
    published = period.key() in published_keys
    before = period.previous()
    earlier_missing = before if before.key() not in published_keys and today > before.due(grace) else None
    return Status(
        period=period,
        due=due,
        published=published,
        overdue=(not published and today > due) or earlier_missing is not None,
        earlier_missing=earlier_missing,
    )
