"""A clear 503 page in the visitor's language when the database cannot be reached.

While PostgreSQL restarts or fails over, a request that needs it (a write, a signed-in page, a page not in the
cache) gets "temporarily unavailable, try again shortly" with a Retry-After header, never a stack trace or a
generic 500. What a visitor typed into a form is shown back on the page so that it is not lost.

Two ways in: ``process_exception`` for errors raised by a view or while rendering its template, and
``home.views.server_error`` (the 500 handler) for those raised inside another middleware, such as the session
middleware saving a session.
"""

import logging
from collections.abc import Callable

from django.conf import settings
from django.db import InterfaceError, OperationalError
from django.http import HttpRequest, HttpResponse, HttpResponseBase
from django.template import loader
from django.utils.cache import add_never_cache_headers

from portal.storage import StorageUnavailable

logger = logging.getLogger(__name__)

DATABASE_DOWN_ERRORS = (OperationalError, InterfaceError)
# Fields never echoed back: secrets and the form's own bookkeeping.
HIDDEN_FIELD_WORDS = ("password", "csrfmiddlewaretoken", "token", "code", "secret")
MAX_ECHOED_CHARS = 5000


def is_database_down(exception: BaseException | None) -> bool:
    """The database cannot be reached, or the media folder cannot be written: both are "try again shortly"."""
    return isinstance(exception, (*DATABASE_DOWN_ERRORS, StorageUnavailable))


def typed_text(request: HttpRequest) -> list[str]:
    """The free text a visitor sent, to copy before trying again; never passwords, codes or tokens."""
    if request.method != "POST":
        return []
    texts = []
    try:
        items = request.POST.lists()
    except Exception:  # an unreadable body: nothing to give back
        return []
    for name, values in items:
        if any(word in name.lower() for word in HIDDEN_FIELD_WORDS):
            continue
        # Numbers alone are choices the form sent (an option's or a proposal's id), not something anyone typed.
        texts += [
            value[:MAX_ECHOED_CHARS] for value in values if len(value.strip()) >= 2 and not value.strip().isdigit()
        ]
    return texts


def database_unavailable(request: HttpRequest) -> HttpResponse:
    """The 503 page. No context processors: they may need the database that is down."""
    context = {"request": request, "typed_text": typed_text(request)}
    response = HttpResponse(loader.get_template("503.html").render(context), status=503)
    response["Retry-After"] = str(getattr(settings, "DATABASE_RETRY_AFTER_SECONDS", 30))
    add_never_cache_headers(response)
    return response


class DatabaseUnavailableMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponseBase]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponseBase:
        return self.get_response(request)

    def process_exception(self, request: HttpRequest, exception: Exception) -> HttpResponse | None:
        if not is_database_down(exception):
            return None
        logger.error("Database unavailable for %s %s: %s", request.method, request.path, exception)
        return database_unavailable(request)
