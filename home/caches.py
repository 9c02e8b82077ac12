"""Forget every cached copy of the portal's rows at once: for writes that bypass Django's signals.

The caches follow the database through signals (post_save, post_delete, page_published, m2m_changed…): the page
cache and the tree cache bump the scopes a change touches (portal.pagecache.invalidation, home.treeinvalidation),
the lookups are dropped (home.lookups). `queryset.update()`, `bulk_create()`, raw SQL, a data migration or a restore
send no signal, so after one of them the cached pages keep the old data until they expire (PAGE_CACHE_SECONDS).
Such a write calls clear_portal_caches() (or `manage.py clear_portal_caches`) when it is done.
"""

from portal import pagecache

from . import lookups, scopes, treecache


def clear_portal_caches() -> list[str]:
    """Make every cached page stale and drop the cached lookups and routes; returns what was cleared."""
    pagecache.bump_everything()  # every anonymous page, in every village and language, is rendered afresh
    lookups.clear()  # sites, locales, restricted paths
    treecache.bump_everything()  # routes, translations, villages and urgent notices of every scope
    scopes.forget()  # which slugs are one village in the other languages
    return ["page cache", "lookups", "tree cache"]
