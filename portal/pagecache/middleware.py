"""Serve anonymous GET/HEAD page views from the cache; keep everything personal out of it.

Placed before the session, locale and common middleware (the language, part of the key, is the URL's prefix)
and CsrfViewMiddleware, so that a hit is one round trip to the cache and touches neither the session, the user
nor the database (a stored page carries the headers those middleware added on its way out). While PostgreSQL
restarts, cached pages keep being served, and an entry past its freshness is still served ("stale") when
rebuilding it fails on the database.

Time-driven changes (a consultation phase opening at its date) show within PAGE_CACHE_SECONDS; every change
made through the admin, the services or the model signals shows at once (see invalidation.py).

A request is answered from or stored in the cache only when all of these hold:
- GET or HEAD, under a language prefix, outside the signed-in and write areas (PAGE_CACHE_EXCLUDED_SCOPES);
- no session cookie (no signed-in user, no session-held state) and no messages cookie;
- the response is a 200 HTML page or feed that sets no cookie (so no CSRF token is in it), did not ask not to be
  cached, and left the session unmodified.
"""

import hashlib
import logging
import time
from collections.abc import Callable

from django.conf import settings
from django.db import InterfaceError, OperationalError
from django.http import HttpRequest, HttpResponse, HttpResponseBase, HttpResponseNotModified
from django.utils.cache import add_never_cache_headers, patch_cache_control, patch_vary_headers
from django.utils.http import http_date

from . import page_cache, read_entry
from .keys import LANGUAGE_CODES, entry_key, scope_of_path

logger = logging.getLogger(__name__)

DEFAULT_EXCLUDED_SCOPES = ("accounts", "requests", "consultations", "elder-mode", "notifications")
# Headers worth replaying on a hit; the rest (Date, Content-Length, cookies, caching) is set per response.
SKIPPED_HEADERS = {"set-cookie", "date", "content-length", "cache-control", "etag", "expires", "x-page-cache"}
HIT, MISS, STALE, BYPASS = "hit", "miss", "stale", "bypass"
# Pages and the village feeds that news readers poll; not JSON or files, which have their own endpoints.
CACHED_CONTENT_TYPES = ("text/html", "application/rss+xml", "application/atom+xml")


def _enabled() -> bool:
    return getattr(settings, "PAGE_CACHE_ENABLED", True)


def _fresh_seconds() -> int:
    return getattr(settings, "PAGE_CACHE_SECONDS", 300)


def _stale_seconds() -> int:
    return getattr(settings, "PAGE_CACHE_STALE_SECONDS", 24 * 60 * 60)


def _public_cache_control() -> str:
    max_age = getattr(settings, "PAGE_CACHE_BROWSER_MAX_AGE", 0)
    # no-cache: browsers and nginx keep the page but ask again with If-None-Match every time, so a published
    # notice shows at once while a repeat visit costs a 304 without a body.
    return f"public, max-age={max_age}" if max_age else "public, no-cache"


def is_page_path(path: str) -> bool:
    """Under a language prefix and outside the areas that are personal or write-only."""
    parts = [part for part in path.split("/") if part]
    if not parts or parts[0].lower() not in LANGUAGE_CODES:
        return False
    excluded = getattr(settings, "PAGE_CACHE_EXCLUDED_SCOPES", DEFAULT_EXCLUDED_SCOPES)
    return not (len(parts) > 1 and parts[1] in excluded)


def _is_personal(request: HttpRequest) -> bool:
    """Everything but static files and media, when a session cookie came with it or the area is personal."""
    if request.path.startswith((settings.STATIC_URL, settings.MEDIA_URL)):
        return False
    return not is_anonymous_read(request) or _in_excluded_scope(request.path)


def _in_excluded_scope(path: str) -> bool:
    parts = [part for part in path.split("/") if part]
    excluded = getattr(settings, "PAGE_CACHE_EXCLUDED_SCOPES", DEFAULT_EXCLUDED_SCOPES)
    return len(parts) > 1 and parts[0].lower() in LANGUAGE_CODES and parts[1] in excluded


def is_anonymous_read(request: HttpRequest) -> bool:
    """Decided from cookies alone, without the database: no session means nobody is signed in."""
    if request.method not in ("GET", "HEAD"):
        return False
    return settings.SESSION_COOKIE_NAME not in request.COOKIES and "messages" not in request.COOKIES


class PageCacheMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponseBase]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponseBase:
        if not is_page_path(request.path):
            response = self.get_response(request)
            # Personal and write areas (My account, my requests, notifications, the admin ...) and anything a
            # signed-in visitor sees: never kept by a browser or a proxy, whatever the view said.
            return _private(response, state=None) if _is_personal(request) else response
        if not _enabled():  # still: personal pages and cookie-setting forms are never kept by browsers or proxies
            response = self.get_response(request)
            return _private(response, state=None) if response.cookies or not is_anonymous_read(request) else response
        if not is_anonymous_read(request):
            return _private(self.get_response(request))
        try:
            key = entry_key(request)
            generations, entry = read_entry(key, scope_of_path(request.path))
        except Exception:  # a cache outage must cost speed, not the page
            logger.exception("Page cache unavailable; serving without it")
            return _private(self.get_response(request), state=BYPASS)
        if entry is not None and time.time() - entry["stored_at"] < _fresh_seconds():
            return _replay(request, entry, HIT)
        request._page_cache_stale = entry
        response = self.get_response(request)
        if getattr(response, "page_cache_replay", False):  # the stale copy from process_exception
            return response
        if request.method == "GET" and _storable(request, response):
            entry = _entry_for(response, generations)
            try:
                page_cache().set(key, entry, timeout=_fresh_seconds() + _stale_seconds())
            except Exception:
                logger.exception("Could not store a page in the cache")
            _mark_public(response, entry["etag"], MISS)
            if _etag_matches(request, entry["etag"]):
                return _not_modified(response, entry["etag"])
            return response
        return _private(response, state=BYPASS)

    def process_exception(self, request: HttpRequest, exception: Exception) -> HttpResponse | None:
        """The database is down and the page has to be rebuilt: an old copy beats an error page."""
        stale = getattr(request, "_page_cache_stale", None)
        if stale is not None and isinstance(exception, OperationalError | InterfaceError):
            logger.warning("Database unavailable; serving a stale copy of %s", request.path)
            return _replay(request, stale, STALE)
        return None


def _storable(request: HttpRequest, response: HttpResponseBase) -> bool:
    if response.status_code != 200 or response.streaming or response.cookies:
        return False
    if not response.get("Content-Type", "").startswith(CACHED_CONTENT_TYPES):
        return False
    cache_control = response.get("Cache-Control", "").lower()
    if any(word in cache_control for word in ("private", "no-store", "no-cache")):
        return False
    session = getattr(request, "session", None)
    return not (session is not None and session.modified)


def _entry_for(response: HttpResponse, generations: tuple[int, int]) -> dict:
    content = response.content
    headers = [(name, value) for name, value in response.items() if name.lower() not in SKIPPED_HEADERS]
    etag = '"' + hashlib.sha256(content).hexdigest()[:32] + '"'
    return {
        "content": content,
        "headers": headers,
        "etag": etag,
        "stored_at": time.time(),
        "generations": generations,
    }


def _replay(request: HttpRequest, entry: dict, state: str) -> HttpResponse:
    if _etag_matches(request, entry["etag"]):
        response = HttpResponseNotModified()
    else:
        response = HttpResponse(b"" if request.method == "HEAD" else entry["content"])
        for name, value in entry["headers"]:
            response[name] = value
        response["Content-Length"] = str(len(entry["content"]))
    _mark_public(response, entry["etag"], state)
    response.page_cache_replay = True
    response["Last-Modified"] = http_date(entry["stored_at"])
    return response


def _mark_public(response: HttpResponseBase, etag: str, state: str) -> None:
    response["ETag"] = etag
    response["Cache-Control"] = _public_cache_control()
    response["X-Page-Cache"] = state
    # Elder mode is a cookie, and a session cookie means a signed-in page: shared caches must key on cookies.
    patch_vary_headers(response, ("Cookie",))


def _etag_matches(request: HttpRequest, etag: str) -> bool:
    wanted = request.headers.get("If-None-Match", "")
    return etag in {tag.strip().removeprefix("W/") for tag in wanted.split(",")} or wanted.strip() == "*"


def _not_modified(response: HttpResponseBase, etag: str) -> HttpResponseNotModified:
    not_modified = HttpResponseNotModified()
    for name in ("ETag", "Cache-Control", "Vary", "X-Page-Cache"):
        if name in response:
            not_modified[name] = response[name]
    return not_modified


def _private(response: HttpResponseBase, state: str | None = BYPASS) -> HttpResponseBase:
    """Signed-in pages, forms with a CSRF token, errors: never kept by a browser or a proxy."""
    if "Cache-Control" not in response:
        add_never_cache_headers(response)
    else:  # a view's own caching (max-age, public) never outweighs "this is someone's own page"
        patch_cache_control(response, private=True, no_store=True)
    patch_vary_headers(response, ("Cookie",))
    if state:
        response["X-Page-Cache"] = state
    return response
