"""The anonymous page cache (portal/pagecache): hits, keys, invalidation, headers, and what it never keeps."""

import datetime

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import Locale

from consultations.models import ConsultationIndexPage, ConsultationPage, Proposal, Support
from home.models import VillagePage
from notices.models import NoticeCategory, NoticeIndexPage, NoticePage
from portal.pagecache import current_generations
from portal.pagecache.invalidation import portal_scopes, scopes_for_instance
from portal.pagecache.keys import scope_of_path
from residents.models import Resident


@pytest.fixture(autouse=True)
def page_cache_on(settings):
    settings.PAGE_CACHE_ENABLED = True
    settings.PAGE_CACHE_SECONDS = 300
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def notice_index(village_page) -> NoticeIndexPage:
    return NoticeIndexPage.objects.child_of(village_page).get()


def publish_notice(index: NoticeIndexPage, title: str) -> NoticePage:
    notice = NoticePage(
        title=title,
        slug=f"n-{NoticePage.objects.count() + 1}",
        date=datetime.date.today(),
        category=NoticeCategory.objects.get(slug="affairs"),
    )
    index.add_child(instance=notice)
    notice.save_revision().publish()
    return notice


def test_second_anonymous_view_is_a_hit_without_queries(client, village_page):
    first = client.get(village_page.url)
    assert first.status_code == 200
    assert first["X-Page-Cache"] == "miss"
    with CaptureQueriesContext(connection) as queries:
        second = client.get(village_page.url)
    assert second["X-Page-Cache"] == "hit"
    assert len(queries) == 0
    assert second.content == first.content
    assert second["Content-Type"].startswith("text/html")


def test_a_hit_is_answered_before_the_session_and_locale_middleware(client, village_page):
    first = client.get(village_page.url)
    hit = client.get(village_page.url)

    assert hit["X-Page-Cache"] == "hit"
    assert not hasattr(hit.wsgi_request, "session") and not hasattr(hit.wsgi_request, "user")
    assert hasattr(first.wsgi_request, "session")  # a miss goes all the way through
    # What the skipped middleware add on the way out was stored with the page; the security headers are fresh.
    for header in ("Content-Language", "X-Frame-Options", "Content-Security-Policy", "Permissions-Policy"):
        assert hit[header] == first[header], header
    assert "Cookie" in hit["Vary"]


def test_the_language_of_the_key_is_the_url_prefix_not_the_active_language(client, village_page):
    from django.utils import translation

    english = village_page.url.replace("/zh-hans/", "/en/", 1)
    client.get(village_page.url)
    with translation.override("en"):  # a thread left with another language active must not matter
        hit = client.get(village_page.url)
    assert hit["X-Page-Cache"] == "hit" and hit["Content-Language"] == "zh-hans"
    assert client.get(english)["X-Page-Cache"] == "miss"


def test_head_is_answered_from_the_cache_without_a_body(client, village_page):
    body = client.get(village_page.url).content
    response = client.head(village_page.url)
    assert response["X-Page-Cache"] == "hit"
    assert response.content == b""
    assert response["Content-Length"] == str(len(body))


def test_elder_mode_and_language_are_part_of_the_key(translated_trees, client, village_page):
    standard = client.get(village_page.url)
    client.cookies["elder_mode"] = "1"
    elder = client.get(village_page.url)
    assert elder["X-Page-Cache"] == "miss"
    assert b'class="elder"' in elder.content and b'class="elder"' not in standard.content
    assert client.get(village_page.url)["X-Page-Cache"] == "hit"
    english = village_page.get_translation(Locale.objects.get(language_code="en"))
    assert client.get(english.url)["X-Page-Cache"] == "miss"


def test_publishing_a_notice_shows_at_once_on_the_village_page_and_the_notice_index(client, notice_index):
    village_url, index_url = notice_index.get_parent().url, notice_index.url
    for url in (village_url, index_url):
        client.get(url)
        assert client.get(url)["X-Page-Cache"] == "hit"

    publish_notice(notice_index, "修路集资公告")

    for url in (village_url, index_url):
        response = client.get(url)
        assert response["X-Page-Cache"] == "miss"
        assert "修路集资公告" in response.content.decode()


def test_a_change_in_one_village_leaves_another_village_cached(client, make_village, notice_index):
    other = VillagePage.objects.get(village=make_village(code="xishan", name="西山村"), locale=Locale.get_default())
    client.get(other.url)
    home_url = other.get_parent().url
    client.get(home_url)

    publish_notice(notice_index, "东山村公告")

    assert client.get(other.url)["X-Page-Cache"] == "hit"
    assert client.get(home_url)["X-Page-Cache"] == "miss"  # the portal home lists across villages


def test_a_register_change_invalidates_the_village(client, village_page):
    client.get(village_page.url)
    village = village_page.village
    village.name = "东山新村"
    village.save()
    assert client.get(village_page.url)["X-Page-Cache"] == "miss"


def test_a_proposal_invalidates_its_village_only(village_page, make_village, make_user):
    index = ConsultationIndexPage.objects.child_of(village_page).get()
    page = index.add_child(instance=ConsultationPage(title="广场改造", slug="square"))
    resident = Resident.objects.create(
        user=make_user("villager"), village=village_page.village, display_name="村民", verification="verified"
    )
    proposal = Proposal(page=page, author=resident, title="装路灯", text="<p>装路灯</p>")
    assert set(scopes_for_instance(proposal)) >= {"dongshan", "", "search"}
    other = make_village(code="xishan")
    before = current_generations("xishan"), current_generations("dongshan")
    proposal.save()
    after = current_generations("xishan"), current_generations("dongshan")
    assert after[0] == before[0]
    assert after[1][1] > before[1][1] and after[1][0] == before[1][0]
    with CaptureQueriesContext(connection) as queries:  # a support's proposal's page, in hand: no query
        assert set(scopes_for_instance(Support(proposal=proposal, resident=resident))) >= {"dongshan", ""}
    assert len(queries) == 0
    loaded_alone = Proposal.objects.get(pk=proposal.pk)
    with CaptureQueriesContext(connection) as queries:  # a proposal read without its page: one query
        assert set(scopes_for_instance(Support(proposal=loaded_alone, resident=resident))) >= {"dongshan", ""}
    assert len(queries) == 1
    assert other.code == "xishan"


def test_signed_in_users_always_get_fresh_private_pages(client, village_page, make_user):
    client.get(village_page.url)
    client.force_login(make_user("zhang"))
    response = client.get(village_page.url)
    assert response["X-Page-Cache"] == "bypass"
    assert "zhang" in response.content.decode()
    assert "private" in response["Cache-Control"] and "no-store" in response["Cache-Control"]


def test_anonymous_headers_etag_and_304(client, village_page):
    response = client.get(village_page.url)
    assert response["Cache-Control"] == "public, no-cache"
    assert "Cookie" in response["Vary"]
    etag = response["ETag"]
    for state in ("hit", "hit"):
        not_modified = client.get(village_page.url, headers={"if-none-match": etag})
        assert not_modified.status_code == 304
        assert not_modified.content == b""
        assert not_modified["X-Page-Cache"] == state
    assert client.get(village_page.url, headers={"if-none-match": '"other"'}).status_code == 200


def test_first_view_answers_304_when_the_browser_already_has_it(client, village_page):
    etag = client.get(village_page.url)["ETag"]
    cache.clear()
    response = client.get(village_page.url, headers={"if-none-match": etag})
    assert (response.status_code, response["X-Page-Cache"]) == (304, "miss")


@pytest.mark.parametrize("path", ["/zh-hans/accounts/login/", "/zh-hans/accounts/signup/"])
def test_account_pages_are_never_cached(client, db, path):
    for _ in range(2):
        response = client.get(path)
        assert response.get("X-Page-Cache") != "hit"
        assert "no-store" in response["Cache-Control"]


def test_errors_posts_and_cookie_setting_responses_are_not_cached(client, village_page):
    for _ in range(2):
        missing = client.get(village_page.url + "no-such-page/")
        assert missing.status_code == 404 and missing["X-Page-Cache"] == "bypass"
    posted = client.post(village_page.url)
    assert posted.get("X-Page-Cache") == "bypass"
    assert "no-store" in posted["Cache-Control"]


def test_a_page_with_a_csrf_form_is_not_cached(client, village_page, settings):
    # A view that puts a CSRF token in the page sets the csrftoken cookie: such a page is per visitor.
    from django.middleware.csrf import get_token

    from home.models import VillagePage as Model

    original = Model.get_context

    def with_token(self, request, *args, **kwargs):
        get_token(request)
        return original(self, request, *args, **kwargs)

    Model.get_context = with_token
    try:
        for _ in range(2):
            response = client.get(village_page.url)
            assert response["X-Page-Cache"] == "bypass"
            assert "no-store" in response["Cache-Control"]
    finally:
        Model.get_context = original


def test_admin_and_api_are_left_alone(client, db):
    assert "X-Page-Cache" not in client.get("/api/v2/pages/")
    assert "X-Page-Cache" not in client.get("/admin/login/")


def test_scope_is_the_first_segment_after_the_language():
    assert scope_of_path("/zh-hans/dongshan/notices/x/") == "dongshan"
    assert scope_of_path("/en/") == ""
    assert scope_of_path("/zh-hant/search/") == "search"


def test_cache_outage_serves_the_page_uncached(client, village_page, monkeypatch):
    from portal import pagecache

    class Broken:
        def __getattr__(self, name):
            raise ConnectionError("redis down")

    monkeypatch.setattr(pagecache, "page_cache", lambda: Broken())
    monkeypatch.setattr("portal.pagecache.middleware.page_cache", lambda: Broken())
    response = client.get(village_page.url)
    assert response.status_code == 200
    assert response["X-Page-Cache"] == "bypass"


def test_signed_in_pages_are_private_even_with_the_page_cache_off(client, village_page, make_user, settings):
    settings.PAGE_CACHE_ENABLED = False
    anonymous = client.get(village_page.url)
    assert "X-Page-Cache" not in anonymous and "no-store" not in anonymous.get("Cache-Control", "")
    client.force_login(make_user("li"))
    assert "no-store" in client.get(village_page.url)["Cache-Control"]


def test_restricting_a_page_takes_it_out_of_the_cache_at_once(client, village_page):
    from wagtail.models import PageViewRestriction

    client.get(village_page.url)
    assert client.get(village_page.url)["X-Page-Cache"] == "hit"
    PageViewRestriction.objects.create(page=village_page, restriction_type=PageViewRestriction.LOGIN)
    response = client.get(village_page.url)
    assert response.status_code == 302 and response["X-Page-Cache"] == "bypass"


def test_a_many_to_many_change_invalidates(client, village_page):
    from legal_aid.models import LegalAidContact
    from legal_aid.models.contacts import LegalAidKind

    contact = LegalAidContact.objects.create(kind=LegalAidKind.choices[0][0], name="司法所", phone="12348")
    client.get(village_page.url)
    contact.villages.add(village_page.village)
    assert client.get(village_page.url)["X-Page-Cache"] == "miss"


def test_village_feeds_are_cached_and_invalidated_like_pages(client, notice_index):
    feed = notice_index.url + "feed/rss/"
    first = client.get(feed)
    assert first.status_code == 200 and first["Content-Type"].startswith("application/rss+xml")
    assert client.get(feed)["X-Page-Cache"] == "hit"
    publish_notice(notice_index, "停水通知")
    response = client.get(feed)
    assert response["X-Page-Cache"] == "miss" and "停水通知" in response.content.decode()


def test_a_vote_or_comment_leaves_legal_education_cached(village_page, portal_home, make_user):
    from legal_aid.models import LegalEducationIndexPage

    section = portal_home.add_child(instance=LegalEducationIndexPage(title="学法用法", slug="legal-education"))
    section.save_revision().publish()  # as an editor does: the list of portal-wide sections is read again
    assert "legal-education" in portal_scopes()
    index = ConsultationIndexPage.objects.child_of(village_page).get()
    page = index.add_child(instance=ConsultationPage(title="广场改造", slug="square"))
    resident = Resident.objects.create(
        user=make_user("villager"), village=village_page.village, display_name="村民", verification="verified"
    )
    before = current_generations("legal-education"), current_generations("dongshan"), current_generations("search")
    Proposal.objects.create(page=page, author=resident, title="装路灯", text="<p>装路灯</p>")
    after = current_generations("legal-education"), current_generations("dongshan"), current_generations("search")
    assert after[0] == before[0]
    assert after[1][1] > before[1][1] and after[2][1] > before[2][1]
    # An editor's change to the village itself still reaches every portal-wide page.
    village_page.village.save()
    assert current_generations("legal-education")[1] > after[0][1]
