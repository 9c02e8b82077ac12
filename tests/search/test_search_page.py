"""The site search page on the real database and search backend (SQLite here, PostgreSQL in CI's pass)."""

import datetime
import re

import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext

pytestmark = pytest.mark.django_db

EXAMPLE = "关于修订本村村规民约的通知"


def titles(response) -> list[str]:
    return re.findall(r'class="card-link" href="[^"]*">([^<]+)</a>', response.content.decode())


def links(response) -> list[str]:
    return re.findall(r'class="card-link" href="([^"]*)"', response.content.decode())


def search(client, language="zh-hans", **params):
    response = client.get(f"/{language}/search/", params)
    assert response.status_code == 200
    return response


@pytest.mark.parametrize("word", ["村规民约", "村规", "民约", "通知", "修订", "村規民約", "關於修訂"])
def test_the_example_is_found_by_each_of_its_words(client, make_notice, word):
    make_notice(EXAMPLE, "请各位村民提出意见。")
    make_notice("停水通告", "明天停水。")
    assert EXAMPLE in titles(search(client, q=word))


def test_a_traditional_page_is_found_by_a_simplified_query(client, make_notice):
    make_notice("關於村務公開的說明", "財務收支每季度公開一次。")
    assert "關於村務公開的說明" in titles(search(client, q="财务收支"))


def test_numbers_and_latin_words_match(client, make_notice):
    make_notice("法律服务热线", "有事请拨打12348，或扫码 WeChat 咨询。")
    assert titles(search(client, q="12348")) == ["法律服务热线"]
    assert titles(search(client, q="wechat")) == ["法律服务热线"]


def test_a_hit_in_an_article_links_to_that_article(client, rules_in_force):
    response = search(client, q="宅基地")
    assert f"{rules_in_force.url}#article-12" in links(response)
    assert "第十二条" in response.content.decode()
    page = client.get(rules_in_force.url).content.decode()
    assert 'id="article-12"' in page


def test_title_hits_rank_above_body_hits_and_recent_above_old(client, make_notice):
    make_notice("关于秸秆禁烧的通知", "请大家注意防火。", date=datetime.date(2026, 1, 5))
    make_notice("冬季防火提示", "秸秆禁烧，人人有责。", date=datetime.date(2026, 11, 1))
    make_notice("秸秆禁烧再提醒", "请大家注意防火。", date=datetime.date(2026, 11, 10))
    assert titles(search(client, q="秸秆禁烧")) == ["秸秆禁烧再提醒", "关于秸秆禁烧的通知", "冬季防火提示"]


def test_expired_notices_stay_findable(client, make_notice):
    make_notice(
        "2024年低保名单公示", "名单如下。", date=datetime.date(2024, 3, 1), posted_until=datetime.date(2024, 3, 10)
    )
    response = search(client, q="低保")
    assert titles(response) == ["2024年低保名单公示"]
    assert "已过公示期" in response.content.decode()


def test_filters_by_village_type_and_year(client, make_notice, make_village, rules_in_force):
    make_notice("宅基地审批公示", "本年度宅基地审批结果。", date=datetime.date(2025, 6, 1))
    make_village(code="xihe", name="西河村")
    assert "宅基地审批公示" in titles(search(client, q="宅基地", village="dongshan"))
    assert titles(search(client, q="宅基地", village="xihe")) == []
    assert titles(search(client, q="宅基地", type="notices")) == ["宅基地审批公示"]
    assert titles(search(client, q="宅基地", type="rules")) == ["村规民约 · 第十二条"]
    assert titles(search(client, q="宅基地", type="notices", year="2025")) == ["宅基地审批公示"]
    assert titles(search(client, q="宅基地", type="notices", year="2026")) == []


def test_bad_filter_values_are_ignored_with_a_message_not_an_error(client, make_notice):
    make_notice("宅基地审批公示", "结果。")
    response = search(client, q="宅基地", village="nowhere", type="bogus", year="20x6", page="x")
    body = response.content.decode()
    assert titles(response) == ["宅基地审批公示"]
    assert body.count('role="alert"') == 3
    assert 'value="宅基地"' in body  # what the visitor typed stays in the box


def test_an_empty_result_is_friendly_and_suggests_searches(client, make_notice):
    make_notice("停水通告", "明天停水。")
    body = search(client, q="火星探测").content.decode()
    assert "12348" in body and 'class="search-suggestion"' in body
    assert "empty" in body


def test_results_are_paginated_and_snippets_highlighted(client, make_notice):
    for n in range(12):
        make_notice(f"第{n + 1}期环境整治通报", "环境整治检查结果。", slug=f"env{n}")
    first = search(client, q="环境整治")
    assert len(titles(first)) == 10
    assert "<mark>环境整治</mark>" in first.content.decode()
    assert len(titles(search(client, q="环境整治", page=2))) == 2


def test_query_count_does_not_grow_with_the_number_of_hits(client, make_notice):
    make_notice("环境整治通报", "检查结果。", slug="env-a")
    search(client, q="环境整治")  # warms the per-process caches (site root paths, locales)
    with CaptureQueriesContext(connection) as few:
        search(client, q="环境整治")
    for n in range(8):
        make_notice(f"环境整治通报{n}", "检查结果。", slug=f"env{n}")
    with CaptureQueriesContext(connection) as many:
        search(client, q="环境整治")
    assert len(many) == len(few)


def test_publishing_updates_the_index_at_once_and_update_index_rebuilds(client, make_notice):
    notice = make_notice("道路维修通知", "修路。")
    notice.title = "道路硬化工程通知"
    notice.save_revision().publish()
    assert titles(search(client, q="硬化")) == ["道路硬化工程通知"]
    assert titles(search(client, q="维修")) == []
    call_command("update_index", stdout=open("/dev/null", "w"))  # noqa: SIM115
    assert titles(search(client, q="硬化")) == ["道路硬化工程通知"]


def test_traditional_visitors_get_traditional_tree_links(translated_trees, client, make_notice):
    make_notice(EXAMPLE, "意见。")
    response = search(client, language="zh-hant", q="村規民約")
    assert any(link.startswith("/zh-hant/") for link in links(response))


def test_every_page_has_the_search_box(client, village_page):
    body = client.get(village_page.url).content.decode()
    assert 'role="search"' in body and 'action="/zh-hans/search/"' in body and 'name="q"' in body


def test_beyond_the_count_cap_the_page_says_more_and_lists_only_the_counted(
    translated_trees, client, make_notice, monkeypatch
):
    for n in range(5):
        make_notice(f"环境整治通报{n}", "检查结果。", slug=f"env{n}", date=datetime.date(2026, 1, n + 1))
    monkeypatch.setattr("search.engine.COUNT_CAP", 3)
    first = search(client, language="en", q="环境整治")
    assert "More than 3 results" in first.content.decode()
    assert titles(first) == ["环境整治通报4", "环境整治通报3", "环境整治通报2"]  # the newest first on a tie
    assert titles(search(client, language="en", q="环境整治", page=9)) == titles(first)  # no page past them
    monkeypatch.setattr("search.engine.COUNT_CAP", 5)
    exact = search(client, language="en", q="环境整治").content.decode()
    assert "5 results." in exact and "More than" not in exact


def test_when_nothing_holds_every_word_rows_with_more_of_them_come_first(translated_trees, client, make_notice):
    make_notice("停水通知", "明天停水停电。", slug="both", date=datetime.date(2026, 1, 1))
    make_notice("停电通知", "明天停电。", slug="one", date=datetime.date(2026, 11, 1))  # newer, fewer words
    make_notice("彩礼倡议", "移风易俗。", slug="other", date=datetime.date(2026, 10, 1))  # one word, older
    response = search(client, language="en", q="停水 停电 彩礼")
    assert response.context["any_word"] is True
    assert titles(response) == ["停水通知", "停电通知", "彩礼倡议"]
