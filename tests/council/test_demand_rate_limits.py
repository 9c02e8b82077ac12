"""Starting a demand for a meeting and signing one are rate-limited (portal.ratelimit, scopes "demand" and
"demand_sign"): over the limit the resident gets the "slow down" page in their language with what they typed."""

import pytest
from django.core.cache import cache

from council import demand_services
from council.models import DemandSignature, MeetingDemand

from .test_pages import council_page


@pytest.fixture(autouse=True)
def _clean_counters():
    cache.clear()
    yield
    cache.clear()


def _demands_url(village) -> str:
    page = council_page(village)
    return page.url + page.reverse_subpage("demands")


def _sign_urls(village, demand) -> tuple[str, str]:
    page = council_page(village)
    return (
        page.url + page.reverse_subpage("demand_sign", args=[demand.pk]),
        page.url + page.reverse_subpage("demand_withdraw", args=[demand.pk]),
    )


def test_a_second_demand_within_the_hour_gets_429_with_the_words_kept(client, village, make_resident, settings):
    settings.RATE_LIMITS = {**settings.RATE_LIMITS, "demand": {"user": (1, 3600), "ip": (100, 3600)}}
    client.force_login(make_resident(village).user)
    url = _demands_url(village)
    first = {"kind": "assembly_villagers", "title": "讨论修村道", "reason": "村道坏了。"}
    assert client.post(url, first).status_code == 302
    second = {"kind": "assembly_villagers", "title": "讨论村小学校舍维修", "reason": "校舍屋顶漏雨，孩子们上课淋雨"}
    response = client.post(url, second)
    assert response.status_code == 429 and int(response["Retry-After"]) > 0
    html = response.content.decode()
    assert "请稍后再试" in html  # the slow-down page, in the resident's language
    assert "校舍屋顶漏雨，孩子们上课淋雨" in html and "讨论村小学校舍维修" in html
    assert 'value="assembly_villagers"' in html and f'action="{url}"' in html
    assert MeetingDemand.objects.count() == 1
    assert client.get(url).status_code == 200  # reading the demands is never counted


def test_signing_and_withdrawing_share_one_limit(client, village, make_resident, settings):
    settings.RATE_LIMITS = {**settings.RATE_LIMITS, "demand_sign": {"user": (2, 3600), "ip": (100, 3600)}}
    starter = make_resident(village)
    demand = demand_services.start_demand(starter.user, village, "assembly_villagers", "修村道", "村道坏了。")
    client.force_login(make_resident(village).user)
    sign, withdraw = _sign_urls(village, demand)
    assert client.post(sign).status_code == 302
    assert client.post(withdraw).status_code == 302
    response = client.post(sign, HTTP_ACCEPT_LANGUAGE="zh-hans")
    assert response.status_code == 429 and "请稍后再试" in response.content.decode()
    assert (
        not DemandSignature.objects.filter(demand=demand, withdrawn_at__isnull=True).exclude(resident=starter).exists()
    )
    # Another resident (another account, same address under the wide per-address limit) still signs.
    client.force_login(make_resident(village).user)
    assert client.post(sign).status_code == 302


def test_the_slow_down_page_speaks_english_on_the_english_site(client, village, make_resident, settings):
    settings.RATE_LIMITS = {**settings.RATE_LIMITS, "demand": {"user": (0, 3600), "ip": (100, 3600)}}
    client.force_login(make_resident(village).user)
    url = "/en/" + _demands_url(village).split("/", 2)[2]
    response = client.post(url, {"kind": "assembly_villagers", "title": "Mend the road", "reason": "Potholes"})
    assert response.status_code == 429
    html = response.content.decode()
    assert "Please slow down" in html and "Mend the road" in html
    assert not MeetingDemand.objects.exists()
