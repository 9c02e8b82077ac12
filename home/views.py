"""Small portal-wide views: health probe, elder-mode switch and error pages."""

from django.conf import settings
from django.db import DatabaseError, connection
from django.http import HttpRequest, HttpResponse, HttpResponseBadRequest, HttpResponseRedirect, JsonResponse
from django.shortcuts import render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

ELDER_MODE_STATES = {"on": "1", "off": "0"}


# Tables every page view reads. A query on each proves the schema is there, not only a connection: an SQLite file
# removed under a running server reconnects to a new empty file, where "SELECT 1" still answers.
HEALTH_TABLES = ("wagtailcore_site", "wagtailcore_page", "wagtailcore_locale", "home_village", "django_session")


@never_cache
@require_GET
def healthz(request: HttpRequest) -> JsonResponse:
    """200 while the database answers a query on each core table, 503 when it does not; for load balancers."""
    try:
        connection.ensure_connection()
    except DatabaseError:
        return JsonResponse({"status": "unavailable", "database": "unreachable"}, status=503)
    try:
        with connection.cursor() as cursor:
            for table in HEALTH_TABLES:
                cursor.execute(f"SELECT 1 FROM {connection.ops.quote_name(table)} LIMIT 1")  # noqa: S608 (constants)
                cursor.fetchall()
    except DatabaseError:
        # Reachable, but the tables are gone (a removed SQLite file, a wrong database, migrations not run).
        return JsonResponse({"status": "unavailable", "database": "schema missing"}, status=503)
    return JsonResponse({"status": "ok", "database": "ok"})


@require_GET
def set_elder_mode(request: HttpRequest, state: str) -> HttpResponse:
    """Turn elder mode on or off with a plain link (no JavaScript), remembered in a cookie for a year."""
    if state not in ELDER_MODE_STATES:
        return HttpResponseBadRequest(_("Elder mode can only be switched on or off."))
    next_url = request.GET.get("next", "")
    if not url_has_allowed_host_and_scheme(
        next_url, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        next_url = "/"
    response = HttpResponseRedirect(next_url)
    response.set_cookie(
        settings.ELDER_MODE_COOKIE,
        ELDER_MODE_STATES[state],
        max_age=settings.ELDER_MODE_COOKIE_AGE,
        secure=settings.ELDER_MODE_COOKIE_SECURE,
        httponly=True,
        samesite="Lax",
    )
    return response


def page_not_found(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return render(request, "404.html", status=404)


def server_error(request: HttpRequest) -> HttpResponse:
    # No context processors here: the database or the cache may be what failed.
    import sys

    from django.template import loader

    from portal.unavailable import database_unavailable, is_database_down

    if is_database_down(sys.exc_info()[1]):  # raised inside a middleware: still "try again shortly", not 500
        return database_unavailable(request)
    return HttpResponse(loader.get_template("500.html").render({"request": request}), status=500)
