"""Per-village cache scoping (issue 21): a change in one village leaves every other village's cached pages, routes
and lookups warm, in all three languages, while its own pages and the portal-wide pages that show it are refreshed.

Three villages (A, B, C) with their trees mirrored into zh-hant and en. Each test warms every page it looks at,
makes one change in A, then checks the cache itself (the generation counters and the stored entries of B and C are
unchanged, A's are not), the page cache's answer (hit or miss) and, with the page cache off, the queries of a view
(B's and C's at their warm count, A's above it: its routes were retired).
"""

import datetime
from collections.abc import Callable

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import Page

from council.models import CouncilPage
from grid.models import Grid
from home import scopes, treecache
from home.demo import ensure_page, paragraph
from home.models import PortalHomePage, Village, VillagePage
from legal_aid.models import LegalAidDirectoryPage, LegalEducationIndexPage
from notices.models import NoticeIndexPage, NoticePage
from portal.pagecache import GLOBAL_SCOPE, generation_key
from tests.page_tree import build_every_page_type, in_locale

pytestmark = pytest.mark.usefixtures("cached_lookups")

LANGUAGES = ("zh-hans", "zh-hant", "en")
DAY = datetime.date(2026, 11, 20)


@pytest.fixture(scope="module")
def world(module_transaction) -> dict:
    """Villages a, b and c mirrored into every language, each with a notice; the portal's sections. Built once for
    the module (about a minute of CPU); tests get fresh instances and their changes are rolled back."""
    found: dict = {}
    for name, code, title in (("a", "dongshan", "东山村"), ("b", "xishan", "西山村"), ("c", "nanhu", "南湖村")):
        village = Village.objects.create(
            code=code, name=title, township="柳溪镇", adult_villagers=900, households=300, representatives=27
        )
        page = VillagePage.objects.get(village=village, locale__language_code="zh-hans")
        if name == "a":
            every = build_every_page_type(page)
            notice = every[NoticePage]
            portal = [every[PortalHomePage], every[LegalAidDirectoryPage], every[LegalEducationIndexPage]]
            found["portal"] = [portal_page.pk for portal_page in portal]
        else:
            index = NoticeIndexPage.objects.child_of(page).get()
            notice = ensure_page(index, NoticePage(title=f"{title}十月财务公开", slug="finance", date=DAY))
        council = CouncilPage.objects.child_of(page).get()
        found[name] = {"village": village.pk, "page": page.pk, "notice": notice.pk, "council": council.pk}
    return found


@pytest.fixture
def county(world, db, settings) -> dict:
    settings.PAGE_CACHE_ENABLED = True
    settings.PAGE_CACHE_SECONDS = 300
    found: dict = {"portal": [Page.objects.get(pk=pk).specific for pk in world["portal"]]}
    for name in ("a", "b", "c"):
        pks = world[name]
        page, notice = VillagePage.objects.get(pk=pks["page"]), NoticePage.objects.get(pk=pks["notice"])
        council = CouncilPage.objects.get(pk=pks["council"])
        found[name] = {"village": page.village, "page": page, "notice": notice, "pages": [page, notice, council]}
    return found


def _urls(pages) -> list[str]:
    return [in_locale(page, language).get_url() for page in pages for language in LANGUAGES]


def _search_urls() -> list[str]:
    return [f"/{language}/search/?q=%E8%B4%A2%E5%8A%A1" for language in LANGUAGES]  # 财务


def _view(client, url: str) -> tuple[int, str, int]:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    return response.status_code, response.get("X-Page-Cache", ""), len(queries)


def _queries_without_page_cache(client, settings, urls: list[str]) -> dict[str, int]:
    settings.PAGE_CACHE_ENABLED = False
    try:
        return {url: _view(client, url)[2] for url in urls}
    finally:
        settings.PAGE_CACHE_ENABLED = True


def _page_cache_states(client, urls: list[str]) -> dict[str, str]:
    return {url: _view(client, url)[1] for url in urls}


def _slugs(village_page: VillagePage) -> set[str]:
    """The village's scope in every language."""
    return {in_locale(village_page, language).slug for language in LANGUAGES}


def _counters(scope_names: set[str]) -> dict[str, object]:
    """The tree cache's and the page cache's generation numbers for these scopes and for everything."""
    names = [treecache.generation_key(name) for name in (*scope_names, treecache.EVERYTHING)]
    names += [generation_key(name) for name in (*scope_names, GLOBAL_SCOPE)]
    return {name: cache.get(name) for name in names}


def _tree_entries(scope_names: set[str]) -> dict[str, object]:
    """The stored tree-cache entries of these scopes by key, with the generations each was built under (read from
    LocMemCache's own keys, as in the test settings)."""
    made = cache.make_key("")
    keys = [key.removeprefix(made) for key in list(cache._cache) if key.startswith(made + treecache.ENTRY_PREFIX)]
    wanted = [key for key in keys if key.removeprefix(treecache.ENTRY_PREFIX).split(":", 1)[0] in scope_names]
    return {key: cache.get(key)[0] for key in wanted}


def _current(entries: dict[str, object]) -> set[str]:
    """Those of these entries still built under their scope's current generations: servable."""
    current = set()
    for key, generations in entries.items():
        scope = key.removeprefix(treecache.ENTRY_PREFIX).split(":", 1)[0]
        names = (treecache.generation_key(treecache.EVERYTHING), treecache.generation_key(scope))
        if generations == tuple(cache.get(name) for name in names):
            current.add(key)
    return current


def _warm(client, settings, urls: list[str]) -> dict[str, int]:
    """Every URL viewed until it is warm: the queries of a warm view without the page cache, then stored in it."""
    _queries_without_page_cache(client, settings, urls)
    warm = _queries_without_page_cache(client, settings, urls)
    _page_cache_states(client, urls)
    assert set(_page_cache_states(client, urls).values()) == {"hit"}
    return warm


def _publish_title(page, title: str) -> None:
    page.title = title
    page.save_revision().publish()


EDITS: dict[str, Callable[[dict], None]] = {
    "publish": lambda county: _publish_title(county["a"]["notice"], "东山村十月财务公开（更正）"),
    "draft": lambda county: county["a"]["notice"].save_revision(),
    "unpublish": lambda county: county["a"]["notice"].unpublish(),
    "delete": lambda county: county["a"]["notice"].delete(),
    "new page": lambda county: ensure_page(
        NoticeIndexPage.objects.child_of(county["a"]["page"]).get(),
        NoticePage(title="东山村停水通知", slug="water", date=DAY, body=paragraph("明日停水")),
    ),
    "village page": lambda county: _publish_title(county["a"]["page"], "东山新村"),
    "village register": lambda county: (
        county["a"]["village"].__class__.objects.get(pk=county["a"]["village"].pk).save()
    ),
    "model in the village": lambda county: Grid.objects.create(village=county["a"]["village"], name="第一网格"),
}
# Drafts and a grid are not shown on the public pages: those leave the page cache alone even in village A.
PAGE_CACHE_UNTOUCHED = {"draft"}
TREE_UNTOUCHED = {"model in the village"}


@pytest.mark.parametrize("edit", list(EDITS))
def test_an_edit_in_one_village_leaves_the_others_warm(client, settings, county, edit):
    others = county["b"]["pages"]
    other_urls, own_urls = _urls(others), _urls(county["a"]["pages"])
    portal_urls = _urls(county["portal"]) + _search_urls()
    warm = _warm(client, settings, other_urls + own_urls + portal_urls)
    other_scopes = _slugs(county["b"]["page"])
    own_scopes = _slugs(county["a"]["page"])
    counters, own_counters = _counters(other_scopes), _counters(own_scopes)
    entries, own_entries = _tree_entries(other_scopes), _tree_entries(own_scopes)
    # Routes (three pages in three languages) and urgent notices of each village, all servable.
    assert len(entries) >= 9 and len(own_entries) >= 9
    assert _current(entries) == set(entries) and _current(own_entries) == set(own_entries)
    edited = _urls([county["a"]["notice"]]) if edit in ("unpublish", "delete") else []

    EDITS[edit](county)

    # The other villages' counters and stored entries are as they were: the same keys under the same generations,
    # all still servable; A's entries are retired (unless the change touched nothing the tree cache keeps).
    assert _counters(other_scopes) == counters
    assert _tree_entries(other_scopes) == entries and _current(entries) == set(entries)
    assert _current(own_entries) == (set(own_entries) if edit in TREE_UNTOUCHED else set())
    changed = {name for name, value in _counters(own_scopes).items() if value != own_counters[name]}
    tree_changed = {treecache.generation_key(scope) for scope in own_scopes} <= changed
    page_changed = {generation_key(scope) for scope in own_scopes} <= changed
    assert tree_changed == (edit not in TREE_UNTOUCHED), changed  # A's routes retired in all three languages
    assert page_changed == (edit not in PAGE_CACHE_UNTOUCHED), changed
    assert not {treecache.generation_key(treecache.EVERYTHING), generation_key(GLOBAL_SCOPE)} & changed

    # Without the page cache: the other villages' views cost their warm queries (routes, lookups still cached);
    # village A's cost more where its routes were retired.
    queries = _queries_without_page_cache(client, settings, other_urls + own_urls)
    assert {url: queries[url] for url in other_urls} == {url: warm[url] for url in other_urls}
    rerouted = [url for url in own_urls if url not in edited and queries[url] > warm[url]]
    if edit in TREE_UNTOUCHED:
        assert rerouted == []
    else:
        assert rerouted == [url for url in own_urls if url not in edited]

    # With it: the other villages' pages are hits; A's and the portal-wide pages are rebuilt.
    states = _page_cache_states(client, other_urls + own_urls + portal_urls)
    assert {states[url] for url in other_urls} == {"hit"}
    expected = {"hit"} if edit in PAGE_CACHE_UNTOUCHED else {"miss"}
    assert {states[url] for url in own_urls if url not in edited} == expected
    assert {states[url] for url in portal_urls} == expected


def test_a_page_moved_to_another_village_refreshes_both_and_leaves_the_third_warm(client, settings, county):
    third_urls = _urls(county["c"]["pages"])
    index = NoticeIndexPage.objects.child_of(county["a"]["page"]).get()
    moving = ensure_page(index, NoticePage(title="东山村修路公告", slug="road", date=DAY, body=paragraph("修路")))
    county["a"]["pages"].append(moving)
    urls = third_urls + _urls(county["a"]["pages"] + county["b"]["pages"]) + _urls(county["portal"])
    warm = _warm(client, settings, urls)
    third = _slugs(county["c"]["page"])
    counters, moved_from, moved_to = _counters(third), _slugs(county["a"]["page"]), _slugs(county["b"]["page"])
    before = _counters(moved_from | moved_to)

    moving.move(NoticeIndexPage.objects.child_of(county["b"]["page"]).get(), pos="last-child")

    assert _counters(third) == counters
    now = _counters(moved_from | moved_to)
    for scope in moved_from | moved_to:  # both villages, in every language, in both caches
        assert now[treecache.generation_key(scope)] != before[treecache.generation_key(scope)], scope
        assert now[generation_key(scope)] != before[generation_key(scope)], scope
    assert _queries_without_page_cache(client, settings, third_urls) == {url: warm[url] for url in third_urls}
    states = _page_cache_states(client, urls)
    assert {states[url] for url in third_urls} == {"hit"}
    assert {states[url] for url in _urls(county["b"]["pages"] + county["portal"])} == {"miss"}
    moving.refresh_from_db()
    assert "西山村" in client.get(moving.url).content.decode()  # routed under its new village


def test_the_portal_pages_show_a_villages_change_in_every_language(client, settings, county):
    """What the portal-wide pages show of a village, from their code: the home lists the villages' pages (title,
    address) by township; the legal-aid directory lists the villages by name; search finds their pages."""
    home, directory = county["portal"][:2]
    _warm(client, settings, _urls([home, directory]) + _search_urls())

    _publish_title(county["a"]["page"], "东山新村")
    village = Village.objects.get(pk=county["a"]["village"].pk)
    village.name = "东山社区"
    village.save()
    _publish_title(county["a"]["notice"], "东山村十月财务公开（更正）")

    for language in LANGUAGES:
        assert "东山新村" in client.get(in_locale(home, language).get_url()).content.decode(), language
        assert "东山社区" in client.get(in_locale(directory, language).get_url()).content.decode(), language
        found = client.get(f"/{language}/search/?q=%E6%9B%B4%E6%AD%A3").content.decode()  # 更正
        assert "（更正）" in found, language


def test_a_renamed_village_answers_at_its_new_address_only(
    client, settings, county, django_capture_on_commit_callbacks
):
    page = county["a"]["page"]
    old_urls = _urls(county["a"]["pages"])
    _warm(client, settings, old_urls)

    with django_capture_on_commit_callbacks(execute=True):
        page.slug = "dongshan-new"
        page.save_revision().publish()

    for url in old_urls:
        if url.split("/")[2] == "dongshan":  # the renamed language's old addresses: not from any cache
            assert client.get(url)["X-Page-Cache"] != "hit", url
    page.refresh_from_db()
    assert client.get(page.url).status_code == 200


def test_the_scope_of_a_village_spans_its_translations(county):
    """The scope map gives every language's slug of a village, and a new village joins it at once."""
    slugs = _slugs(county["b"]["page"])
    assert scopes.translated({"xishan"}) >= slugs
    assert not scopes.translated({"xishan"}) & _slugs(county["c"]["page"])
    assert scopes.translated({""}) == {""}


def test_clear_portal_caches_still_retires_everything(client, settings, county):
    from home.caches import clear_portal_caches

    urls = _urls(county["b"]["pages"])
    warm = _warm(client, settings, urls)
    clear_portal_caches()

    queries = _queries_without_page_cache(client, settings, urls)
    assert all(queries[url] > warm[url] for url in urls)
    assert set(_page_cache_states(client, urls).values()) == {"miss"}
