"""The portal home's list of villages by township, rendered once per change of the village pages.

At a county's size the list is the home page: 305 village pages, each a model instance and a {% pageurl %},
cost five times the rest of the page (36 ms against 6 ms uncached CPU on the demo county, bench/county.py). It
depends only on the language tree's village pages (depth 3: title, slug, live, view restrictions) and their
villages' townships, so it is kept as HTML in the tree cache (home/treecache.py) under the portal home's scope,
which every change of those rows retires (home/treeinvalidation.py: a village page saved, moved, renamed or
deleted, a Village saved, a restriction on a village page). With the cache off it is rendered on every view, in
the same one query as before.
"""

from django.http import HttpRequest
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.safestring import SafeString, mark_safe
from wagtail.models import Page

from . import lookups, scopes, treecache


def _render(home: Page, request: HttpRequest) -> str:
    from home.models import VillagePage
    from home.models.visibility import without_restricted

    village_pages = (
        without_restricted(VillagePage.objects.child_of(home).live())
        .select_related("village")
        .order_by("village__township", "village__name")
    )
    townships: dict[str, list] = {}
    for village_page in village_pages:
        townships.setdefault(village_page.village.township, []).append(village_page)
    return render_to_string("home/includes/village_list.html", {"townships": townships, "request": request})


def village_list(home: Page, request: HttpRequest) -> SafeString:
    """The HTML of the villages under this portal home, grouped by township, for this site and language."""
    site = lookups.site_for_request(request)
    # The links are relative to the request's site (pageurl), and "no village yet" is in the active language.
    parts = (home.pk, site.pk if site else None, translation.get_language())
    html = treecache.remember("village-list", parts, lambda: _render(home, request), scope=scopes.HOME)
    return mark_safe(html)  # noqa: S308  (rendered by our own template, escaped there)
