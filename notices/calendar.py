"""The disclosure calendar for a set of villages, in a fixed number of queries."""

import datetime
from dataclasses import dataclass

from django.db.models import Count, Q
from django.db.models.functions import Substr
from wagtail.models import Locale

from home.models import Village, VillagePage

from . import disclosure
from .models import NoticePage, NoticeQuestion


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


def villages_for(user) -> "list[Village]":
    """County staff see every village; a committee its own."""
    villages = Village.objects.order_by("township", "name")
    if user.is_superuser:
        return list(villages)
    return list(villages.filter(committee_group__user=user))


def calendar_rows(villages: list[Village], today: datetime.date) -> list[VillageRow]:
    pages = {
        page.village_id: page
        for page in VillagePage.objects.filter(village__in=villages, locale=Locale.get_default()).only(
            "path", "village_id", "url_path", "title"
        )
    }
    keys: dict[int, dict[str, set[str]]] = {village.pk: {"finance": set(), "general": set()} for village in villages}
    by_path = {page.path: page.village_id for page in pages.values()}
    notices = NoticePage.objects.live().filter(locale=Locale.get_default()).exclude(period_kind="")
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
