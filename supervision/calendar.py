"""The public disclosure calendar: for each village, which periods' notices are out, late and by how much, or
missing, over the last 24 months (VCOL art. 30: finances monthly, general affairs at least quarterly).

The due dates are notices.disclosure's, called, never recomputed here, and the line at the top of each village is
disclosure.status itself, the very figure the admin calendar (notices.calendar) shows. A notice counts from its
own date (the day it was posted, on the board or here); the admin's calendar counts any live notice for the
period, and so does this one, so both agree on what is published.

The departure audit (VCOL art. 35) is on the calendar too: due before the next committee election, which the
register knows by the committee's term end (supervision.audit_rules); done, late or due, from the village's
published departure audit reports.

Queries: four, whatever the number of villages and notices (pages, notices, audit reports, then nothing more).
"""

import datetime
from dataclasses import dataclass, field

from django.db.models import Q
from wagtail.models import Locale

from home.models import Village, VillagePage
from notices import disclosure
from notices.models import NoticePage

from . import audit_rules
from .audit_models import AuditReportPage

MONTHS_SHOWN = 24  # the issue asks for 24 months at least, not just the two periods the admin looks at
ON_TIME = "on_time"
LATE = "late"
MISSING = "missing"
NOT_DUE = "not_due"  # not published yet, but its due date has not passed


@dataclass(frozen=True)
class Cell:
    period: disclosure.Period
    due: datetime.date
    state: str
    published_on: datetime.date | None = None
    days_late: int = 0  # LATE: days after the due date it came out; MISSING: days overdue as of today

    @property
    def key(self) -> str:
        return self.period.key()


def history(
    kind: str, today: datetime.date, published: dict[str, datetime.date], count: int, grace: int | None = None
) -> list[Cell]:
    """The last ``count`` ended periods of a kind, newest first, each with its state. Pure: no database.

    ``published`` maps a period key to the date its (earliest) notice came out.
    """
    cells = []
    period = disclosure.period_due_now(kind, today)
    for _ in range(count):
        due = period.due(grace)
        on = published.get(period.key())
        if on is not None:
            late = (on - due).days
            cells.append(Cell(period, due, LATE if late > 0 else ON_TIME, on, max(late, 0)))
        elif today > due:
            cells.append(Cell(period, due, MISSING, None, (today - due).days))
        else:
            cells.append(Cell(period, due, NOT_DUE))
        period = period.previous()
    return cells


def periods_for(kind: str, months: int = MONTHS_SHOWN) -> int:
    return months if kind == disclosure.MONTH else months // 3


@dataclass
class Tally:
    on_time: int = 0
    late: int = 0
    missing: int = 0
    not_due: int = 0

    @classmethod
    def of(cls, cells: list[Cell]) -> "Tally":
        tally = cls()
        for cell in cells:
            setattr(tally, cell.state, getattr(tally, cell.state) + 1)
        return tally


@dataclass
class VillageCalendar:
    village: Village
    village_page: VillagePage | None
    finance: list[Cell]
    general: list[Cell]
    # The admin calendar's own figures (notices.disclosure.status), shown so that both say the same.
    finance_status: disclosure.Status
    general_status: disclosure.Status
    # The departure audit of the committee's present term (VCOL art. 35), due before the next election.
    departure_audit: audit_rules.DepartureAudit
    finance_tally: Tally = field(init=False)
    general_tally: Tally = field(init=False)

    def __post_init__(self) -> None:
        self.finance_tally = Tally.of(self.finance)
        self.general_tally = Tally.of(self.general)

    @property
    def missing(self) -> int:
        return self.finance_tally.missing + self.general_tally.missing

    @property
    def late(self) -> int:
        return self.finance_tally.late + self.general_tally.late


def _oldest(today: datetime.date, months: int) -> disclosure.Period:
    period = disclosure.period_due_now(disclosure.MONTH, today)
    for _ in range(months - 1):
        period = period.previous()
    return period


def calendars(villages: list[Village], today: datetime.date, months: int = MONTHS_SHOWN) -> list[VillageCalendar]:
    """The calendar of each village, in the order given."""
    locale = Locale.get_default()
    pages = {
        page.village_id: page
        for page in VillagePage.objects.filter(village__in=villages, locale=locale).only(
            "path", "village_id", "url_path", "title", "depth"
        )
    }
    by_path = {page.path: village_id for village_id, page in pages.items()}
    step = VillagePage.steplen

    def village_of(path: str) -> int | None:
        return next((by_path[path[:depth]] for depth in range(step, len(path), step) if path[:depth] in by_path), None)

    published: dict[int, dict[str, dict[str, datetime.date]]] = {
        village.pk: {disclosure.MONTH: {}, disclosure.QUARTER: {}} for village in villages
    }
    oldest = _oldest(today, months)
    # The same notices the admin calendar counts: live, default tree, monthly financial or quarterly general.
    notices = (
        NoticePage.objects.live()
        .filter(locale=locale, period_year__gte=oldest.year)
        .filter(
            Q(period_kind=disclosure.MONTH, category__is_financial=True)
            | Q(period_kind=disclosure.QUARTER, category__is_financial=False)
        )
    )
    if len(villages) == 1 and villages[0].pk in pages:
        notices = notices.filter(path__startswith=pages[villages[0].pk].path)
    rows = notices.values_list("path", "period_kind", "period_year", "period_number", "date")
    for path, kind, year, number, date in rows:
        village_id = village_of(path)
        if village_id is None or not year or not number:
            continue
        key = disclosure.Period(kind, year, number).key()
        known = published[village_id][kind]
        if key not in known or date < known[key]:
            known[key] = date
    # Departure audit reports of the terms shown: published within five years (a term, art. 11) of the earliest end.
    departures: dict[int, list[datetime.date]] = {village.pk: [] for village in villages}
    ends = [village.committee_term_ends_on for village in villages if village.committee_term_ends_on]
    if ends:
        audits = AuditReportPage.objects.live().filter(
            locale=locale,
            audit_kind=AuditReportPage.Kind.DEPARTURE,
            date__gte=audit_rules.term_starts_on(min(ends)),
        )
        if len(villages) == 1 and villages[0].pk in pages:
            audits = audits.filter(path__startswith=pages[villages[0].pk].path)
        for path, date in audits.values_list("path", "date"):
            if (village_id := village_of(path)) is not None:
                departures[village_id].append(date)
    result = []
    for village in villages:
        months_out = published[village.pk][disclosure.MONTH]
        quarters_out = published[village.pk][disclosure.QUARTER]
        result.append(
            VillageCalendar(
                village=village,
                village_page=pages.get(village.pk),
                finance=history(disclosure.MONTH, today, months_out, periods_for(disclosure.MONTH, months)),
                general=history(disclosure.QUARTER, today, quarters_out, periods_for(disclosure.QUARTER, months)),
                finance_status=disclosure.status(disclosure.MONTH, today, set(months_out)),
                general_status=disclosure.status(disclosure.QUARTER, today, set(quarters_out)),
                departure_audit=audit_rules.departure_audit(
                    village.committee_term_ends_on, departures[village.pk], today
                ),
            )
        )
    return result
