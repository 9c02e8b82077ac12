"""Search at a county's size (issue 21): the index the planner needs exists, and the one-pass ranking
(search/query.py) pages, caps and counts exactly as the rows say."""

import datetime

import pytest
from django.db import connection
from wagtail.models import Locale

from search.engine import run
from search.models import SearchDocument
from search.query import GROUP_CAP
from search.registry import Query
from tests.search.test_search_page import search, titles

pytestmark = pytest.mark.django_db


@pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL only (CI's PostgreSQL pass)")
def test_the_locale_and_the_words_are_one_gin_index_made_by_a_migration():
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT indexname, indexdef FROM pg_indexes WHERE tablename = %s", [SearchDocument._meta.db_table]
        )
        indexes = dict(cursor.fetchall())
    combined = indexes.get("portal_search_doc_locale_vector", "")
    assert "USING gin (locale_id, vector)" in combined, indexes
    # No b-tree on the locale alone for the planner to prefer (it read and decompressed every row of a locale).
    assert not [name for name, sql in indexes.items() if sql.endswith("(locale_id)")], indexes


def _query(text: str) -> Query:
    return Query(text=text, terms=[], operator="and", locale=Locale.get_default(), village=None, year=None, kinds=[])


def test_pages_of_results_follow_each_other_without_gaps_or_repeats(client, make_notice):
    day = datetime.date(2026, 11, 1)
    for n in range(23):  # titles with the word rank above bodies with it; then the newer first
        title = f"环境整治第{n}期" if n % 3 == 0 else f"检查通报{n}"
        make_notice(title, "本月环境整治检查结果。", date=day + datetime.timedelta(days=n), slug=f"env{n}")
    pages = [titles(search(client, q="环境整治", page=number)) for number in (1, 2, 3)]
    assert [len(page) for page in pages] == [10, 10, 3]
    listed = [title for page in pages for title in page]
    assert len(set(listed)) == 23
    in_title = [title for title in listed if title.startswith("环境整治")]
    assert listed[: len(in_title)] == sorted(in_title, key=lambda t: -int(t[5:-1]))  # title hits first, newest
    rest = listed[len(in_title) :]
    assert rest == sorted(rest, key=lambda t: -int(t[4:]))
    results = run(_query("环境整治"), offset=20, limit=10)
    assert (results.total, results.offset, len(results.hits)) == (23, 20, 3)


def test_the_article_cap_counts_once_per_rules_page(client, rules_in_force, make_notice):
    make_notice("村民遵守公约的通知", "请村民遵守。", slug="keep")
    results = run(_query("村民 遵守"), offset=0, limit=10)
    articles = [hit for hit in results.hits if hit.title.startswith(rules_in_force.title + " · ")]
    assert len(articles) == GROUP_CAP
    assert results.total == GROUP_CAP + 1  # the notice and two articles, not every article that matches


def test_beyond_the_last_page_the_last_page_is_shown(client, make_notice):
    for n in range(12):
        make_notice(f"防汛值班表{n}", "防汛值班。", slug=f"flood{n}")
    assert len(titles(search(client, q="防汛", page=9))) == 2
