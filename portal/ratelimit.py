"""Per-user and per-IP rate limits for the forms residents post (proposals, comments, reports, ballots).

    @rate_limited("comment")
    def comment(request, page_id): ...

Counters live in the shared cache (Redis in production), so every app server sees the same counts. A fixed
window per scope keeps it to two cache round trips per POST. Limits come from settings.RATE_LIMITS:
``{"comment": {"user": (10, 600), "ip": (60, 600)}}`` = 10 posts per user and 60 per address in 10 minutes.
Over the limit the view is not called: the answer is HTTP 429 with a "slow down" page in the user's language
that holds what they typed, ready to send again.
"""

import math
import time
from collections.abc import Callable, Iterable
from functools import wraps

from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest, HttpResponse, HttpResponseBase
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


# ---- allauth's limits (sign-in, sign-up, codes): the same "slow down" page, saying how long to wait ----
# allauth answers its own 429s through ROOT_URLCONF.handler429 (portal/urls.py) and raises RateLimited from the
# phone-verification step of signing in, which would otherwise be a server error.


def allauth_wait(request: HttpRequest, actions: Iterable[str] | None = None) -> int:
    """Seconds until allauth lets this visitor try again: from the spent limits of their address and account,
    else (a limit per phone number or e-mail, whose key is not known here) the longest such window."""
    from allauth.account import app_settings as account_settings
    from allauth.core.internal.ratelimit import get_cache_key, get_rates

    now = time.time()
    waits, key_windows = [], []
    for action in actions or account_settings.RATE_LIMITS:
        for rate in get_rates(app="allauth.account", action=action):
            if rate.per == "key":
                key_windows.append(rate.duration)
                continue
            if rate.per == "user" and not request.user.is_authenticated:
                continue
            history = cache.get(get_cache_key(request, app="allauth.account", action=action, rate=rate), [])
            if len(history) >= rate.amount:  # newest first: the window reopens when the amount-th newest expires
                waits.append(history[rate.amount - 1] + rate.duration - now)
    wait = max(waits) if waits else max(key_windows, default=60)
    return max(1, math.ceil(wait))


def allauth_429(request: HttpRequest) -> HttpResponse:
    """handler429 for allauth: the portal's page in the visitor's language, with the wait and Retry-After."""
    response = slow_down_response(request, allauth_wait(request))
    return response.render()


class AllauthRateLimitedMiddleware:
    """RateLimited raised inside allauth (a second code asked for too soon while signing in): a 429, not a 500."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponseBase]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponseBase:
        return self.get_response(request)

    def process_exception(self, request: HttpRequest, exception: Exception) -> HttpResponse | None:
        from allauth.core.exceptions import RateLimited

        if not isinstance(exception, RateLimited):
            return None
        # Only the phone-verification code raises it (allauth.account's other limits answer through handler429).
        return slow_down_response(request, allauth_wait(request, actions=["verify_phone"])).render()
