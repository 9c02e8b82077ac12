"""Which pages the public may see, computed inside the listing's own query."""

from django.db.models import Exists, OuterRef, Q, QuerySet
from django.db.models.functions import Length, Substr
from wagtail.models import PageViewRestriction


def without_restricted(pages: QuerySet) -> QuerySet:
    """pages minus those at or under a view restriction, in the same query.

    Wagtail's .public() first loads every restriction in a separate query, on every call: a village page
    with several listings would pay that once per listing. With the restricted paths in the cache
    (home/lookups.py) the condition is a plain path prefix, or nothing at all when no page is restricted;
    otherwise a subquery, whose compilation costs about a millisecond a listing.
    """
    from home import lookups

    cached = lookups.lookups()
    if cached is not None:
        if not cached.restricted_paths:
            return pages
        under = Q()
        for path in cached.restricted_paths:
            under |= Q(path__startswith=path)
        return pages.exclude(under)
    restricted = PageViewRestriction.objects.filter(page__path=Substr(OuterRef("path"), 1, Length("page__path")))
    return pages.exclude(Exists(restricted))
