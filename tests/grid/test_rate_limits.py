"""Filing and rating requests are rate-limited (portal.ratelimit, scope "request")."""

import pytest
from django.urls import reverse

from grid import services
from grid import workflow as wf
from grid.models import ResidentRequest

pytestmark = pytest.mark.django_db
NEW = "/zh-hans/requests/dongshan/new/"


@pytest.fixture(autouse=True)
def tight_limits(settings):
    # The grid conftest clears the cache around each test.
    settings.RATE_LIMITS = {**settings.RATE_LIMITS, "request": {"user": (2, 3600), "ip": (100, 3600)}}


def test_third_request_within_the_hour_gets_429_with_the_text_kept(client, resident_user, category, grid):
    client.force_login(resident_user)
    data = {"category": category.pk, "grid": grid.pk, "place": "二组", "show_publicly": "on"}
    for number in range(2):
        assert client.post(NEW, {**data, "description": f"路灯{number}不亮"}).status_code == 302
    response = client.post(NEW, {**data, "description": "桥头的井盖丢了，很危险"}, HTTP_ACCEPT_LANGUAGE="zh-hans")
    assert response.status_code == 429 and int(response["Retry-After"]) > 0
    html = response.content.decode()
    assert "桥头的井盖丢了，很危险" in html and "二组" in html and f'action="{NEW}"' in html
    assert ResidentRequest.objects.count() == 2
    assert client.get(NEW).status_code == 200  # the form itself is never counted


def test_rating_posts_are_limited_and_the_note_is_kept(client, filed, worker, resident_user):
    r = filed()
    for action, kwargs in [("accept", {}), ("dispatch", {"platform": "bianmin"}), ("start", {}), ("reply", {})]:
        r = services.act(r, action, worker, **({"note": "已修好"} if action == "reply" else kwargs))
    url = reverse("grid:mine", kwargs={"pk": r.pk})
    client.force_login(resident_user)
    for _attempt in range(2):  # dissatisfied without a reason: refused, but counted
        assert client.post(url, {"rating": wf.DISSATISFIED, "note": ""}).status_code == 400
    response = client.post(url, {"rating": wf.DISSATISFIED, "note": "灯还是不亮"})
    assert response.status_code == 429
    assert "灯还是不亮" in response.content.decode()
    r.refresh_from_db()
    assert r.status == wf.REPLIED
