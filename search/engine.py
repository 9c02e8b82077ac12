"""Runs a site search: the ranked page of results and their (capped) count, then hits (links, snippets)
for that page only; when nothing is found, "did you mean" suggestions. Read-only: no state changes."""

import datetime
from dataclasses import dataclass, field

from django.utils.translation import gettext as _

from search import synonyms
from search.highlight import highlight
from search.planner import make_plan
from search.query import COUNT_CAP, own_language_first, search_ids
from search.registry import Hit, Query, search_type


@dataclass
class Results:
    hits: list[Hit] = field(default_factory=list)  # the asked page of results
    total: int = 0  # how many results in all, at most COUNT_CAP: the pages reach that far
    offset: int = 0
    more: bool = False  # more than COUNT_CAP results; only the first COUNT_CAP are listed
    titles_only: bool = False  # a one-character query: only titles were searched
    suggestions: list[str] = field(default_factory=list)  # "did you mean", when nothing was found


def restricted_paths() -> list[str]:
    """Tree paths of pages under a view restriction: their rows (and those below) are never shown."""
    from wagtail.models import PageViewRestriction

    from home import lookups

    cached = lookups.lookups()
    if cached is not None:
        return list(cached.restricted_paths)
    return list(PageViewRestriction.objects.values_list("page__path", flat=True).distinct())


def run(query: Query, offset: int = 0, limit: int = 10, suggest: bool = True, known=None) -> Results:
    """The results from `offset`, ranked; every concept must match, or, when nothing does, any of them.

    Asking beyond the last result gives the last page (as Django's paginator does); the last page is at
    most the one ending at the COUNT_CAP-th result.
    """
    known = known or synonyms.current()
    query.plan = make_plan(query.text, known)
    query.terms = query.plan.highlight_terms()
    if not query.plan:
        return Results()
    cap = COUNT_CAP
    offset = min(offset, (cap - 1) // limit * limit)
    shown = min(limit, cap - offset)  # nothing past the cap, so a page never lists more than were counted
    restricted = restricted_paths()
    for operator in ("and", "or"):
        query.operator = operator
        ids, total = search_ids(query, restricted, offset, shown, cap)
        if total or len(query.plan.required) <= 1:
            break
    if total and not ids:  # past the end
        offset = (min(total, cap) - 1) // limit * limit
        ids, total = search_ids(query, restricted, offset, min(limit, cap - offset), cap)
    results = Results(
        hits=make_hits(ids, query),
        total=min(total, cap),
        offset=offset,
        more=total > cap,
        titles_only=bool(query.plan.titles_only),
    )
    if not total and suggest:
        from search.suggest import suggestions

        results.suggestions = suggestions(query, known)
    return results


HIT_FIELDS = ("kind", "page", "anchor", "title", "body", "date", "village_name", "expires", "language")


def make_hits(ids: list[int], query: Query) -> list[Hit]:
    """Hits for these index rows, in this order: one query whatever their number."""
    from search.models import SearchDocument

    # One query, only what a hit shows: the stored word lists are the larger part of a row, and a link
    # needs only the page's url_path (Page.get_url), not the thirty columns of a page.
    rows = SearchDocument.objects.select_related("page").only(*HIT_FIELDS, "page__url_path").in_bulk(ids)
    today = datetime.date.today()
    label_language = own_language_first(query)
    hits = []
    for row in (rows[pk] for pk in ids if pk in rows):
        kind = search_type(row.kind)
        hit = Hit(
            kind=row.kind,
            kind_label=str(kind.label) if kind else row.kind,
            title=row.title,
            url=(row.page.get_url(query.request) or "") + row.anchor,
            text=row.body,
            date=row.date,
            village=row.village_name,
            snippet=highlight(row.body, query.terms),
        )
        notes = []
        if row.expires and row.expires < today:
            notes.append(_("no longer posted"))
        if label_language and row.language and row.language != query.locale.language_code:
            hit.untranslated = True
            notes.append(_("in Chinese only: not translated yet"))
        hit.note = " · ".join(notes)
        hits.append(hit)
    return hits
