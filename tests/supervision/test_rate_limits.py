"""Filing a complaint with the supervision committee is rate-limited (portal.ratelimit, scope "complaint"), apart
from grid requests: over the limit the "slow down" page keeps the complaint's words, ready to send again."""

import pytest
from django.core.cache import cache
from django.urls import reverse

from supervision.models import Complaint


@pytest.fixture(autouse=True)
def _clean_counters():
    cache.clear()
    yield
    cache.clear()


def test_the_third_complaint_within_the_hour_gets_429_with_the_text_kept(client, village, make_resident, settings):
    settings.RATE_LIMITS = {
        **settings.RATE_LIMITS,
        "complaint": {"user": (2, 3600), "ip": (100, 3600)},
        "request": {"user": (0, 3600), "ip": (0, 3600)},  # grid requests used up: complaints count apart
    }
    client.force_login(make_resident(village).user)
    url = reverse("supervision:new_complaint", args=[village.code])
    for month in ("2025-07", "2025-08"):
        assert client.post(url, {"kind": "missing", "period": month, "text": "财务没有公开。"}).status_code == 200
    words = "十月的低保名单贴出来又撕掉了，请督促"
    response = client.post(url, {"kind": "untrue", "period": "2025-10", "text": words})
    assert response.status_code == 429 and int(response["Retry-After"]) > 0
    html = response.content.decode()
    assert "请稍后再试" in html and words in html and 'value="2025-10"' in html and f'action="{url}"' in html
    assert Complaint.objects.count() == 2
    assert client.get(url).status_code == 200  # the form itself is never counted
