"""bench/pages.py only: the portal's URLs plus /bench/bare/, a Django view returning 5 KB of HTML.

The bare view is the yardstick: the same gunicorn, middleware stack and settings, but no template, no database
and no page cache (it is outside the language prefixes), so a page's throughput divided by the bare view's is
what the portal's own work costs on this machine at this moment.
"""

from django.http import HttpRequest, HttpResponse
from django.urls import path

from portal.urls import urlpatterns as portal_urlpatterns

_HTML = (
    "<!doctype html><html lang=zh-Hans><head><meta charset=utf-8><title>bare</title></head><body>"
    + "<p>村务公开，财务公开，党务公开。</p>" * 96
    + "</body></html>"
).encode()
BARE_HTML = _HTML + b" " * (5 * 1024 - len(_HTML))  # exactly 5 KB


def bare(request: HttpRequest) -> HttpResponse:
    return HttpResponse(BARE_HTML, content_type="text/html; charset=utf-8")


urlpatterns = [path("bench/bare/", bare), *portal_urlpatterns]
