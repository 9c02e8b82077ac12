"""bench/pages.py and bench/two_servers.py only: the portal's URLs plus /bench/bare/, a Django view returning 5 KB
of HTML, and /bench/publish/<id>/, which publishes a new title of a page in the answering server's process.

The bare view is the yardstick: the same gunicorn, middleware stack and settings, but no template, no database
and no page cache (it is outside the language prefixes), so a page's throughput divided by the bare view's is
what the portal's own work costs on this machine at this moment.
"""

import os
import secrets

from django.http import HttpRequest, HttpResponse, HttpResponseForbidden
from django.urls import path
from django.views.decorators.csrf import csrf_exempt

from portal.urls import urlpatterns as portal_urlpatterns

_HTML = (
    "<!doctype html><html lang=zh-Hans><head><meta charset=utf-8><title>bare</title></head><body>"
    + "<p>村务公开，财务公开，党务公开。</p>" * 96
    + "</body></html>"
).encode()
BARE_HTML = _HTML + b" " * (5 * 1024 - len(_HTML))  # exactly 5 KB


def bare(request: HttpRequest) -> HttpResponse:
    return HttpResponse(BARE_HTML, content_type="text/html; charset=utf-8")


@csrf_exempt
def publish(request: HttpRequest, page_id: int) -> HttpResponse:
    """An editor's publish (a new revision with the title in the POST), done by this server: the change must reach
    the other app servers through the shared cache's invalidation alone. Only with the bench's own token."""
    token = os.environ.get("BENCH_TOKEN", "")
    if (
        request.method != "POST"
        or not token
        or not secrets.compare_digest(request.headers.get("X-Bench-Token", ""), token)
    ):
        return HttpResponseForbidden()
    from wagtail.models import Page

    page = Page.objects.get(pk=page_id).specific
    page.title = request.POST["title"]
    page.save_revision().publish()
    return HttpResponse(f"published {page.pk} in process {os.getpid()}", content_type="text/plain")


urlpatterns = [path("bench/bare/", bare), path("bench/publish/<int:page_id>/", publish), *portal_urlpatterns]
