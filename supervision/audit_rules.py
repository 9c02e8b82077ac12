"""Economic responsibility audits (经济责任审计, VCOL art. 35): when a departure audit is due, as pure date rules.

VCOL art. 35: the members of the village committee undergo a term audit (任期审计) and a departure audit (离任审计),
organised by the county's agriculture or finance departments or by the township; "村民委员会成员的离任经济责任审计
结果应当在村民委员会换届选举前公布" — a departure audit's results are published before the next committee election.
The portal knows the election by the day the committee's term ends (Village.committee_term_ends_on): VCOL art. 11,
a term is five years and the next committee is elected when it ends.

No database here: dates in, a state out, so the boundaries are tested on their own.
"""

import datetime
from dataclasses import dataclass

# VCOL art. 11: "村民委员会每届任期五年，届满应当及时举行换届选举".
TERM_YEARS = 5

DONE = "done"  # a departure audit of this term is published on or before its due day
DONE_LATE = "done_late"  # published, but after the due day (days_late says by how much)
DUE = "due"  # not published yet; the due day has not passed (days_left says how many days remain)
LATE = "late"  # not published and the due day has passed (days_late: days overdue as of today)
NO_DATE = "no_date"  # the register has no term end: the portal cannot say when the audit is due
STATES = (DONE, DONE_LATE, DUE, LATE, NO_DATE)


def years_before(day: datetime.date, years: int) -> datetime.date:
    """The same day ``years`` years earlier; 29 February becomes 28 February in a common year."""
    try:
        return day.replace(year=day.year - years)
    except ValueError:
        return day.replace(year=day.year - years, day=28)


def term_starts_on(term_ends_on: datetime.date) -> datetime.date:
    """The first day of the term that ends on ``term_ends_on``: five years (art. 11) back, plus one day."""
    return years_before(term_ends_on, TERM_YEARS) + datetime.timedelta(days=1)


def departure_audit_due(term_ends_on: datetime.date) -> datetime.date:
    """The last day the departure audit may be published: the day before the term ends.

    Art. 35 says "before the election" (换届选举前); the election is held when the term ends, and the election day
    itself is too late ("前" excludes it), so the strictest day the register can prove is term end − 1 day.
    """
    return term_ends_on - datetime.timedelta(days=1)


@dataclass(frozen=True)
class DepartureAudit:
    state: str
    due: datetime.date | None = None
    term_ends_on: datetime.date | None = None
    published_on: datetime.date | None = None
    days_late: int = 0
    days_left: int = 0


def departure_audit(
    term_ends_on: datetime.date | None, published: list[datetime.date], today: datetime.date
) -> DepartureAudit:
    """The state of the departure audit of the term ending on ``term_ends_on``.

    ``published``: the days the village's departure audit reports were published. Only those within this term
    count (a report of the previous term's departure does not answer for this one); the earliest one decides.
    """
    if term_ends_on is None:
        return DepartureAudit(NO_DATE)
    due = departure_audit_due(term_ends_on)
    start = term_starts_on(term_ends_on)
    in_term = sorted(day for day in published if start <= day)
    if in_term:
        first = in_term[0]
        late = (first - due).days
        state = DONE_LATE if late > 0 else DONE
        return DepartureAudit(state, due, term_ends_on, first, days_late=max(late, 0))
    if today > due:
        return DepartureAudit(LATE, due, term_ends_on, days_late=(today - due).days)
    return DepartureAudit(DUE, due, term_ends_on, days_left=(due - today).days)
