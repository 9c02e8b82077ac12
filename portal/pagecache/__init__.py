"""Whole-page cache for anonymous visitors, with cheap invalidation by generation counters.

Every cached page carries two generation numbers kept in the cache itself: a global one and one for
the page's *scope*, the first path segment after the language prefix (a village's slug, or a portal-wide
section such as ``legal-aid`` or ``search``), read together with the entry (read_entry). Invalidating a village
bumps its scope's counter and the portal-wide scopes' counters (home, search, directories), so the old entries
no longer match and are rebuilt or expire on their own: no key scans, and the same code works on Redis and on
local memory.

Counters start at the current time in nanoseconds rather than at zero, so that a counter evicted from the
cache (local memory culls, Redis restarts) can never come back at a value an old entry was stored under.
"""

import logging
import time
from collections.abc import Iterable

from django.conf import settings
from django.core.cache import BaseCache, caches

logger = logging.getLogger(__name__)

GLOBAL_SCOPE = "*"
GENERATION_PREFIX = "pagecache:gen:"
ENTRY_PREFIX = "pagecache:page:"


def page_cache() -> BaseCache:
    return caches[getattr(settings, "PAGE_CACHE_ALIAS", "default")]


def generation_key(scope: str) -> str:
    return f"{GENERATION_PREFIX}{scope}"


def current_generations(scope: str) -> tuple[int, int]:
    """The global and the scope's generation numbers, created on first use."""
    return read_entry(None, scope)[0]


def read_entry(key: str | None, scope: str) -> tuple[tuple[int, int], dict | None]:
    """The current generations and the entry under `key` if it was built under them (else None), in one round
    trip to the cache (a second only the first time a generation counter is needed)."""
    cache = page_cache()
    keys = [generation_key(GLOBAL_SCOPE), generation_key(scope)]
    found = cache.get_many(keys if key is None else [key, *keys])
    for name in keys:
        if name not in found:
            cache.add(name, time.time_ns(), timeout=None)
            found[name] = cache.get(name, time.time_ns())
    generations = (found[keys[0]], found[keys[1]])
    entry = found.get(key) if key is not None else None
    if entry is not None and tuple(entry.get("generations", ())) != generations:
        entry = None  # built before a change to its scope or to everything: as good as gone
    return generations, entry


def bump(scopes: Iterable[str]) -> None:
    """Make every cached page of these scopes stale at once. Never raises: a cache outage must not break a
    write; the entries then expire after PAGE_CACHE_SECONDS at the latest."""
    cache = page_cache()
    for scope in set(scopes):
        key = generation_key(scope)
        try:
            try:
                cache.incr(key)
            except ValueError:  # not there (yet, or evicted): a fresh counter is as good as a bump
                cache.add(key, time.time_ns(), timeout=None)
        except Exception:
            logger.exception("Could not invalidate the page cache for scope %r", scope)


def bump_everything() -> None:
    bump([GLOBAL_SCOPE])
