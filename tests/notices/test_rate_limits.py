"""Residents' questions on a notice are rate-limited (portal.ratelimit, scope "question")."""

import pytest
from django.core.cache import cache

from notices.models import NoticeQuestion
from residents.models import Resident


@pytest.fixture(autouse=True)
def tight_limits(settings):
    cache.clear()
    settings.RATE_LIMITS = {**settings.RATE_LIMITS, "question": {"user": (2, 600), "ip": (100, 600)}}
    yield
    cache.clear()


def test_third_question_gets_429_with_the_text_kept(client, make_user, make_notice, village_page):
    notice = make_notice(title="十月财务公开")
    user = make_user("resident")
    Resident.objects.create(
        user=user, village=village_page.village, display_name="王*英", verification=Resident.Verification.VERIFIED
    )
    client.force_login(user)
    url = notice.url + "ask/"
    for number in range(2):
        assert client.post(url, {"text": f"第{number}个问题：这笔钱用在哪里？"}).status_code == 302
    response = client.post(url, {"text": "道路维修费21800元，是哪一段路？"}, HTTP_ACCEPT_LANGUAGE="zh-hans")
    assert response.status_code == 429 and int(response["Retry-After"]) > 0
    html = response.content.decode()
    assert "道路维修费21800元，是哪一段路？" in html and f'action="{url}"' in html
    assert NoticeQuestion.objects.count() == 2
