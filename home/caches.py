"""Forget every cached copy of the portal's rows at once: for writes that bypass Django's signals.

The caches follow the database through signals (post_save, post_delete, page_published, m2m_changed…): the page
cache bumps the scopes a change touches (portal.pagecache.invalidation), the lookups and the tree cache get a new
stamp (home.lookups, home.treecache). `queryset.update()`, `bulk_create()`, raw SQL, a data migration or a restore
send no signal, so after one of them the cached pages keep the old data until they expire (PAGE_CACHE_SECONDS).
Such a write calls clear_portal_caches() (or `manage.py clear_portal_caches`) when it is done.
"""

from portal import pagecache

from . import lookups


def clear_portal_caches() -> list[str]:
    """Make every cached page stale and drop the cached lookups and routes; returns what was cleared."""
    pagecache.bump_everything()  # every anonymous page, in every village and language, is rendered afresh
    lookups.clear()  # sites, locales, restricted paths, and (through the new stamp) the tree cache's routes
    return ["page cache", "lookups", "tree cache"]
