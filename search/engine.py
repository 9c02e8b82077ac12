"""Runs a site search: one query for the page of results, then hits (links, snippets) for that page
only. Read-only: no state changes."""

import datetime
from dataclasses import dataclass, field

from django.utils.translation import gettext as _

from search.highlight import highlight
from search.query import search_ids
from search.registry import Hit, Query, search_type
from search.text import query_terms


@dataclass
class Results:
    hits: list[Hit] = field(default_factory=list)  # the asked page of results
    total: int = 0  # how many results in all
    offset: int = 0


def restricted_paths() -> list[str]:
    """Tree paths of pages under a view restriction: their rows (and those below) are never shown."""
    from wagtail.models import PageViewRestriction

    from home import lookups

    cached = lookups.lookups()
    if cached is not None:
        return list(cached.restricted_paths)
    return list(PageViewRestriction.objects.values_list("page__path", flat=True).distinct())


def run(query: Query, offset: int = 0, limit: int = 10) -> Results:
    """The results from `offset`, ranked; every word must match, or, when nothing does, any word.

    Asking beyond the last result gives the last page (as Django's paginator does).
    """
    query.terms = query_terms(query.text)
    if not query.terms:
        return Results()
    restricted = restricted_paths()
    for operator in ("and", "or"):
        query.operator = operator
        ids, total = search_ids(query, restricted, offset, limit)
        if total or len(query.terms) == 1:
            break
    if total and not ids:  # past the end
        offset = (total - 1) // limit * limit
        ids, total = search_ids(query, restricted, offset, limit)
    return Results(hits=make_hits(ids, query), total=total, offset=offset)


def make_hits(ids: list[int], query: Query) -> list[Hit]:
    """Hits for these index rows, in this order: two queries whatever their number."""
    from wagtail.models import Page

    from search.models import SearchDocument

    rows = SearchDocument.objects.in_bulk(ids)
    pages = Page.objects.in_bulk({row.page_id for row in rows.values()})
    today = datetime.date.today()
    hits = []
    for row in (rows[pk] for pk in ids if pk in rows):
        page = pages.get(row.page_id)
        kind = search_type(row.kind)
        hit = Hit(
            kind=row.kind,
            kind_label=str(kind.label) if kind else row.kind,
            title=row.title,
            url=((page.get_url(query.request) or "") + row.anchor) if page else "",
            text=row.body,
            date=row.date,
            village=row.village_name,
            snippet=highlight(row.body, query.terms),
        )
        if row.expires and row.expires < today:
            hit.note = _("no longer posted")
        hits.append(hit)
    return hits
