"""Comments and reports on a rules revision are rate-limited like those on consultations (portal.ratelimit)."""

import pytest
from django.core.cache import cache

from village_rules import services
from village_rules.models import ArticleComment


@pytest.fixture(autouse=True)
def tight_limits(settings):
    cache.clear()
    settings.RATE_LIMITS = {
        **settings.RATE_LIMITS,
        "comment": {"user": (2, 600), "ip": (100, 600)},
        "report": {"user": (1, 3600), "ip": (100, 3600)},
    }
    yield
    cache.clear()


def test_third_article_comment_gets_429_with_the_text_kept(client, revision, make_resident, village):
    client.force_login(make_resident(village))
    url = revision.url + "comment/"
    for number in range(2):
        assert client.post(url, {"article": "2", "text": f"意见{number}"}).status_code == 302
    response = client.post(url, {"article": "2", "text": "第三条意见，不要丢"}, HTTP_ACCEPT_LANGUAGE="zh-hans")
    assert response.status_code == 429 and int(response["Retry-After"]) > 0
    html = response.content.decode()
    assert "第三条意见，不要丢" in html
    assert 'name="article" value="2"' in html and f'action="{url}"' in html
    assert ArticleComment.objects.count() == 2


def test_second_report_within_the_hour_gets_429(client, revision, make_resident, village):
    first = services.add_comment(revision, make_resident(village), "意见一", 1)
    second = services.add_comment(revision, make_resident(village), "意见二", 1)
    client.force_login(make_resident(village))
    assert client.post(f"{revision.url}comments/{first.pk}/report/", {"reason": "广告"}).status_code == 302
    response = client.post(f"{revision.url}comments/{second.pk}/report/", {"reason": "广告信息"})
    assert response.status_code == 429 and "广告信息" in response.content.decode()
    second.refresh_from_db()
    assert second.report_count == 0
