"""What home/routing.py, home/lookups.py and home/apps.py rely on in Wagtail, Django and wagtail-localize beyond
their public API (docs/wagtail-internals.md). Each test names the layer and fails when an upgrade changes the
private attribute, method or receiver that layer uses: then the layer is wrong, not only the test.

Checked on real objects after real requests where a request is involved, otherwise on the installed code.
"""

import inspect
import re

import pytest
from django.db import connection
from django.db.models.signals import post_save
from django.http import HttpRequest
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext
from wagtail import views as wagtail_views
from wagtail.contrib.routable_page.models import RoutablePageMixin
from wagtail.models import Page, Site
from wagtail.models import pages as wagtail_pages
from wagtail.models.sites import SiteRootPath, get_site_for_hostname
from wagtail.url_routing import RouteResult

from home import lookups, routing
from notices.models import NoticeIndexPage, NoticePage
from tests.page_tree import build_every_page_type

pytestmark = pytest.mark.usefixtures("cached_lookups")


def _parameters(function) -> list[str]:
    return list(inspect.signature(function).parameters)


@pytest.fixture
def notice(village_page) -> NoticePage:
    return build_every_page_type(village_page)[NoticePage]


@pytest.fixture
def served(client, notice):
    """A real anonymous request for the notice through the portal's URLs (home.routing.serve)."""
    client.get(notice.url)  # the cached lookups and tree filled, as on a running server
    response = client.get(notice.url)
    assert response.status_code == 200
    return response


# home/routing.py


def test_wagtail_serves_the_route_stored_on_the_request(served, notice):
    # routing.serve stores its route in request._wagtail_route_for_request; Wagtail's serve view must take the
    # page from there (the very object), not route the URL again.
    request = served.wsgi_request
    stored = request._wagtail_route_for_request
    assert isinstance(stored, RouteResult) and stored[0].pk == notice.pk
    assert served.context["page"] is stored[0]


def test_route_for_request_reads_the_stored_route_first(notice):
    request = RequestFactory().get("/zh-hans/no-such-page/")
    request._wagtail_route_for_request = RouteResult(notice)

    with CaptureQueriesContext(connection) as queries:
        assert Page.route_for_request(request, "no-such-page/") is request._wagtail_route_for_request
    assert len(queries) == 0
    assert _parameters(wagtail_views.serve) == ["request", "path"]
    assert "route_for_request" in inspect.getsource(wagtail_views.serve)


def test_wagtail_has_no_routing_hook(served):
    # routing.route replaces Wagtail's walk down the tree: a hook that Wagtail ran while routing would be
    # skipped. Wagtail 8 has none (the before_route_page routing.serve used to check for does not exist);
    # serving runs on_serve_page and before_serve_page, after routing, on the route found either way.
    sources = inspect.getsource(wagtail_views) + inspect.getsource(wagtail_pages)
    hooks = set(re.findall(r"get_hooks\(\s*[\"'](\w+)[\"']", sources))
    assert hooks == {"on_serve_page", "before_serve_page"}, hooks


def test_route_signatures_are_as_routing_calls_them():
    assert _parameters(Page.route) == ["self", "request", "path_components"]
    assert _parameters(RoutablePageMixin.route) == ["self", "request", "path_components"]
    assert callable(RoutablePageMixin.get_resolver)
    page, args, kwargs = RouteResult("page")  # unpacked and indexed ([0]) by routing and by Wagtail's serve
    assert (page, args, kwargs) == ("page", [], {})


def test_no_page_type_of_the_portal_routes_itself():
    # A type with a route() of its own is routed by Wagtail (routing._routes_itself); today none has one, so the
    # shortcut covers every URL. This fails when one is added: check its URLs still take the shortcut's path.
    from wagtail.models import get_page_models

    own = [model.__name__ for model in get_page_models() if routing._routes_itself(model)]
    assert own == []


def test_a_page_type_with_its_own_route_is_routed_by_wagtail(rf, notice, monkeypatch):
    calls = []

    def own_route(self, request, path_components):  # a page type routing its children its own way
        calls.append(path_components)
        return Page.route(self, request, path_components)

    monkeypatch.setattr(NoticeIndexPage, "route", own_route)
    request = rf.get(notice.url)
    assert routing.route(request, notice.url.removeprefix("/zh-hans/"))[0].pk == notice.pk
    assert calls == [[notice.slug]]  # Wagtail's walk reached the index's own route()


def test_the_parent_set_by_routing_is_what_treebeard_returns(served, notice):
    # routing.route sets _cached_parent_obj on the page it found; treebeard's get_parent() returns it, and
    # Page.specific carries it over to the specific object.
    page = served.context["page"]
    with CaptureQueriesContext(connection) as queries:
        parent = page.get_parent()
    assert parent.pk == notice.get_parent().pk and len(queries) == 0

    plain = Page.objects.get(pk=notice.pk)
    plain._cached_parent_obj = parent
    assert plain.specific.get_parent() is parent


def test_site_root_paths_are_read_where_lookups_and_routing_put_them(served, notice, monkeypatch):
    # lookups.site_for_request stores the cached root paths on the request, routing._served on the page; Wagtail
    # must read them there (Page._get_site_root_paths), not from Site.get_site_root_paths().
    request = served.wsgi_request
    assert isinstance(request._wagtail_cached_site_root_paths, list)
    assert all(isinstance(path, SiteRootPath) for path in request._wagtail_cached_site_root_paths)
    assert SiteRootPath._fields == ("site_id", "root_path", "root_url", "language_code")

    def not_asked():
        raise AssertionError("Site.get_site_root_paths() was asked: the stored root paths were not read")

    monkeypatch.setattr(Site, "get_site_root_paths", staticmethod(not_asked))
    page = served.context["page"]
    assert page._wagtail_cached_site_root_paths is request._wagtail_cached_site_root_paths
    assert page.url == notice.url  # without the request: from the page
    assert page.get_url(request) == notice.url  # with it: from the request


# home/lookups.py


def test_wagtail_finds_the_site_lookups_stored_on_the_request(served):
    request = served.wsgi_request
    site = Site.objects.get(is_default_site=True)
    assert request._wagtail_site == site
    with CaptureQueriesContext(connection) as queries:
        assert Site.find_for_request(request) is request._wagtail_site
    assert len(queries) == 0


def test_the_raw_host_is_read_as_wagtail_reads_it():
    # Wagtail's Site._find_for_request reads request._get_raw_host() (no ALLOWED_HOSTS check), as lookups does.
    request = RequestFactory().get("/", HTTP_HOST="Dongshan.Example:8000")
    assert HttpRequest._get_raw_host(request) == "Dongshan.Example:8000"
    assert "_get_raw_host()" in inspect.getsource(Site._find_for_request)
    assert _parameters(get_site_for_hostname) == ["hostname", "port"]


def test_lookups_match_the_site_wagtail_finds(db):
    # The comparison over many site layouts is tests/home/test_lookups.py; here only that Wagtail's function
    # still answers the default site for an unknown host (what every fallback rests on).
    default = Site.objects.get(is_default_site=True)
    assert get_site_for_hostname("unknown.example", 80) == default
    assert lookups._match_site(tuple(Site.objects.all()), "unknown.example", 80) == default


# home/apps.py: wagtail-localize's tree sync receiver, rewired to skip raw saves


def test_the_tree_sync_receiver_is_rewired(db):
    from wagtail_localize.models import LocaleSynchronization, sync_trees_on_locale_sync_save

    assert _parameters(sync_trees_on_locale_sync_save) == ["instance", "kwargs"]
    unsaved = LocaleSynchronization()  # no locales: syncing it fails, which shows whether a receiver synced
    # A raw save (loaddata, a serialized rollback) syncs nothing: wagtail-localize's own receiver is gone.
    post_save.send(sender=LocaleSynchronization, instance=unsaved, created=True, raw=True)
    # Any other save still syncs, through the wrapper.
    with pytest.raises(LocaleSynchronization.sync_from.RelatedObjectDoesNotExist):
        post_save.send(sender=LocaleSynchronization, instance=unsaved, created=True, raw=False)
