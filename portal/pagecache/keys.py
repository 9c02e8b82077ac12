"""What a cached page's key is made of: every input that changes what an anonymous visitor is shown."""

import hashlib

from django.conf import settings
from django.http import HttpRequest
from django.utils import translation

from . import ENTRY_PREFIX, current_generations

LANGUAGE_CODES = {code for code, _name in settings.LANGUAGES}


def scope_of_path(path: str) -> str:
    """The first path segment after the language prefix: a village's slug or a portal-wide section."""
    parts = [part for part in path.split("/") if part]
    if parts and parts[0].lower() in LANGUAGE_CODES:
        parts = parts[1:]
    return parts[0] if parts else ""


def elder_mode(request: HttpRequest) -> bool:
    return request.COOKIES.get(settings.ELDER_MODE_COOKIE) == "1"


def entry_key(request: HttpRequest) -> str:
    """Scheme, host, full path with query, language, elder mode and the two generations."""
    global_generation, scope_generation = current_generations(scope_of_path(request.path))
    parts = [
        request.scheme,
        request.get_host(),
        request.get_full_path(),
        translation.get_language() or "",
        "elder" if elder_mode(request) else "standard",
        str(global_generation),
        str(scope_generation),
    ]
    digest = hashlib.sha256("\n".join(parts).encode()).hexdigest()
    return f"{ENTRY_PREFIX}{digest}"
