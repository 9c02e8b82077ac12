"""The resident proposal form of the council page is rate-limited like the consultation forms."""

from django.core.cache import cache

from council.models import CouncilProposal

from .test_pages import council_page


def test_second_proposal_within_the_hour_gets_429_with_the_text_kept(client, village, make_resident, settings):
    cache.clear()
    settings.RATE_LIMITS = {**settings.RATE_LIMITS, "proposal": {"user": (1, 3600), "ip": (100, 3600)}}
    client.force_login(make_resident(village).user)
    url = council_page(village).url + "propose/"
    assert client.post(url, {"title": "路灯", "text": "村东头路灯坏了"}).status_code == 302
    response = client.post(url, {"title": "修桥", "text": "西河小桥栏杆松动，请尽快修理"})
    assert response.status_code == 429
    assert "西河小桥栏杆松动，请尽快修理" in response.content.decode()
    assert CouncilProposal.objects.count() == 1
    cache.clear()
