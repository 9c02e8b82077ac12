"""Legal education: reading time, tags and series, related articles, feeds, API, query counts."""

import datetime
import xml.etree.ElementTree as ET

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.blocks import StructBlockValidationError

from home.demo import ensure_page, paragraph
from legal_aid.blocks import QuestionBlock
from legal_aid.models import LegalEducationPage, LegalEducationSeries
from legal_aid.models.education import CHINESE_CHARS_PER_MINUTE, reading_minutes


def add_article(index, slug, *, series=None, tags=(), day=1, text="正文。") -> LegalEducationPage:
    page = LegalEducationPage(
        title=f"文章{slug}", slug=slug, date=datetime.date(2026, 1, day), summary=f"摘要{slug}", body=paragraph(text)
    )
    page.series = series
    page.tags.set(list(tags))
    return ensure_page(index, page)


def test_reading_minutes_from_chinese_characters():
    assert reading_minutes("") == 1
    assert reading_minutes("字" * CHINESE_CHARS_PER_MINUTE) == 1
    assert reading_minutes("字" * (CHINESE_CHARS_PER_MINUTE + 1)) == 2
    assert reading_minutes(" \n" * 1000 + "字" * 10) == 1  # spaces are not read


def test_article_shows_reading_time_tags_and_series(client, education_index):
    series = LegalEducationSeries.objects.create(name="婚姻家庭", slug="family")
    page = add_article(education_index, "a", series=series, tags=["彩礼"], text="字" * 700)

    html = client.get(page.url).content.decode()

    assert page.reading_time == 3
    assert "婚姻家庭" in html and "?tag=%E5%BD%A9%E7%A4%BC" in html
    assert "3" in html.split('class="meta"')[1].split("</p>")[0]


def test_related_articles_same_series_first_then_shared_tags(client, education_index):
    family = LegalEducationSeries.objects.create(name="婚姻家庭", slug="family")
    land = LegalEducationSeries.objects.create(name="土地", slug="land")
    page = add_article(education_index, "main", series=family, tags=["老人"])
    same_series = add_article(education_index, "s", series=family, day=2)
    shared_tag = add_article(education_index, "t", series=land, tags=["老人"], day=3)
    add_article(education_index, "u", series=land, tags=["合同"], day=4)

    related = page.related_articles()

    assert [p.slug for p in related] == [same_series.slug, shared_tag.slug]
    html = client.get(page.url).content.decode()
    assert same_series.url in html and shared_tag.url in html


def test_index_filters_by_tag_and_series(client, education_index):
    family = LegalEducationSeries.objects.create(name="婚姻家庭", slug="family")
    add_article(education_index, "a", series=family, tags=["彩礼"])
    add_article(education_index, "b", tags=["合同"])

    by_tag = client.get(education_index.url, {"tag": "彩礼"})
    by_series = client.get(education_index.url, {"series": "family"})
    unknown = client.get(education_index.url, {"tag": "没有这个标签", "series": "x" * 300})

    assert [p.slug for p in by_tag.context["listing"]] == ["a"]
    assert [p.slug for p in by_series.context["listing"]] == ["a"]
    assert unknown.status_code == 200 and list(unknown.context["listing"]) == []


def test_index_links_its_feeds(client, education_index):
    html = client.get(education_index.url).content.decode()
    head = html.split("</head>")[0]

    rss = f'rel="alternate" type="application/rss+xml" title="学法用法 (RSS)" href="{education_index.url}feed/rss/"'
    assert rss in head
    assert f'type="application/atom+xml" title="学法用法 (Atom)" href="{education_index.url}feed/atom/"' in head


def test_rss_feed(client, education_index):
    add_article(education_index, "old", day=1, tags=["合同"])
    add_article(education_index, "new", day=9)

    response = client.get(f"{education_index.url}feed/rss/")

    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/rss+xml")
    feed = ET.fromstring(response.content)  # noqa: S314 (our own feed, not untrusted input)
    items = feed.findall("./channel/item")
    assert [item.findtext("title") for item in items] == ["文章new", "文章old"]
    assert items[1].findtext("category") == "合同"
    assert items[0].findtext("link").endswith("/legal-education/new/")


def test_atom_feed(client, education_index):
    add_article(education_index, "a")

    response = client.get(f"{education_index.url}feed/atom/")

    assert response["Content-Type"].startswith("application/atom+xml")
    feed = ET.fromstring(response.content)  # noqa: S314 (our own feed, not untrusted input)
    entries = feed.findall("{http://www.w3.org/2005/Atom}entry")
    assert [e.findtext("{http://www.w3.org/2005/Atom}title") for e in entries] == ["文章a"]


def test_quiz_question_needs_exactly_one_right_answer():
    block = QuestionBlock()
    value = block.to_python(
        {
            "question": "问题",
            "choices": [{"text": "甲", "correct": True}, {"text": "乙", "correct": True}],
            "explanation": "因为。",
        }
    )

    with pytest.raises(StructBlockValidationError):
        block.clean(value)


def test_article_fields_in_the_api(client, education_index):
    series = LegalEducationSeries.objects.create(name="婚姻家庭", slug="family")
    add_article(education_index, "a", series=series, tags=["彩礼", "婚姻"])

    response = client.get(
        "/api/v2/pages/",
        {"type": "legal_aid.LegalEducationPage", "fields": "series,tags,reading_time,quiz", "locale": "zh-hans"},
    )

    item = response.json()["items"][0]
    assert item["series"] == {"name": "婚姻家庭", "slug": "family", "description": ""}
    assert item["tags"] == ["婚姻", "彩礼"]  # sorted by code point
    assert item["reading_time"] == 1 and item["quiz"] == []


def _queries(client, url) -> int:
    client.get(url)
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


@pytest.mark.slow
def test_index_and_feed_queries_do_not_grow_with_articles(client, education_index, without_locale_sync):
    family = LegalEducationSeries.objects.create(name="婚姻家庭", slug="family")
    for number in range(5):
        add_article(education_index, f"a{number}", series=family, tags=["彩礼", "婚姻"])
    urls = [education_index.url, f"{education_index.url}feed/rss/", f"{education_index.url}?tag=彩礼"]
    with_5 = [_queries(client, url) for url in urls]

    for number in range(5, 100):
        add_article(education_index, f"a{number}", series=family, tags=["彩礼", "婚姻"])
    with_100 = [_queries(client, url) for url in urls]

    assert LegalEducationPage.objects.count() == 100
    assert with_100 == with_5
