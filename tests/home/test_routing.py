"""home.routing finds exactly the page and sub-path Wagtail's per-level routing finds, in fewer queries."""

import datetime

import pytest
from django.db import connection
from django.http import Http404
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext
from django.utils import translation
from wagtail.models import Locale, PageViewRestriction, Site

from home import routing
from home.templatetags.portal_tags import breadcrumbs
from legal_aid.models import LegalEducationIndexPage, LegalEducationPage
from notices.models import NoticeIndexPage, NoticePage
from tests.page_tree import build_every_page_type
from village_rules.models import VillageRulesPage

DAY = datetime.date(2026, 11, 20)


def _wagtail(request, path: str):
    site = Site.find_for_request(request)
    try:
        return site.root_page.localized.specific.route(request, [part for part in path.split("/") if part])
    except Http404:
        return None


def _ours(request, path: str):
    try:
        return routing.route(request, path)
    except Http404:
        return None


def _comparable(result) -> tuple | None:
    if result is None:
        return None
    page, args, kwargs = result
    named = tuple(getattr(arg, "__name__", arg) for arg in args)
    return page.pk, type(page), repr(named), kwargs


@pytest.fixture
def tree(village_page):
    pages = build_every_page_type(village_page)
    notice_index = pages[NoticeIndexPage]
    # A notice whose slug is also a sub-path of its index: Wagtail serves the index's archive, not the notice.
    notice_index.add_child(instance=NoticePage(title="同名", slug="archive", date=DAY))
    notice_index.add_child(instance=NoticePage(title="草稿", slug="draft", date=DAY, live=False))
    pages[NoticePage].create_alias(update_slug="finance-alias")
    # A draft index with a live article below it: Wagtail routes through drafts and serves the live page.
    education = pages[LegalEducationIndexPage]
    education.add_child(instance=LegalEducationPage(title="调解", slug="mediation", date=DAY))
    education.unpublish()
    PageViewRestriction.objects.create(
        page=pages[VillageRulesPage], restriction_type=PageViewRestriction.PASSWORD, password="secret"
    )
    return pages


PATHS = [
    "",
    "dongshan/",
    "dongshan/notices/",
    "dongshan/notices/finance/",
    "dongshan/notices/finance-alias/",
    "dongshan/notices/finance/ask/",
    "dongshan/notices/archive/",
    "dongshan/notices/feed/rss/",
    "dongshan/notices/draft/",
    "dongshan/notices/missing/",
    "dongshan/notices/finance/missing/",
    "dongshan/rules/",
    "dongshan/rules/revision-2026/",
    "dongshan/council/",
    "dongshan/council/meetings/7/",
    "dongshan/council/export/minutes/",
    "dongshan/consultations/square/",
    "legal-education/",
    "legal-education/land/",
    "legal-education/mediation/",
    "legal-education/land/quiz/",
    "legal-aid/",
    "nowhere/",
    "nowhere/dongshan/",
    "dongshan/nowhere/notices/",
]


@pytest.mark.parametrize("language", ["zh-hans", "zh-hant", "en"])
def test_routes_like_wagtail_in_every_language(tree, language):
    assert Locale.objects.filter(language_code=language).exists()
    factory = RequestFactory()
    found = 0
    with translation.override(language):
        for path in PATHS:
            request = factory.get(f"/{language}/{path}")
            expected = _comparable(_wagtail(request, path))
            ours = _ours(factory.get(f"/{language}/{path}"), path)
            assert _comparable(ours) == expected, (language, path)
            found += expected is not None
            if ours is not None and ours[0].depth > 2:  # the breadcrumbs it hands on are the page's ancestors
                ancestors = list(ours[0].get_ancestors().filter(depth__gte=2))
                assert breadcrumbs(ours[0]) == ancestors, (language, path)
    assert found >= 14  # the comparison is between pages found, not between two 404s


def test_ancestors_sub_path_wins_over_a_child_with_the_same_slug(tree):
    with translation.override("zh-hans"):
        page, args, _ = routing.route(RequestFactory().get("/"), "dongshan/notices/archive/")
    assert isinstance(page, NoticeIndexPage) and args[0].__name__ == "archive"


def test_a_deep_page_is_routed_in_a_constant_number_of_queries(tree):
    request = RequestFactory().get("/")
    with translation.override("zh-hans"):
        routing.route(request, "dongshan/")
        with CaptureQueriesContext(connection) as shallow:
            routing.route(RequestFactory().get("/"), "dongshan/")
        with CaptureQueriesContext(connection) as deep:
            page, _, _ = routing.route(RequestFactory().get("/"), "dongshan/notices/finance/ask/")
    assert len(deep) == len(shallow) <= 4  # site, locale, the pages on the path, the deepest page's own fields
    with CaptureQueriesContext(connection) as crumbs:
        assert [crumb.slug for crumb in breadcrumbs(page)][1:] == ["dongshan", "notices"]
    assert len(crumbs) == 0


def test_served_pages_keep_drafts_aliases_and_view_restrictions(client, tree):
    assert client.get("/zh-hans/dongshan/notices/draft/").status_code == 404
    alias = client.get("/zh-hans/dongshan/notices/finance-alias/")
    assert alias.status_code == 200 and "十月财务公开" in alias.content.decode()
    assert client.get("/zh-hans/legal-education/mediation/").status_code == 200
    restricted = client.get("/zh-hans/dongshan/rules/")
    # Under /zh-hans/ the password form speaks Simplified Chinese (not "password" somewhere in the markup).
    html = restricted.content.decode()
    assert restricted.status_code == 200
    assert "<h1>需要密码</h1>" in html and 'name="password"' in html
    # The password form is served in place of the page: the page's own template is never rendered.
    rendered = [template.name for template in restricted.templates]
    assert rendered[0] == "wagtailcore/password_required.html" and "village_rules/rules.html" not in rendered
    # Wagtail's own utility URLs still reach their view: _util/login/ is the portal's allauth sign-in (issue 17).
    login = client.get("/zh-hans/_util/login/")
    assert login.status_code == 302 and login["Location"].startswith("/zh-hans/accounts/login/")
