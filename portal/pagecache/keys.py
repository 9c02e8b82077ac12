"""What a cached page's key is made of: every input that changes what an anonymous visitor is shown."""

import hashlib

from django.conf import settings
from django.http import HttpRequest

from . import ENTRY_PREFIX

LANGUAGE_CODES = {code for code, _name in settings.LANGUAGES}


def scope_of_path(path: str) -> str:
    """The first path segment after the language prefix: a village's slug or a portal-wide section."""
    parts = [part for part in path.split("/") if part]
    if parts and parts[0].lower() in LANGUAGE_CODES:
        parts = parts[1:]
    return parts[0] if parts else ""


def language_of_path(path: str) -> str:
    """The language prefix of a page's path: the middleware runs before LocaleMiddleware has activated it."""
    parts = [part for part in path.split("/") if part]
    return parts[0].lower() if parts and parts[0].lower() in LANGUAGE_CODES else ""


def elder_mode(request: HttpRequest) -> bool:
    return request.COOKIES.get(settings.ELDER_MODE_COOKIE) == "1"


def entry_key(request: HttpRequest) -> str:
    """Scheme, host, full path with query, language and elder mode. The generations the page was built under are
    stored in the entry and compared on reading (pagecache.read), so that a hit is one round trip to the cache."""
    parts = [
        request.scheme,
        request.get_host(),
        request.get_full_path(),
        language_of_path(request.path),
        "elder" if elder_mode(request) else "standard",
    ]
    digest = hashlib.sha256("\n".join(parts).encode()).hexdigest()
    return f"{ENTRY_PREFIX}{digest}"
