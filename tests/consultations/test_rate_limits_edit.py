"""Editing a comment counts against the comment limit like writing one (portal.ratelimit)."""

import datetime

import pytest
import time_machine
from django.core.cache import cache

from consultations import services
from consultations.models import Comment

from .conftest import OPENINGS, comment_edit_url

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def tight_limits(settings):
    cache.clear()
    settings.RATE_LIMITS = {**settings.RATE_LIMITS, "comment": {"user": (2, 600), "ip": (100, 600)}}
    yield
    cache.clear()


def test_third_edit_in_ten_minutes_gets_429_with_the_text_kept(client, consultation, make_resident):
    author = make_resident()
    start = OPENINGS["information_opens"]
    with time_machine.travel(start, tick=False):
        comment = services.add_comment(consultation, author, "原来的话")
    url = comment_edit_url(comment)
    client.force_login(author.user)
    with time_machine.travel(start + datetime.timedelta(minutes=2), tick=False):
        assert client.get(url).status_code == 200  # reading the form is never counted
        assert client.post(url, {"text": "改一次"}).status_code == 302
        assert client.post(url, {"text": "改两次"}).status_code == 302
        response = client.post(url, {"text": "第三次修改，内容很长"}, HTTP_ACCEPT_LANGUAGE="zh-hans")
    assert response.status_code == 429 and int(response["Retry-After"]) > 0
    html = response.content.decode()
    assert "第三次修改，内容很长" in html and f'action="{url}"' in html
    assert "改两次" in Comment.objects.get().text
