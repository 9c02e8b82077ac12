"""The disclosure calendar for a set of villages, in a fixed number of queries."""

import datetime
from dataclasses import dataclass

from django.db.models import Count, Exists, OuterRef, Q, QuerySet
from django.db.models.functions import Substr
from wagtail.models import Page

from home.models import Village, VillagePage
from home.scopes import SCOPE_DEPTH
from home.translations import default_locale_id

from . import disclosure
from .models import NoticePage, NoticeQuestion

# A village page sits below its language's portal home (home.scopes): its path is three steps long.
VILLAGE_PATH_LENGTH = SCOPE_DEPTH * Page.steplen


@dataclass(frozen=True)
class VillageRow:
    village: Village
    village_page: VillagePage | None
    finance: disclosure.Status
    general: disclosure.Status
    overdue_questions: int

    @property
    def overdue(self) -> bool:
        return self.finance.overdue or self.general.overdue


def village_queryset(user) -> QuerySet[Village]:
    """County staff see every village; a committee its own. Ordered for paging (pk breaks a tie of names)."""
    villages = Village.objects.order_by("township", "name", "pk")
    return villages if user.is_superuser else villages.filter(committee_group__user=user)


def villages_for(user) -> "list[Village]":
    return list(village_queryset(user))


def townships(villages: QuerySet[Village]) -> list[str]:
    """The townships of these villages, in one DISTINCT query (about 20 rows for 305 villages)."""
    rows = villages.exclude(township="").order_by("township").values_list("township", flat=True).distinct()
    return list(rows)


def _published(kind: str, period: disclosure.Period) -> QuerySet:
    """The ids of the villages with this period's notice live: the notices calendar_rows counts (monthly in a
    financial category, quarterly in another), each matched to its village page by its path cut to a village
    page's length. Not correlated: the database reads the period's notices once (a hashed subplan), where an
    EXISTS per village scanned them for every village (1 s for 150 villages)."""
    notices = (
        NoticePage.objects.live()
        .filter(
            locale_id=default_locale_id(),
            period_kind=kind,
            period_year=period.year,
            period_number=period.number,
            category__is_financial=kind == disclosure.MONTH,
        )
        .annotate(village_path=Substr("path", 1, VILLAGE_PATH_LENGTH))
        .values("village_path")
    )
    return VillagePage.objects.filter(path__in=notices).values("village_id")


def overdue_villages(villages: QuerySet[Village], today: datetime.date) -> QuerySet[Village]:
    """The villages that calendar_rows would mark overdue (a late notice or a late answer), found by the
    database: one query for a page of them and one to count them, whatever the county's size.

    disclosure.status's rule, with the dates decided here: a period's notice is late when today is past its due
    date and it is not published; the calendar asks about the period due now and the one before it.
    """
    late = Q(Exists(NoticeQuestion.objects.overdue().filter(village=OuterRef("pk"))))
    for kind in (disclosure.MONTH, disclosure.QUARTER):
        period = disclosure.period_due_now(kind, today)
        for asked in (period, period.previous()):
            if today > asked.due():
                late |= ~Q(pk__in=_published(kind, asked))
    return villages.filter(late)


def calendar_rows(villages: list[Village], today: datetime.date) -> list[VillageRow]:
    pages = {
        page.village_id: page
        for page in VillagePage.objects.filter(village__in=villages, locale_id=default_locale_id()).only(
            "path", "village_id", "url_path", "title"
        )
    }
    keys: dict[int, dict[str, set[str]]] = {village.pk: {"finance": set(), "general": set()} for village in villages}
    by_path = {page.path: page.village_id for page in pages.values()}
    notices = NoticePage.objects.live().filter(locale_id=default_locale_id()).exclude(period_kind="")
    # Only the periods the calendar asks about: the last ended one and the one before, per kind.
    wanted = Q(pk__in=[])
    for kind, financial in ((disclosure.MONTH, True), (disclosure.QUARTER, False)):
        current = disclosure.period_due_now(kind, today)
        for period in (current, current.previous()):
            wanted |= Q(
                period_kind=kind,
                period_year=period.year,
                period_number=period.number,
                category__is_financial=financial,
            )
    # Only these villages' notices, each with its village page's path cut from its own (the database matches
    # the prefix): a page of the calendar reads its villages' notices, not the county's.
    lengths = {len(path) for path in by_path}
    rows = []
    for length in sorted(lengths):
        prefixed = notices.filter(wanted).annotate(village_path=Substr("path", 1, length))
        rows += prefixed.filter(village_path__in=[p for p in by_path if len(p) == length]).values_list(
            "village_path", "period_kind", "period_year", "period_number"
        )
    for village_path, kind, year, number in rows:
        if not year or not number:
            continue
        bucket = "finance" if kind == disclosure.MONTH else "general"
        keys[by_path[village_path]][bucket].add(disclosure.Period(kind, year, number).key())
    late_questions = dict(
        NoticeQuestion.objects.overdue()
        .filter(village__in=villages)
        .values_list("village")
        .annotate(count=Count("pk"))
        .values_list("village", "count")
    )
    return [
        VillageRow(
            village=village,
            village_page=pages.get(village.pk),
            finance=disclosure.status(disclosure.MONTH, today, keys[village.pk]["finance"]),
            general=disclosure.status(disclosure.QUARTER, today, keys[village.pk]["general"]),
            overdue_questions=late_questions.get(village.pk, 0),
        )
        for village in villages
    ]
