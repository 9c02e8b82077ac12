"""Cache scopes: the part of the portal a cached entry belongs to, so that a change retires only that part.

A scope is the first URL segment below a language's portal home: a village's slug ("dongshan"), a portal-wide
section's slug ("legal-aid", "legal-education"), or "" for the portal home itself. The page cache
(portal/pagecache) and the tree cache (home/treecache.py) both key their generation counters by it, so a page is
placed by its url_path alone, without a query.

One village has a page in each language tree, and the slugs may differ between languages (a translator may
translate one). What a page shows in one language depends on its translations in the others (the language links,
the untranslated fallback of home.routing), so a change retires the scope in every language: translated() maps a
slug to the slugs of all translations of its depth-3 page. That map is one small query (a row per village and
language) kept in the cache, forgotten when a depth-3 page is created, renamed, moved or deleted (forget()).
"""

import contextlib
import logging
from collections import defaultdict

from django.core.cache import cache
from django.db import transaction

logger = logging.getLogger(__name__)

HOME = ""  # the scope of the portal home page (the language root) itself
GROUPS_KEY = "home:scope-groups:v1"
TIMEOUT = 60 * 60
# Root (1) → portal home (2) → village or portal-wide section (3): the page that names a scope.
SCOPE_DEPTH = 3


def scope_of_url_path(url_path: str) -> str:
    """'/<portal home>/<village or section>/...' → the village's or section's slug; the portal home → ''."""
    parts = [part for part in url_path.split("/") if part]
    return parts[1] if len(parts) >= 2 else HOME


def _load_groups() -> dict[str, frozenset[str]]:
    from wagtail.models import Page

    by_key: dict[object, set[str]] = defaultdict(set)
    for translation_key, slug in Page.objects.filter(depth=SCOPE_DEPTH).values_list("translation_key", "slug"):
        by_key[translation_key].add(slug)
    groups: dict[str, set[str]] = defaultdict(set)
    for slugs in by_key.values():
        for slug in slugs:
            groups[slug] |= slugs  # two villages with one slug in different trees: both, to be safe
    return {slug: frozenset(slugs) for slug, slugs in groups.items()}


def translated(scopes: set[str] | list[str] | tuple[str, ...]) -> set[str]:
    """These scopes and the same villages' or sections' scopes in every other language."""
    wanted = set(scopes)
    if not wanted - {HOME}:
        return wanted
    try:
        groups = cache.get(GROUPS_KEY)
        if groups is None:
            groups = _load_groups()
            cache.set(GROUPS_KEY, groups, timeout=TIMEOUT)
    except Exception:  # a cache outage: ask the database, keep nothing
        logger.warning("Scope groups unavailable from the cache", exc_info=True)
        groups = _load_groups()
    found = set(wanted)
    for scope in wanted:
        found |= groups.get(scope, frozenset())
    return found


def forget() -> None:
    """A depth-3 page appeared, moved, was renamed or deleted: the map is read again on next use, now and once
    more at commit (a bump in between may have read the old rows)."""
    _delete()
    transaction.on_commit(_delete)


def _delete() -> None:
    with contextlib.suppress(Exception):
        cache.delete(GROUPS_KEY)
