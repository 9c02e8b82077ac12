"""The few rows every page view looks up, kept in the cache: sites, locales and which paths are restricted.

Wagtail asks the database for the request's Site, for the active Locale and, to check view restrictions, for the
page's ancestors and their restrictions: four queries on every page view for rows that change a few times a year.
Here they are read together once and kept in the shared cache (Redis in production, so every worker sees a change
at once), cleared when one of them changes (connect()): a site, a locale, a view restriction, a portal home (a
language root: the sites carry it, and its translations are the roots of the other languages), or a move that
takes a restricted page to another path. A page saved, published or deleted in a village leaves them alone: the
cached rows hold nothing of it. (What is derived from the villages' pages is kept by home/treecache.py, scoped
per village.)

Within a request the rows are read from the cache once and then kept on the thread (a page view asks for them four
to six times: routing, locale, restrictions, each listing); request_started and request_finished drop that copy,
so a request never sees rows older than its start, and code outside a request (commands, tasks) always asks the
cache.

LOOKUP_CACHE_ENABLED = False (the test settings) reads the database every time: a test's rolled-back rows must not
outlive it in the cache. Tests that count queries switch it on and clear it first.
"""

import contextlib
import logging
import threading
from dataclasses import dataclass

from django.conf import settings
from django.core.cache import cache
from django.core.signals import request_finished, request_started
from django.db import transaction
from django.db.models.signals import post_delete, post_save
from django.http import HttpRequest
from django.http.request import split_domain_port
from django.utils import translation
from wagtail.coreutils import get_supported_content_language_variant
from wagtail.models import Locale, Page, PageViewRestriction, Site
from wagtail.models.sites import SiteRootPath
from wagtail.signals import post_page_move

logger = logging.getLogger(__name__)

CACHE_KEY = "home:lookups:v5"
# Changes also reach the cache by the signals; the timeout only bounds what a missed signal (a raw SQL edit) costs.
TIMEOUT = 60 * 60


@dataclass(frozen=True)
class Lookups:
    sites: tuple[Site, ...]  # each with its root page loaded
    locales: dict[str, Locale]  # by language code
    restricted_paths: tuple[str, ...]  # the tree paths of pages with a view restriction
    restricted_ids: frozenset[int]  # and their ids (an alias is restricted by its source's id)
    # The live translations of the sites' root pages, by (translation_key, locale id): the root of the visitor's
    # language tree, which every page view in zh-hant or en starts from.
    roots: dict[tuple[str, int], Page]
    # Wagtail's Site.get_site_root_paths(), which every page URL needs; Wagtail reads it from the cache once per
    # request (per call, for a URL built without the request).
    root_paths: tuple[SiteRootPath, ...] = ()


def enabled() -> bool:
    return getattr(settings, "LOOKUP_CACHE_ENABLED", False)


def _load() -> Lookups:
    sites = tuple(Site.objects.select_related("root_page"))
    restricted = list(PageViewRestriction.objects.values_list("page_id", "page__path"))
    roots = Page.objects.filter(translation_key__in={site.root_page.translation_key for site in sites}, live=True)
    return Lookups(
        sites=sites,
        locales={locale.language_code: locale for locale in Locale.objects.all()},
        restricted_paths=tuple(sorted({path for _pk, path in restricted})),
        restricted_ids=frozenset(pk for pk, _path in restricted),
        roots={(root.translation_key, root.locale_id): root for root in roots},
        root_paths=tuple(Site.get_site_root_paths()),
    )


class _RequestCopy(threading.local):
    in_request = False
    found: Lookups | None = None


_request_copy = _RequestCopy()


def _request_started(**kwargs) -> None:
    _request_copy.in_request, _request_copy.found = True, None


def _request_finished(**kwargs) -> None:
    _request_copy.in_request, _request_copy.found = False, None


def lookups() -> Lookups | None:
    """The cached rows, loaded on first use; None when the cache is off or unavailable (callers query)."""
    if not enabled():
        return None
    if _request_copy.found is not None:
        return _request_copy.found
    try:
        found = cache.get(CACHE_KEY)
        if found is None:
            found = _load()
            cache.set(CACHE_KEY, found, timeout=TIMEOUT)
    except Exception:  # a cache outage costs the queries, not the page
        logger.warning("Lookup cache unavailable", exc_info=True)
        with contextlib.suppress(Exception):  # an entry that no longer unpickles (a deploy changed Lookups)
            cache.delete(CACHE_KEY)
        return None
    if _request_copy.in_request:
        _request_copy.found = found
    return found


def clear(**kwargs) -> None:
    """Drop the cached rows now and again when the transaction commits: a request that read them between the
    change and the commit cached the old rows."""
    _delete()
    transaction.on_commit(_delete)


def _delete() -> None:
    _request_copy.found = None
    try:
        cache.delete(CACHE_KEY)
    except Exception:
        logger.exception("Could not clear the lookup cache")


def _match_site(sites: tuple[Site, ...], hostname: str, port: int | None) -> Site | None:
    """Wagtail's get_site_for_hostname (wagtail/models/sites.py) over the cached sites, answer for answer: the
    site with this hostname and port, else the one with this hostname that is the default, else the default site
    unless exactly one site has this hostname; None when several have it, none on this port, and there is no
    default site (Wagtail finds none there either: tests/home/test_lookups.py compares the two)."""

    def rank(site: Site) -> int:
        if site.hostname == hostname and site.port == port:
            return 0
        if site.hostname == hostname and site.is_default_site:
            return 1
        return 2 if site.is_default_site else 3

    candidates = sorted((site for site in sites if site.hostname == hostname or site.is_default_site), key=rank)
    if not candidates:
        return None
    best = rank(candidates[0])
    if len(candidates) == 1 or best in (0, 1):
        return candidates[0]
    if best == 2:  # the default and other hostnames' sites: the one site of this hostname if it is alone
        return candidates[len(candidates) == 2]
    return None


def _port(request: HttpRequest) -> int | None:
    # Wagtail compares the port in SQL; a port that is no number (a forged X-Forwarded-Port) matches no site.
    port = str(request.get_port())
    return int(port) if port.isdigit() else None


def site_for_request(request: HttpRequest) -> Site | None:
    """Site.find_for_request without a query; stored where Wagtail looks for it, so its own calls reuse it."""
    if hasattr(request, "_wagtail_site"):
        return request._wagtail_site
    found = lookups()
    if found is None:
        return Site.find_for_request(request)
    hostname = split_domain_port(request._get_raw_host())[0]
    request._wagtail_site = _match_site(found.sites, hostname, _port(request))
    if found.root_paths and not hasattr(request, "_wagtail_cached_site_root_paths"):
        request._wagtail_cached_site_root_paths = list(found.root_paths)  # where Page.get_url(request) looks
    return request._wagtail_site


def active_locale() -> Locale:
    """Locale.get_active without a query."""
    found = lookups()
    if found is not None:
        for language in (translation.get_language(), settings.LANGUAGE_CODE):
            try:
                locale = found.locales.get(get_supported_content_language_variant(language))
            except LookupError:
                continue
            if locale is not None:
                return locale
    return Locale.get_active()


def localized(page: Page) -> Page:
    """page.localized (the live translation in the active language, else the page) with the cached locale."""
    locale = active_locale()
    if page.locale_id == locale.pk:
        return page
    found = lookups()
    if found is not None and page.depth == 2:  # a site root: its translations are cached (cleared on save)
        return found.roots.get((page.translation_key, locale.pk), page)
    translated = page.get_translation_or_none(locale)
    return translated if translated is not None and translated.live else page


def may_be_restricted(pages: list[Page]) -> bool:
    """Could a view restriction apply to the last of these pages (its ancestors come first)? False only when
    it surely cannot: no restriction at or above it, and none on the source of an alias on the way.

    As Wagtail's Page.get_view_restrictions: an alias has no restrictions of its own and takes its source's
    (the source page itself, not its ancestors); Wagtail points every alias at an original, never at an alias.
    """
    found = lookups()
    if found is None:
        return True
    if any((page.alias_of_id or page.pk) in found.restricted_ids for page in pages):
        return True
    path = pages[-1].path
    return any(path.startswith(restricted) for restricted in found.restricted_paths)


def connect() -> None:
    """Called once from HomeConfig.ready()."""
    request_started.connect(_request_started, dispatch_uid="lookups_request_started")
    request_finished.connect(_request_finished, dispatch_uid="lookups_request_finished")
    for model in (Site, Locale, PageViewRestriction):
        post_save.connect(clear, sender=model, dispatch_uid=f"lookups_saved_{model.__name__}")
        post_delete.connect(clear, sender=model, dispatch_uid=f"lookups_deleted_{model.__name__}")
    post_save.connect(_page_saved, dispatch_uid="lookups_page_saved")
    # A deleted root translation must not be handed out from the cache.
    post_delete.connect(_page_saved, dispatch_uid="lookups_page_deleted")
    post_page_move.connect(_page_moved, dispatch_uid="lookups_page_moved")


# Wagtail's root (1) and the portal homes (2): the sites' root pages and their translations.
ROOT_DEPTH = 2


def _page_saved(sender, instance, **kwargs) -> None:
    # The cached sites carry their root pages, and `roots` their translations: nothing deeper is kept here.
    # A raw save (loaddata, a test's serialized rollback) may carry a child row without its page's tree fields:
    # nothing can be told about it, so everything goes.
    if isinstance(instance, Page) and (kwargs.get("raw") or instance.depth is None or instance.depth <= ROOT_DEPTH):
        clear()


def _page_moved(sender, instance, url_path_before: str = "", **kwargs) -> None:
    """A move changes the tree paths of the moved pages: the cached restricted paths when one is among them."""
    near_root = instance.depth <= ROOT_DEPTH or url_path_before.count("/") <= ROOT_DEPTH
    if near_root or PageViewRestriction.objects.filter(page__path__startswith=instance.path).exists():
        clear()
