"""Routing, language links, villages and urgent notices from the cache (home/treecache.py): no page-tree queries
on a repeat view, and every change to the tree seen on the very next view."""

import datetime

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from consultations.models import ConsultationPage
from council.models import CouncilPage
from home import treecache
from home.models import VillagePage
from notices.models import NoticeIndexPage, NoticePage
from tests.page_tree import build_every_page_type

pytestmark = pytest.mark.usefixtures("cached_lookups")

TREE_TABLES = {'"wagtailcore_page"', '"home_villagepage"', '"home_village"', '"notices_noticepage"'}


@pytest.fixture
def pages(village_page):
    return build_every_page_type(village_page)


def _tables(client, url: str) -> set[str]:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200, url
    return {
        sql.split(" FROM ", 1)[1].split(" ", 1)[0] for sql in (query["sql"] for query in queries) if " FROM " in sql
    }


def _tree_keys() -> set[str]:
    return {key for key in cache._cache if ":home:tree:" in key}  # LocMemCache, as in the test settings


@pytest.mark.parametrize("page_type", [CouncilPage, ConsultationPage, NoticePage, VillagePage])
def test_a_repeat_view_reads_nothing_from_the_page_tree_for_routing(client, pages, page_type):
    url = pages[page_type].url
    first = _tables(client, url)
    again = _tables(client, url)

    assert '"wagtailcore_page"' in first  # the first view routes from the database and fills the cache
    # What is left reads the page's own rows: proposals, meetings, sections and listings of a village page.
    routing_only = {'"home_villagepage"', '"home_village"'} if page_type is not VillagePage else set()
    assert not again & routing_only
    if page_type in (CouncilPage, ConsultationPage, NoticePage):
        assert not again & TREE_TABLES, again


def test_the_language_links_and_the_village_come_with_the_route(client, pages):
    council = pages[CouncilPage]
    client.get(council.url)
    response = client.get(council.url)

    page = response.context["page"]
    assert page.route_village.pk == council.village.pk
    assert {link.locale.language_code for link in page.route_translations} == {"zh-hans"}


def test_a_new_title_is_seen_on_the_next_view(client, pages):
    notice = pages[NoticePage]
    client.get(notice.url)
    notice.title = "十月财务公开（更正）"
    notice.save_revision().publish()

    assert "十月财务公开（更正）" in client.get(notice.url).content.decode()


def test_an_unpublished_page_is_gone_on_the_next_view(client, pages):
    notice = pages[NoticePage]
    client.get(notice.url)
    notice.unpublish()

    assert client.get(notice.url).status_code == 404


def test_a_moved_page_answers_at_its_new_address(client, pages):
    notice = pages[NoticePage]
    old_url = notice.url
    client.get(old_url)
    notice.move(pages[VillagePage], pos="last-child")
    notice.refresh_from_db()

    moved = client.get(old_url)  # not the page from the old route: Wagtail's redirect to where it went
    assert moved.status_code == 301 and moved["Location"] == notice.url
    assert client.get(notice.url).status_code == 200


def test_a_renamed_village_is_seen_on_the_next_view(client, pages):
    council = pages[CouncilPage]
    client.get(council.url)
    village = council.village
    village.name = "东山新村"
    village.save()

    assert client.get(council.url).context["page"].route_village.name == "东山新村"


def test_a_new_urgent_notice_shows_on_the_next_view(client, pages):
    council_url = pages[CouncilPage].url
    assert "停水" not in client.get(council_url).content.decode()
    NoticeIndexPage.objects.child_of(pages[VillagePage]).get().add_child(
        instance=NoticePage(
            title="明日停水通知",
            slug="water",
            date=timezone.localdate(),
            urgent=True,
            posted_until=timezone.localdate() + datetime.timedelta(days=10),
        )
    )

    assert "明日停水通知" in client.get(council_url).content.decode()


def test_made_up_urls_and_sub_page_routes_are_not_kept(client, pages):
    client.get(pages[VillagePage].url)
    kept = _tree_keys()
    council = pages[CouncilPage]

    assert client.get(pages[VillagePage].url + "no-such-page/").status_code == 404
    assert client.get(pages[VillagePage].url + "no/such/page/at/all/").status_code == 404
    assert client.get(council.url + "meetings/999999/").status_code == 404
    assert _tree_keys() == kept


def test_a_cache_outage_routes_from_the_database(client, pages, monkeypatch):
    class Down:
        def get(self, *args, **kwargs):
            raise ConnectionError("cache down")

        set = get

    url = pages[ConsultationPage].url
    client.get(url)
    monkeypatch.setattr(treecache, "cache", Down())

    assert client.get(url).status_code == 200


def test_off_with_the_lookup_cache(settings, pages):
    settings.LOOKUP_CACHE_ENABLED = False
    calls = []

    assert treecache.remember("test", ("x",), lambda: calls.append(1) or len(calls), scope="a") == 1
    assert treecache.remember("test", ("x",), lambda: calls.append(1) or len(calls), scope="a") == 2
    assert treecache.route(pages[VillagePage], ["a"]) is None


def test_bumping_everything_retires_every_entry(db):
    first = treecache.remember("test", ("x",), lambda: "before", scope="a")
    kept = treecache.remember("test", ("x",), lambda: "again", scope="a")
    treecache.bump_everything()

    assert first == kept == "before"
    assert treecache.remember("test", ("x",), lambda: "after", scope="a") == "after"


def test_bumping_a_scope_retires_its_entries_only(db):
    treecache.remember("test", ("x",), lambda: "a before", scope="a")
    treecache.remember("test", ("x",), lambda: "b before", scope="b")
    treecache.bump(["a"])

    assert treecache.remember("test", ("x",), lambda: "a after", scope="a") == "a after"
    assert treecache.remember("test", ("x",), lambda: "b after", scope="b") == "b before"
