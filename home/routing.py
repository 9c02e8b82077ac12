"""Page routing in one query for the whole URL instead of Wagtail's two queries per URL level.

Wagtail routes /zh-hans/dongshan/notices/n1/ by asking the database for each level's child by slug and then for
its specific object: two queries per level, eight for a notice. Here the pages on the URL's path are read at once
by url_path (the slugs narrow it down on an index), and the deepest existing one routes the rest of the URL
itself (a RoutablePage's sub-path such as archive/ or meetings/3/, or a 404). The result is stored where Wagtail
keeps it (request._wagtail_route_for_request), and Wagtail's own serve view does the rest: view restrictions,
before_serve_page hooks, drafts (only a live page is served; its ancestors need not be, as in Wagtail), aliases
(an alias is a page with its own url_path) and locales (the site root's translation for the active language).

For a URL that is pages all the way down, what this reads (the chain, the specific page, its translations and
village) is kept in the cache until that village's part of the tree changes (home/treecache.py): no query at all.

Where Wagtail would answer differently, Wagtail routes: when a routable ancestor's own sub-path pattern matches
the rest of the URL (Wagtail tries an ancestor's routes before its children), or when a page on the way has a
route() of its own (anything but Page's and RoutablePageMixin's): Wagtail's walk calls it, this shortcut would not.

What this relies on in Wagtail (tests/home/test_wagtail_compat.py fails when an upgrade changes it): serve() and
Page.route_for_request take the route from request._wagtail_route_for_request when it is set; treebeard's
get_parent() returns _cached_parent_obj; Page._get_site_root_paths reads _wagtail_cached_site_root_paths from
the page. ROUTING_SHORTCUT_ENABLED = False routes every URL as Wagtail does (bench/pages.py --layers).
"""

from django.conf import settings
from django.http import Http404, HttpRequest, HttpResponse
from wagtail import views as wagtail_views
from wagtail.contrib.routable_page.models import RoutablePageMixin
from wagtail.models import Locale, Page, PageViewRestriction
from wagtail.url_routing import RouteResult

from . import lookups, translations, treecache

BREADCRUMB_DEPTH = 2  # the first crumb: the portal home, right below Wagtail's tree root


def _chain(root: Page, components: list[str]) -> list[Page]:
    """The existing pages on the URL's path below `root`, shallowest first (one query, plain Page objects)."""
    url_paths = [
        root.url_path + "".join(f"{part}/" for part in components[:end]) for end in range(1, len(components) + 1)
    ]
    pages = Page.objects.filter(
        slug__in=set(components), depth__gt=root.depth, depth__lte=root.depth + len(components), url_path__in=url_paths
    ).filter(path__startswith=root.path)
    return sorted(pages, key=lambda page: page.depth)


def _routes_itself(model: type[Page] | None) -> bool:
    """Has this page type a route() of its own, which only Wagtail's walk down the tree would call?"""
    method = getattr(model or Page, "route", Page.route)
    return method is not Page.route and method is not RoutablePageMixin.route


def _ancestor_claims(page: Page, rest: list[str]) -> bool:
    """Would Wagtail's routing stop at this page or go another way: one of its sub-path routes matches `rest`,
    or its type routes itself?"""
    if _routes_itself(page.specific_class):
        return True
    if not page.live or not issubclass(page.specific_class or Page, RoutablePageMixin):
        return False
    try:
        page.specific_class.get_resolver().resolve("/" + "".join(f"{part}/" for part in rest))
    except Http404:
        return False
    return True


def route(request: HttpRequest, path: str) -> RouteResult | None:
    """The (page, args, kwargs) Wagtail would find for `path`, or None for a 404; fewer queries."""
    site = lookups.site_for_request(request)
    if site is None:
        return None
    root = lookups.localized(site.root_page)
    components = [component for component in path.split("/") if component]
    if not components:  # the language root itself
        entry = treecache.route(root, components)
        specific = entry.page if entry is not None else root.specific
        entry = entry or treecache.keep_route(root, components, [], specific)
        return _served(request, specific.route(request, components), root, [], entry)
    if _ancestor_claims(root, components):
        return root.specific.route(request, components)
    entry = treecache.route(root, components)
    unbroken = entry.chain if entry is not None else _unbroken(root, components)
    if not unbroken:
        return root.specific.route(request, components)  # a 404, as Wagtail finds it
    for index, page in enumerate(unbroken[:-1]):
        if _ancestor_claims(page, components[index + 1 :]):
            return root.specific.route(request, components)
    if entry is not None:
        specific = entry.page
    else:
        deepest = unbroken[-1]
        deepest._cached_parent_obj = unbroken[-2] if len(unbroken) > 1 else root
        specific = _specific(deepest)
        if len(unbroken) == len(components):  # pages all the way down: worth keeping (treecache)
            entry = treecache.keep_route(root, components, unbroken, specific)
    return _served(request, specific.route(request, components[len(unbroken) :]), root, unbroken, entry)


def _served(
    request: HttpRequest, result: RouteResult, root: Page, unbroken: list[Page], entry: treecache.RouteEntry | None
) -> RouteResult:
    """What routing learnt, handed to the page it found (unless a sub-page route found another page)."""
    page = result[0]
    if page.pk == (unbroken[-1] if unbroken else root).pk:
        if unbroken and root.depth == BREADCRUMB_DEPTH:
            # The breadcrumbs (portal_tags.breadcrumbs) are the pages just read: no query for them.
            page.route_ancestors = [root, *unbroken[:-1]]
        if entry is not None:
            page.route_translations = entry.translations  # for portal_tags.language_links
            page.route_village = entry.village
        _unrestricted(result, [root, *unbroken])
    # The site root paths the request carries (lookups.site_for_request), also on the page: its own `self.url`
    # (no request) would otherwise read them from the cache once more.
    paths = getattr(request, "_wagtail_cached_site_root_paths", None)
    if paths is not None:
        page._wagtail_cached_site_root_paths = paths
    return result


def _unbroken(root: Page, components: list[str]) -> list[Page]:
    """The chain from the root down as far as it is unbroken: one page per level, each the child of the last."""
    unbroken: list[Page] = []
    for page in _chain(root, components):
        if page.depth != root.depth + len(unbroken) + 1:
            break
        unbroken.append(page)
    return unbroken


def _specific(page: Page) -> Page:
    """page.specific, with the relations its type lists in `route_select_related` read in the same query."""
    model = page.specific_class
    related = getattr(model, "route_select_related", ())
    if model is None or not related:
        return page.specific
    specific = model._default_manager.select_related(*related).get(pk=page.pk)
    for name, value in page.__dict__.items():  # what .specific keeps too: the parent set above, say
        specific.__dict__.setdefault(name, value)
    return specific


def _unrestricted(result: RouteResult, chain: list[Page]) -> RouteResult:
    """Wagtail's check_view_restrictions hook reads the page's ancestors and their restrictions (two queries) on
    every view; where the cached restricted paths show that none can apply, the page says so without asking."""
    if not lookups.may_be_restricted(chain):
        result[0].get_view_restrictions = PageViewRestriction.objects.none
    return result


def untranslated(request: HttpRequest, path: str) -> RouteResult | None:
    """For a URL that no page of the active language's tree answers: the page of another language (the source
    language first) at that place, served as it is with the notice that it is not translated yet, or None.

    A page made outside the editor (a council resolution, a copy, a revision) has no copy in the other trees
    until someone translates it, yet the language links lead there (portal_tags.language_links): the deepest
    page of this tree on the URL's path is taken to its translation in the other language, and the rest of the
    URL is routed from there (docs/languages.md).
    """
    site = lookups.site_for_request(request)
    if site is None:
        return None
    root = lookups.localized(site.root_page)
    components = [component for component in path.split("/") if component]
    unbroken = _unbroken(root, components)
    deepest = unbroken[-1] if unbroken else root
    others = Locale.objects.exclude(pk=root.locale_id)
    default = translations.default_locale_id()
    for locale in sorted(others, key=lambda locale: locale.pk != default):
        counterpart = deepest.get_translation_or_none(locale)
        if counterpart is None or not counterpart.live:
            continue
        try:
            result = counterpart.specific.route(request, components[len(unbroken) :])
        except Http404:
            continue
        result[0].shown_untranslated = True  # search/templatetags/language_tags.is_untranslated
        return result
    return None


def serve(request: HttpRequest, path: str) -> HttpResponse:
    """Wagtail's serve view with the route found by `route`; a URL that only another language's tree answers
    serves that page (`untranslated`) instead of a 404."""
    if not hasattr(request, "_wagtail_route_for_request") and getattr(settings, "ROUTING_SHORTCUT_ENABLED", True):
        try:
            request._wagtail_route_for_request = route(request, path)
        except Http404:
            request._wagtail_route_for_request = None
    if Page.route_for_request(request, path) is None:
        request._wagtail_route_for_request = untranslated(request, path)
    return wagtail_views.serve(request, path)
