"""What is read from the page tree on every page view, kept in the cache until the tree next changes.

A page view in a village reads, besides its own content, the same few rows on every visit: the pages on its URL's
path, the page itself, its translations for the language links, the village's urgent notices and, for council and
consultation pages, the village. They change only when a page or a village is saved, deleted or moved, and every
such change gives the cached lookups a new stamp (home/lookups.py). Entries here are keyed by that stamp, so a
change retires all of them at once, in every worker, with no list of keys to delete; old entries expire on their
own.

A ballot, a support or a comment changes none of these rows: after one of them clears a village's whole-page cache,
the next visitor's page is rendered again from its own rows but routed from here (one cache read instead of four
or five queries). Only URLs that are pages all the way down are kept: a 404 or a sub-page route (a meeting, an
archive year) is routed from the database, so no one can fill the cache with made-up URLs.

Off with the lookup cache (LOOKUP_CACHE_ENABLED, off in tests) or TREE_CACHE_ENABLED: everything is read from the
database.
"""

import hashlib
import logging
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, TypeVar

from django.conf import settings
from django.core.cache import cache
from wagtail.models import Page

from . import lookups

logger = logging.getLogger(__name__)

TIMEOUT = 60 * 60
T = TypeVar("T")


@dataclass(frozen=True)
class RouteEntry:
    chain: list[Page]  # the pages on the path below the language root, plain Page objects, shallowest first
    page: Page  # the last of them as its specific type, with its route_select_related relations
    translations: list[Page]  # its translations, as portal_tags.language_links loads them
    village: Any  # the page's Village for page types that set route_with_village, else None


def _stamp() -> str | None:
    """The lookups' stamp, or None when this cache is off (TREE_CACHE_ENABLED, or the lookup cache off)."""
    if not getattr(settings, "TREE_CACHE_ENABLED", True):
        return None
    found = lookups.lookups()
    return None if found is None else found.stamp


def _key(stamp: str, name: str, parts: tuple) -> str:
    digest = hashlib.sha1(repr(parts).encode(), usedforsecurity=False).hexdigest()
    return f"home:tree:{stamp}:{name}:{digest}"


def _read(key: str) -> Any:
    try:
        return cache.get(key)
    except Exception:  # an outage or an entry that no longer unpickles costs the queries, not the page
        logger.warning("Tree cache unavailable", exc_info=True)
        return None


def _keep(key: str, value: Any) -> None:
    try:
        cache.set(key, value, timeout=TIMEOUT)
    except Exception:
        logger.warning("Tree cache unavailable", exc_info=True)


def remember(name: str, parts: tuple, compute: Callable[[], T]) -> T:
    """compute(), kept under (name, parts) until the page tree changes; compute() only with the cache off."""
    stamp = _stamp()
    if stamp is None:
        return compute()
    key = _key(stamp, name, parts)
    value = _read(key)
    if value is None:
        value = compute()
        _keep(key, value)
    return value


def route(root: Page, components: list[str]) -> RouteEntry | None:
    """The entry kept for this URL, or None (not kept yet, or the cache is off)."""
    stamp = _stamp()
    return None if stamp is None else _read(_key(stamp, "route", (root.pk, *components)))


def keep_route(root: Page, components: list[str], chain: list[Page], page: Page) -> RouteEntry | None:
    """Build the entry for a URL that is pages all the way down (one or two queries, once per tree change) and
    keep it; None with the cache off."""
    stamp = _stamp()
    if stamp is None:
        return None
    entry = RouteEntry(chain=chain, page=page, translations=translations_of(page), village=_village(chain, page))
    _keep(_key(stamp, "route", (root.pk, *components)), entry)
    return entry


def translations_of(page: Page) -> list[Page]:
    """The page and its translations with only what a language link needs: a full page row has thirty columns."""
    candidates = page.get_translations(inclusive=True).select_related("locale")
    return list(candidates.only("title", "url_path", "path", "depth", "locale__language_code"))


def _village(chain: list[Page], page: Page) -> Any:
    if not getattr(page, "route_with_village", False):
        return None
    from home.models import VillagePage

    village_page = next((item for item in chain if item.specific_class is VillagePage), None)
    if village_page is None:
        return None
    return VillagePage.objects.select_related("village").get(pk=village_page.pk).village
