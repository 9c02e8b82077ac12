"""Runs a site search over the registered types and ranks the hits. Read-only: no state changes."""

import datetime

from search.highlight import highlight
from search.registry import Hit, Query, search_types
from search.text import normalise, query_terms


def rank_key(hit: Hit, terms: list[str], every_word: bool) -> tuple:
    """Title hits first, then (when some words were missing) more query words in the text, then the
    newer on ties, then the backend's own order.

    Backend scores are not comparable across types or backends (BM25 on SQLite, ts_rank on PostgreSQL),
    so they only break the last ties, through the position they gave.
    """
    wanted = set(terms) or {""}
    in_title = len(wanted & hit.title_terms) / len(wanted)
    if every_word:  # the backend matched every word in the title or the text
        in_text = 1.0
    else:
        folded = normalise(hit.title + " " + hit.text)
        in_text = sum(term in folded for term in wanted) / len(wanted)
    date = hit.date or datetime.date.min
    return (-round(in_title, 2), -round(in_text, 2), -date.toordinal(), hit.position)


def run(query: Query, kinds: list[str] | None = None) -> list[Hit]:
    """All hits for the query, ranked; every word must match, or, when nothing does, any word."""
    query.terms = query_terms(query.text)
    if not query.terms:
        return []
    chosen = [t for t in search_types() if not kinds or t.key in kinds]
    hits: list[Hit] = []
    for operator in ("and", "or"):
        query.operator = operator
        hits = [hit for search_type in chosen for hit in search_type.search(query)]
        if hits or len(query.terms) == 1:
            break
    hits = _without_restricted(hits)
    hits.sort(key=lambda hit: rank_key(hit, query.terms, query.operator == "and"))
    _name_villages(hits, query)
    return hits


def _without_restricted(hits: list[Hit]) -> list[Hit]:
    """Drop hits on pages at or under a view restriction: one query for the whole search."""
    from wagtail.models import PageViewRestriction

    if not any(hit.path for hit in hits):
        return hits
    restricted = tuple(PageViewRestriction.objects.values_list("page__path", flat=True))
    if not restricted:
        return hits
    return [hit for hit in hits if not (hit.path and hit.path.startswith(restricted))]


def _name_villages(hits: list[Hit], query: Query) -> None:
    from home.models import VillagePage

    if not any(hit.path for hit in hits):
        return
    villages = dict(VillagePage.objects.filter(locale=query.locale).values_list("path", "title"))
    for hit in hits:
        hit.village = next((name for path, name in villages.items() if hit.path.startswith(path)), "")


def add_snippets(hits: list[Hit], terms: list[str]) -> None:
    """Only for the hits on the page shown: cutting snippets for all of them would waste time."""
    for hit in hits:
        hit.snippet = highlight(hit.text, terms)
