"""The cached sites, locales and restricted paths (home/lookups.py): no queries, and every change seen at once."""

import pytest
from django.contrib.auth.models import Group
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import Locale, PageViewRestriction, Site

from home import lookups

pytestmark = pytest.mark.usefixtures("cached_lookups")


def _queries(client, url: str) -> list[str]:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200, url
    return [query["sql"] for query in queries]


def test_a_page_view_reads_no_site_locale_or_restriction(client, village_page):
    client.get(village_page.url)
    # The table each query reads from (listings still filter restrictions inline: home/models/visibility.py).
    tables = {sql.split(" FROM ", 1)[1].split(" ", 1)[0] for sql in _queries(client, village_page.url)}

    assert not tables & {'"wagtailcore_site"', '"wagtailcore_locale"', '"wagtailcore_pageviewrestriction"'}
    assert '"home_village"' not in tables  # read with the village page


def test_restricting_a_page_applies_at_once(client, village_page):
    client.get(village_page.url)
    restriction = PageViewRestriction.objects.create(page=village_page, restriction_type=PageViewRestriction.LOGIN)

    assert client.get(village_page.url).status_code == 302  # to the sign-in page

    restriction.delete()
    assert client.get(village_page.url).status_code == 200


def test_a_restriction_on_an_ancestor_covers_the_pages_below(client, village_page):
    section = village_page.get_children().live().first()
    client.get(section.url)
    restriction = PageViewRestriction.objects.create(page=village_page, restriction_type=PageViewRestriction.GROUPS)
    restriction.groups.add(Group.objects.create(name="只有村委"))

    assert client.get(section.url).status_code == 302


def test_a_site_change_is_seen_at_once(client, village_page):
    site = Site.objects.get(is_default_site=True)
    client.get(village_page.url)
    other_root = village_page  # any page: the village becomes the root of a site named for this host
    Site.objects.create(hostname="dongshan.example", port=80, root_page=other_root)

    response = client.get("/zh-hans/", HTTP_HOST="dongshan.example")
    assert response.status_code == 200 and response.context["page"].pk == village_page.pk
    assert client.get("/zh-hans/").context["page"].pk == site.root_page_id


# Site layouts as (hostname, port, is default): several with two sites on one host name.
SITE_LAYOUTS = [
    [("localhost", 80, True)],
    [("a.example", 80, True), ("a.example", 8000, False)],
    [("a.example", 80, False), ("a.example", 8000, False)],  # one host, two ports, no default site
    [("a.example", 80, False), ("a.example", 8000, True)],
    [("other.example", 80, True), ("a.example", 80, False), ("a.example", 8000, False)],
    [("other.example", 80, True), ("a.example", 8000, False)],
    [("a.example", 8000, True), ("a.example", 80, False), ("b.example", 80, False)],
    [("a.example", 80, False)],
    [],
]


@pytest.mark.parametrize("layout", SITE_LAYOUTS)
def test_sites_are_matched_as_wagtail_matches_them(village_page, layout):
    from wagtail.models.sites import get_site_for_hostname

    Site.objects.all().delete()
    for hostname, port, default in layout:
        Site.objects.create(hostname=hostname, port=port, is_default_site=default, root_page=village_page)
    sites = tuple(Site.objects.select_related("root_page"))
    for hostname in ("a.example", "b.example", "other.example", "localhost", "unknown.example"):
        for port in (80, 8000, 9000):
            try:
                expected = get_site_for_hostname(hostname, port)
            except Site.DoesNotExist:
                expected = None
            assert lookups._match_site(sites, hostname, port) == expected, (layout, hostname, port)


def test_two_sites_on_one_host_without_a_default_answer_no_site(client, village_page):
    # Wagtail finds no site for a port neither has: a 404, not the first of them.
    Site.objects.all().delete()
    Site.objects.create(hostname="dongshan.example", port=80, root_page=village_page)
    Site.objects.create(hostname="dongshan.example", port=8000, root_page=village_page)

    # The port is the server's (request.get_port()), as Wagtail takes it, not the one in the Host header.
    assert client.get("/zh-hans/", HTTP_HOST="dongshan.example", SERVER_PORT="9000").status_code == 404
    assert client.get("/zh-hans/", HTTP_HOST="dongshan.example", SERVER_PORT="8000").status_code == 200


def test_the_active_locale_follows_the_language(db):
    from django.utils import translation

    with translation.override("en"):
        assert lookups.active_locale() == Locale.objects.get(language_code="en")
    with translation.override("zh-hans"), CaptureQueriesContext(connection) as queries:
        lookups.active_locale()
        locale = lookups.active_locale()
    assert locale.language_code == "zh-hans" and len(queries) <= 3  # the first load only


def test_a_cache_outage_falls_back_to_the_database(client, village_page, monkeypatch):
    class Down:
        def get(self, *args, **kwargs):
            raise ConnectionError("cache down")

    monkeypatch.setattr(lookups, "cache", Down())

    assert client.get(village_page.url).status_code == 200


def test_listings_leave_out_restricted_pages_with_the_cached_paths(client, village_page):
    from notices.models import NoticeIndexPage

    index = NoticeIndexPage.objects.child_of(village_page).get()
    client.get(village_page.url)
    assert client.get(village_page.url).context["notice_index"] is not None
    PageViewRestriction.objects.create(page=index, restriction_type=PageViewRestriction.LOGIN)

    response = client.get(village_page.url)
    assert response.context["notice_index"] is None  # the section tile is gone
    assert index.pk not in [page.pk for page in response.context["sections"]]


def test_an_alias_keeps_the_restriction_of_its_source(translated_trees, client, village_page):
    section = village_page.get_children().live().first()
    alias = section.get_translation(Locale.objects.get(language_code="zh-hant"))
    assert alias.alias_of_id == section.pk
    assert client.get(alias.url).status_code == 200
    # In zh-hant and en the pages are aliases until translated: their language tree's root and the restrictions
    # come from the cache too, not from Wagtail's alias-resolving queries.
    queries = _queries(client, alias.url)
    tables = {sql.split(" FROM ", 1)[1].split(" ", 1)[0] for sql in queries}
    assert '"wagtailcore_pageviewrestriction"' not in tables and len(queries) <= 12
    restriction = PageViewRestriction.objects.create(page=section, restriction_type=PageViewRestriction.LOGIN)

    assert client.get(alias.url).status_code == 302  # the source's restriction, as Wagtail applies it

    restriction.delete()
    assert client.get(alias.url).status_code == 200


def test_deleting_a_root_page_clears_the_cached_rows(db):
    from wagtail.models import Page

    extra = Page.get_first_root_node().add_child(instance=Page(title="另一个门户", slug="another-portal"))
    assert lookups.lookups() is not None and cache.get(lookups.CACHE_KEY) is not None
    extra.delete()
    assert cache.get(lookups.CACHE_KEY) is None  # the next view reads the roots again


def test_a_page_view_reads_the_cached_rows_once(client, village_page, monkeypatch):
    client.get(village_page.url)
    reads = []
    original = lookups.cache.get

    def counting_get(key, *args, **kwargs):
        reads.append(key)
        return original(key, *args, **kwargs)

    monkeypatch.setattr(lookups.cache, "get", counting_get)
    client.get(village_page.url)

    # Routing, the locale, the restriction check and each listing ask for them; the request keeps one copy.
    assert reads.count(lookups.CACHE_KEY) == 1


def test_outside_a_request_every_call_asks_the_cache(db):
    first = lookups.lookups()
    lookups.clear()

    assert lookups.lookups() is not first  # a command or a task sees a change at once
