"""Per-user and per-IP rate limits for the forms residents post (proposals, comments, reports, ballots).

    @rate_limited("comment")
    def comment(request, page_id): ...

Counters live in the shared cache (Redis in production), so every app server sees the same counts. A fixed
window per scope keeps it to two cache round trips per POST. Limits come from settings.RATE_LIMITS:
``{"comment": {"user": (10, 600), "ip": (60, 600)}}`` = 10 posts per user and 60 per address in 10 minutes.
Over the limit the view is not called: the answer is HTTP 429 with a "slow down" page in the user's language
that holds what they typed, ready to send again.
"""

import time
from functools import wraps

from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest
from django.template.response import TemplateResponse

# Form fields never shown back: the CSRF token is rendered fresh, passwords are never echoed.
HIDDEN_FIELDS = {"csrfmiddlewaretoken", "password", "password1", "password2"}


def client_ip(request) -> str:
    """The visitor's address: X-Real-IP when the connection comes from a trusted proxy (nginx), else the peer."""
    peer = request.META.get("REMOTE_ADDR", "")
    if peer in getattr(settings, "RATE_LIMIT_TRUSTED_PROXIES", ()):
        forwarded = request.META.get("HTTP_X_REAL_IP", "").strip()
        if forwarded:
            return forwarded[:64]
    return peer


def _hit(key: str, limit: int, window: int, now: float) -> int | None:
    """Count one hit; the seconds until the window ends if the limit is exceeded, else None."""
    slot = int(now // window)
    cache_key = f"ratelimit:{key}:{slot}"
    cache.add(cache_key, 0, timeout=window + 1)
    try:
        count = cache.incr(cache_key)
    except ValueError:  # evicted between add and incr: start again
        cache.set(cache_key, 1, timeout=window + 1)
        count = 1
    if count > limit:
        return max(1, int((slot + 1) * window - now))
    return None


def check(request, scope: str) -> int | None:
    """Count this request against the scope's limits; seconds to wait if one is exceeded, else None."""
    limits = settings.RATE_LIMITS.get(scope, {})
    now = time.time()
    wait = None
    idents = []
    if "user" in limits and request.user.is_authenticated:
        idents.append(("user", f"u{request.user.pk}"))
    if "ip" in limits:
        idents.append(("ip", client_ip(request)))
    for kind, ident in idents:
        limit, window = limits[kind]
        seconds = _hit(f"{scope}:{kind}:{ident}", limit, window, now)
        if seconds is not None:
            wait = max(wait or 0, seconds)
    return wait


def slow_down_response(request, wait: int) -> TemplateResponse:
    fields = [
        (name, value) for name in request.POST if name not in HIDDEN_FIELDS for value in request.POST.getlist(name)
    ]
    response = TemplateResponse(
        request,
        "rate_limited.html",
        {"action": request.get_full_path(), "fields": fields, "wait": wait, "minutes": (wait + 59) // 60},
        status=429,
    )
    response["Retry-After"] = str(wait)
    return response


def rate_limited(scope: str):
    """Limit POSTs to the view by user and by IP address, per settings.RATE_LIMITS[scope]."""

    def decorator(view):
        @wraps(view)
        def wrapped(*args, **kwargs):
            # Function views take the request first; Wagtail routable-page views take (page, request).
            request = next(arg for arg in args if isinstance(arg, HttpRequest))
            if request.method == "POST":
                wait = check(request, scope)
                if wait is not None:
                    return slow_down_response(request, wait)
            return view(*args, **kwargs)

        return wrapped

    return decorator
