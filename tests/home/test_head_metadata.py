"""What every public page says in its head: feeds it advertises (and shows), and its description.

Feeds are found from the URL patterns, not listed by hand: every argument-free sub-page route of every page type
is requested on a live page of that type in every language, and the ones that answer with a feed are the feeds.
Page types come from Wagtail's registry.
"""

import json
import xml.etree.ElementTree as ET
from html.parser import HTMLParser

import pytest
from django.contrib.staticfiles import finders
from django.contrib.syndication.views import Feed
from django.templatetags.static import static
from django.urls import URLPattern, URLResolver, get_resolver
from wagtail.blocks import StreamValue
from wagtail.contrib.routable_page.models import RoutablePageMixin
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page, get_page_models
from wagtail.rich_text import RichText

from home.descriptions import DESCRIPTION_LENGTH, describe_text, shorten
from home.models import VillagePage
from home.privacy.detect import find_personal_data
from notices.models import NoticeIndexPage
from portal.public_url import public_url
from tests.home.privacy.test_detect import VALID_ID_2
from tests.page_tree import build_every_page_type, in_locale

LANGUAGES = ("zh-hans", "zh-hant", "en")
FEED_TYPES = {"application/rss+xml": "rss", "application/atom+xml": "{http://www.w3.org/2005/Atom}feed"}
SUBSCRIBE = {"zh-hans": "订阅", "zh-hant": "訂閱", "en": "Subscribe"}
MOBILE = "13812345678"


class Head(HTMLParser):
    """The head's meta tags and alternate links, and the body's links with their text."""

    def __init__(self, html: str) -> None:
        super().__init__()
        self.in_head, self.meta, self.alternates, self.anchors, self._anchor = False, {}, [], [], None
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "head":
            self.in_head = True
        elif tag == "meta" and self.in_head:
            key = (
                attrs.get("name")
                or attrs.get("property")
                or (attrs.get("itemprop") and "itemprop:" + attrs["itemprop"])
            )
            if key:
                self.meta.setdefault(key, []).append(attrs.get("content", ""))
        elif tag == "link" and self.in_head and attrs.get("rel") == "alternate" and attrs.get("type") in FEED_TYPES:
            self.alternates.append((attrs["type"], attrs["href"]))
        elif tag == "a" and not self.in_head:
            self._anchor = [attrs.get("href", ""), ""]

    def handle_endtag(self, tag):
        if tag == "head":
            self.in_head = False
        elif tag == "a" and self._anchor is not None:
            self.anchors.append(tuple(self._anchor))
            self._anchor = None

    def handle_data(self, data):
        if self._anchor is not None:
            self._anchor[1] += data


def public_page_types() -> set[type[Page]]:
    """Every page type in Wagtail's registry but the tree root's plain Page."""
    return {model for model in get_page_models() if model is not Page}


def argument_free_routes(model: type[Page]) -> list[str]:
    if not issubclass(model, RoutablePageMixin):
        return []
    routes = []
    for pattern in model.get_subpage_urls():
        route = pattern.pattern
        if getattr(route, "converters", None) or getattr(getattr(route, "regex", None), "groups", 0):
            continue
        routes.append(str(route).lstrip("^").rstrip("$"))
    return routes


def is_feed(response) -> bool:
    return response.status_code == 200 and response["Content-Type"].split(";")[0] in FEED_TYPES


def assert_valid_feed(client, url: str) -> None:
    response = client.get(url)
    assert response.status_code == 200, url
    mime_type = response["Content-Type"].split(";")[0]
    assert mime_type in FEED_TYPES, (url, mime_type)
    root = ET.fromstring(response.content)  # noqa: S314 (our own feed)
    assert root.tag == FEED_TYPES[mime_type], (url, root.tag)


def root_feed_views(resolver=None) -> list[str]:
    """Feeds served outside the page tree (none today): each would need its own advertising page."""
    found = []
    for pattern in (resolver or get_resolver()).url_patterns:
        if isinstance(pattern, URLResolver):
            found += root_feed_views(pattern)
        elif isinstance(pattern, URLPattern) and isinstance(pattern.callback, Feed):
            found.append(str(pattern.pattern))
    return found


def test_every_feed_is_advertised_and_every_advertised_feed_is_valid(translated_trees, client, village_page):
    pages = build_every_page_type(village_page)
    assert set(pages) == public_page_types()
    assert root_feed_views() == [], "a feed outside the page tree: advertise it on its pages and test it here"

    advertised_somewhere = 0
    for language in LANGUAGES:
        served: dict[type[Page], set[str]] = {}
        for page_type, page in pages.items():
            url = in_locale(page, language).get_url()
            for route in argument_free_routes(page_type):
                if is_feed(client.get(url + route)):
                    served.setdefault(page_type, set()).add(url + route)
        assert served, "no page type serves a feed: the enumeration found nothing"

        for page_type, page in pages.items():
            response = client.get(in_locale(page, language).get_url())
            head = Head(response.content.decode())
            advertised = {href for _type, href in head.alternates}
            # A page that serves feeds advertises each of them; the village page its notices' feeds too.
            assert served.get(page_type, set()) <= advertised, (page_type, language)
            if page_type is VillagePage:
                assert served[NoticeIndexPage] <= advertised, language
            for mime_type, href in head.alternates:
                assert_valid_feed(client, href)
                assert FEED_TYPES[mime_type] == FEED_TYPES[client.get(href)["Content-Type"].split(";")[0]]
                visible = [text for link, text in head.anchors if link == href]
                assert visible and SUBSCRIBE[language] in visible[0], (page_type, language, href, visible)
            advertised_somewhere += bool(advertised)
    assert advertised_somewhere >= 3 * len(LANGUAGES)  # notice index, village page, legal education index


def test_the_notice_archive_advertises_the_notices_feeds(client, village_page):
    index = NoticeIndexPage.objects.child_of(village_page).get()
    head = Head(client.get(index.url + "archive/").content.decode())
    feeds = {index.url + "feed/rss/", index.url + "feed/atom/"}
    assert {href for _type, href in head.alternates} == feeds
    assert feeds <= {href for href, text in head.anchors if SUBSCRIBE["zh-hans"] in text}


def _paragraph_stream(field: StreamField, text: str) -> StreamValue | None:
    if "paragraph" not in field.stream_block.child_blocks:
        return None
    return StreamValue(field.stream_block, [("paragraph", RichText(f"<p>{text}</p>"))])


def _fill_with_personal_data(page: Page) -> str:
    """Every summary, introduction and paragraph-taking stream field of the page (in every language) gets a
    long text with a full mobile and ID number in it, written straight to the rows as content published before
    any guard existed would be. Returns the marker of the field the description should come from."""
    values, preferred = {}, None
    for name, marker in (("summary", "摘要"), ("intro", "引言"), ("body", "正文"), ("charter", "章程")):
        field = next((f for f in type(page)._meta.get_fields() if f.name == name), None)
        if field is None:
            continue
        text = f"{marker}标记：联系电话{MOBILE}，身份证号{VALID_ID_2}。" + "村务公开接受全体村民监督。" * 12
        if isinstance(field, StreamField):
            value = _paragraph_stream(field, text)
            if value is None:
                continue
            values[name] = json.dumps(value.get_prep_value(), ensure_ascii=False)
        elif isinstance(field, RichTextField):
            values[name] = f"<p>{text}</p>"
        else:
            values[name] = text
        preferred = preferred or marker
    if values:
        type(page).objects.filter(pk__in=[p.pk for p in page.get_translations(inclusive=True)]).update(**values)
    return preferred or ""


@pytest.mark.parametrize("filled", [False, True], ids=["as-built", "with-personal-numbers"])
def test_every_page_type_has_a_masked_meta_description_in_every_language(
    translated_trees, client, village_page, filled
):
    pages = build_every_page_type(village_page)
    assert set(pages) == public_page_types()
    markers = {page_type: _fill_with_personal_data(page) for page_type, page in pages.items()} if filled else {}
    if filled:
        assert all(markers.values()), "every page type has a text field to describe it by"

    for language in LANGUAGES:
        for page_type, page in pages.items():
            html = client.get(in_locale(page, language).get_url()).content.decode()
            meta = Head(html).meta
            (description,) = meta["description"]
            assert description.strip(), (page_type, language)
            assert len(description) <= DESCRIPTION_LENGTH, (page_type, language)
            assert meta["og:description"] == [description], (page_type, language)
            assert find_personal_data(description) == [], (page_type, language, description)
            assert MOBILE not in html.split("</head>")[0] and VALID_ID_2 not in html.split("</head>")[0]
            if filled:
                assert description.startswith(markers[page_type]), (page_type, language, description)
                assert "138****5678" in description


def test_descriptions_are_masked_before_they_are_cut():
    # The ID starts at 105 and the cut falls at 119: cut first, its first fourteen digits (the birth date)
    # would stay, though no full number remains for a masker to find.
    text = "村" * 105 + VALID_ID_2 + "，以上名单公示五天。"
    description = describe_text(text)
    assert len(description) <= DESCRIPTION_LENGTH
    assert VALID_ID_2[6:14] not in description and description.startswith("村" * 105 + "4201")


def test_descriptions_end_on_a_sentence_when_they_can():
    sentence = "本村2026年10月财务收支已经村务监督委员会审核。"
    assert shorten(sentence * 6) == sentence * (DESCRIPTION_LENGTH // len(sentence))
    assert shorten("字" * 200) == "字" * (DESCRIPTION_LENGTH - 1) + "…"
    assert shorten("短。") == "短。"


def test_every_page_type_has_a_share_card_in_every_language(translated_trees, client, village_page):
    """og:title/description/image/url/type and WeChat's itemprop name/description/image, on every page type (from
    Wagtail's registry) in every language: absolute addresses, the visited page's own URL, a raster image."""
    pages = build_every_page_type(village_page)
    assert set(pages) == public_page_types()
    image = public_url(static("img/share.png"))
    assert finders.find("img/share.png"), "the default share image is in static"
    for language in LANGUAGES:
        for page_type, page in pages.items():
            translated = in_locale(page, language)
            url = translated.get_url()
            meta = Head(client.get(url).content.decode()).meta
            assert meta["og:title"] == [translated.seo_title or translated.title], (page_type, language)
            assert meta["itemprop:name"] == meta["og:title"]
            assert meta["og:url"] == [public_url(url)], (page_type, language)
            assert meta["og:url"][0].startswith(("http://", "https://"))
            assert meta["og:image"] == [image] == meta["itemprop:image"]
            assert meta["itemprop:description"] == meta["og:description"] == meta["description"]
            assert meta["og:type"] == ["article" if getattr(translated, "date", None) else "website"]
