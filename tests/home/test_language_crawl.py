"""The language links (portal_tags.language_links) lead to the same content in every language (issue 16).

A crawl over every live page of every locale tree, and over the sub-routes and filtered lists: the page and every
link its language switcher shows answer 200. Where a page has no copy in a language (made outside the editor: a
council resolution, a copied page, a revision added by a script), the link leads to the source page shown in that
language's chrome with the notice that it is not translated yet (docs/languages.md), never to a 404.
"""

import datetime
import re
from urllib.parse import urlsplit

import pytest
from wagtail.models import Locale, Page

from home.demo import paragraph
from legal_aid.models import LegalAidDirectoryPage, LegalEducationPage
from notices.models import NoticeIndexPage, NoticePage
from tests.page_tree import build_every_page_type
from village_rules.models import RuleRevisionPage, RulesVersion, VillageRulesPage

LINKS = re.compile(r'<ul class="languages">(.*?)</ul>', re.S)
HREF = re.compile(r'<a href="([^"]+)" lang="([^"]+)"')
LANGUAGES = ("zh-hans", "zh-hant", "en")


def language_links(html: str) -> dict[str, str]:
    block = LINKS.search(html)
    assert block, "no language switcher"
    return {code: href.replace("&amp;", "&") for href, code in HREF.findall(block.group(1))}


def rules_sub_routes(rules: VillageRulesPage) -> list[str]:
    older, newer = sorted(RulesVersion.objects.filter(page_id=rules.pk).values_list("pk", flat=True))
    return [rules.url + f"versions/{older}/", rules.url + f"compare/?from={older}&to={newer}"]


@pytest.fixture
def site(translated_trees, village_page) -> dict:
    """Every page type in the three trees, and the pages that exist in Simplified Chinese only."""
    pages = build_every_page_type(village_page)
    notices = pages[NoticeIndexPage]
    day = datetime.date(2026, 11, 21)
    # As council.services.publish_resolution_notice makes it: add_child and publish, no editor, no aliases.
    resolution = notices.add_child(
        instance=NoticePage(title="决议公告：修路", slug="resolution-1-1", date=day, body=paragraph("决议：修路"))
    )
    resolution.save_revision().publish()
    revision = pages[VillageRulesPage].add_child(
        instance=RuleRevisionPage(title="2027年修订", slug="rev-2027", date=day)
    )
    revision.save_revision().publish()
    copied = pages[NoticePage].copy(update_attrs={"slug": "finance-copy", "title": "十月财务公开（副本）"})
    copied.save_revision().publish()
    rules = pages[VillageRulesPage]
    rules.versions = [
        RulesVersion(
            title=f"{year}年版", meeting="村民会议", adopted_on=datetime.date(year, 3, 1), votes_for=500, text=[]
        )
        for year in (2019, 2023)
    ]
    rules.save_revision().publish()
    return {**pages, "only_source": [resolution, revision, copied.specific]}


def test_every_page_and_every_language_link_answers(client, site):
    started = datetime.datetime.now()
    urls = {page.get_url() for page in Page.objects.live().filter(depth__gt=1)}
    directory, education = site[LegalAidDirectoryPage].url, site[LegalEducationPage].url
    urls |= {
        site[NoticeIndexPage].url + "archive/?year=2026&category=affairs",
        directory + "?kind=lawyer&village=dongshan",
        education + "quiz/",
        *rules_sub_routes(site[VillageRulesPage]),
    }
    assert len(urls) > 36  # twelve page types in three trees and the extras
    seen: set[str] = set()
    for url in sorted(urls):
        response = client.get(url)
        assert response.status_code == 200, url
        links = language_links(response.content.decode())
        assert set(links) == set(LANGUAGES), url
        for code, link in links.items():
            assert urlsplit(link).path.startswith(f"/{code}/"), (url, link)
            if "compare/" not in url:  # the filters are kept (the versions' ids are each copy's own)
                assert urlsplit(link).query == urlsplit(url).query, (url, link)
            if link not in seen and link not in urls:
                seen.add(link)
                assert client.get(link).status_code == 200, (url, link)
    assert (datetime.datetime.now() - started).total_seconds() < 60


@pytest.mark.parametrize("language", ["zh-hant", "en"])
def test_a_page_with_no_copy_in_a_language_is_shown_untranslated_there(client, site, language):
    for page in site["only_source"]:
        assert not page.get_translations().exists()
        links = language_links(client.get(page.url).content.decode())

        response = client.get(links[language])

        assert response.status_code == 200, links[language]
        html = response.content.decode()
        assert f'<html lang="{language}"' in html
        assert page.title in html
        assert "untranslated-notice" in html
        # ... and from there back to the original.
        assert language_links(html)["zh-hans"] == page.url


def test_the_sub_route_and_the_query_string_are_kept(client, site):
    archive = site[NoticeIndexPage].url + "archive/?year=2026&category=affairs"

    links = language_links(client.get(archive).content.decode())

    assert links["en"] == archive.replace("/zh-hans/", "/en/", 1)
    assert links["zh-hant"] == archive.replace("/zh-hans/", "/zh-hant/", 1)
    english = client.get(links["en"])
    assert english.status_code == 200
    assert language_links(english.content.decode())["zh-hans"] == archive


def test_an_unknown_address_is_still_a_404_in_every_language(client, site):
    for language in LANGUAGES:
        assert client.get(f"/{language}/dongshan/notices/no-such-notice/").status_code == 404
        assert client.get(f"/{language}/no-such-village/").status_code == 404


def test_a_draft_is_not_served_through_another_language(client, site):
    resolution = site["only_source"][0]
    url = resolution.url
    resolution.unpublish()

    assert client.get(url.replace("/zh-hans/", "/en/", 1)).status_code == 404


def test_a_version_of_the_rules_leads_to_the_same_version_in_the_other_language(client, site):
    rules = site[VillageRulesPage]
    english = rules.get_translation(Locale.objects.get(language_code="en")).specific
    for source, theirs in zip(rules_sub_routes(rules), rules_sub_routes(english), strict=True):
        links = language_links(client.get(source).content.decode())

        assert links["en"] == theirs
        assert client.get(theirs).status_code == 200
        assert language_links(client.get(theirs).content.decode())["zh-hans"] == source
