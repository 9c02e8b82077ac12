"""What is read from the page tree on every page view, kept in the cache until that part of the tree changes.

A page view in a village reads, besides its own content, the same few rows on every visit: the pages on its URL's
path, the page itself, its translations for the language links, the village's urgent notices and, for council and
consultation pages, the village. They change only when a page or a village is saved, deleted or moved.

Entries are scoped (home/scopes.py): each belongs to one village or portal-wide section (the first URL segment
below the portal home) and is stored with the generation numbers it was built under, the county-wide one
(EVERYTHING) and its scope's. A change bumps the scopes it touches (home/treeinvalidation.py): a page saved in
one village retires that village's entries, in every language, and leaves the other villages' entries warm; a
change to the sites, the locales or the portal home retires everything (bump_everything, clear_portal_caches).
Reading an entry and its two counters is one round trip (get_many); an entry whose numbers no longer match is as
good as gone and is replaced on the next view, with no list of keys to delete. Counters start at the current
time in nanoseconds, so one evicted from the cache never comes back at a value an old entry was stored under.

Within a request the counters are read once per scope and kept on the thread (a page view reads its route and
its urgent notices, both of one scope); request_started and request_finished drop that copy, and so does every
bump, so a request never keeps an entry built under counters older than its start.

A ballot, a support or a comment changes none of these rows: after one of them clears a village's whole-page cache,
the next visitor's page is rendered again from its own rows but routed from here (one cache read instead of four
or five queries). Only URLs that are pages all the way down are kept: a 404 or a sub-page route (a meeting, an
archive year) is routed from the database, so no one can fill the cache with made-up URLs.

Off with the lookup cache (LOOKUP_CACHE_ENABLED, off in tests) or TREE_CACHE_ENABLED: everything is read from the
database.
"""

import hashlib
import logging
import threading
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any, TypeVar

from django.conf import settings
from django.core.cache import cache
from django.core.signals import request_finished, request_started
from django.db import transaction
from wagtail.models import Page

from . import lookups
from .scopes import scope_of_url_path

logger = logging.getLogger(__name__)

TIMEOUT = 60 * 60
EVERYTHING = "*"  # the county-wide counter: every entry depends on it
GENERATION_PREFIX = "home:tree:gen:"
ENTRY_PREFIX = "home:tree:entry:"
T = TypeVar("T")
Generations = tuple[int, int]


@dataclass(frozen=True)
class RouteEntry:
    chain: list[Page]  # the pages on the path below the language root, plain Page objects, shallowest first
    page: Page  # the last of them as its specific type, with its route_select_related relations
    translations: list[Page]  # its translations, as portal_tags.language_links loads them
    village: Any  # the page's Village for page types that set route_with_village, else None


class _RequestCopy(threading.local):
    generations: dict[str, Generations] | None = None
    last_route: tuple[str, Generations] | None = None


_request_copy = _RequestCopy()


def _request_started(**kwargs) -> None:
    _request_copy.generations, _request_copy.last_route = {}, None


def _request_finished(**kwargs) -> None:
    _request_copy.generations, _request_copy.last_route = None, None


def connect() -> None:
    """Called once from HomeConfig.ready()."""
    request_started.connect(_request_started, dispatch_uid="treecache_request_started")
    request_finished.connect(_request_finished, dispatch_uid="treecache_request_finished")


def enabled() -> bool:
    """Off with TREE_CACHE_ENABLED or with the lookup cache (the switches bench/pages.py --layers turns)."""
    return getattr(settings, "TREE_CACHE_ENABLED", True) and lookups.enabled()


def generation_key(scope: str) -> str:
    return f"{GENERATION_PREFIX}{scope}"


def entry_key(scope: str, name: str, parts: tuple) -> str:
    """Named by its scope in the clear (a slug), so that one can see which village an entry belongs to."""
    digest = hashlib.sha1(repr((scope, name, parts)).encode(), usedforsecurity=False).hexdigest()
    return f"{ENTRY_PREFIX}{scope}:{name}:{digest}"


def _fetch(key: str, scope: str) -> tuple[Generations, Any] | None:
    """The current counters for the scope and the value kept under `key` if it was built under them (else None);
    None for both when the cache fails (the caller computes and keeps nothing)."""
    known = _request_copy.generations.get(scope) if _request_copy.generations is not None else None
    names = [generation_key(EVERYTHING), generation_key(scope)]
    try:
        found = cache.get_many([key] if known is not None else [key, *names])
        if known is None:
            for name in names:
                if name not in found:  # first use, or evicted: a fresh counter can match no old entry
                    cache.add(name, time.time_ns(), timeout=None)
                    found[name] = cache.get(name, time.time_ns())
            known = (found[names[0]], found[names[1]])
            if _request_copy.generations is not None:
                _request_copy.generations[scope] = known
    except Exception:  # an outage or an entry that no longer unpickles costs the queries, not the page
        logger.warning("Tree cache unavailable", exc_info=True)
        return None
    stored = found.get(key)
    if isinstance(stored, tuple) and len(stored) == 2 and stored[0] == known:
        return known, stored[1]
    return known, None


def _keep(key: str, generations: Generations, value: Any) -> None:
    try:
        cache.set(key, (generations, value), timeout=TIMEOUT)
    except Exception:
        logger.warning("Tree cache unavailable", exc_info=True)


def bump(scopes: Iterable[str]) -> None:
    """Retire every entry of these scopes (EVERYTHING: all of them), now and again at commit: a request that read
    the old rows between the change and the commit must not leave them behind under the new counters. Never
    raises: a cache outage must not break a write (entries then expire after TIMEOUT at the latest)."""
    wanted = sorted(set(scopes))
    if not wanted:
        return
    _bump_now(wanted)
    transaction.on_commit(lambda: _bump_now(wanted))


def bump_everything() -> None:
    bump([EVERYTHING])


def _bump_now(scopes: list[str]) -> None:
    if _request_copy.generations is not None:
        _request_copy.generations.clear()
    for scope in scopes:
        name = generation_key(scope)
        try:
            try:
                cache.incr(name)
            except ValueError:  # not there (yet, or evicted): a fresh counter is as good as a bump
                cache.add(name, time.time_ns(), timeout=None)
        except Exception:
            logger.exception("Could not retire the tree cache of scope %r", scope)


def remember(name: str, parts: tuple, compute: Callable[[], T], *, scope: str) -> T:
    """compute(), kept under (name, parts) until the scope (home/scopes.py) changes; compute() only with the
    cache off. The scope must cover every row compute() reads: a bump of it is what retires the value."""
    if not enabled():
        return compute()
    key = entry_key(scope, name, parts)
    fetched = _fetch(key, scope)
    if fetched is not None and fetched[1] is not None:
        return fetched[1]
    value = compute()
    if fetched is not None and value is not None:
        _keep(key, fetched[0], value)
    return value


def route_scope(root: Page, components: list[str]) -> str:
    """The scope of the URL routed from this language root: its village or section, or '' for the home."""
    return scope_of_url_path(root.url_path + "".join(f"{part}/" for part in components))


def route(root: Page, components: list[str]) -> RouteEntry | None:
    """The entry kept for this URL, or None (not kept yet, retired, or the cache is off)."""
    if not enabled():
        return None
    scope = route_scope(root, components)
    key = entry_key(scope, "route", (root.pk, *components))
    fetched = _fetch(key, scope)
    # keep_route stores what routing reads next under the counters read here, before the database was asked.
    _request_copy.last_route = (key, fetched[0]) if fetched is not None else None
    return fetched[1] if fetched is not None else None


def keep_route(root: Page, components: list[str], chain: list[Page], page: Page) -> RouteEntry | None:
    """Build the entry for a URL that is pages all the way down (one or two queries, once per change of its
    scope) and keep it; None with the cache off."""
    if not enabled():
        return None
    scope = route_scope(root, components)
    key = entry_key(scope, "route", (root.pk, *components))
    last = getattr(_request_copy, "last_route", None)
    generations = last[1] if last is not None and last[0] == key else None
    entry = RouteEntry(chain=chain, page=page, translations=translations_of(page), village=_village(chain, page))
    if generations is not None:
        _keep(key, generations, entry)
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
