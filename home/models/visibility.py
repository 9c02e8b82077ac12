"""Which pages the public may see, computed inside the listing's own query."""

from django.db.models import Exists, OuterRef, QuerySet
from django.db.models.functions import Length, Substr
from wagtail.models import PageViewRestriction


def without_restricted(pages: QuerySet) -> QuerySet:
    """pages minus those at or under a view restriction, in the same query.

    Wagtail's .public() first loads every restriction in a separate query, on every call: a village page
    with several listings would pay that once per listing.
    """
    restricted = PageViewRestriction.objects.filter(page__path=Substr(OuterRef("path"), 1, Length("page__path")))
    return pages.exclude(Exists(restricted))
