"""The public demand pages: count and threshold in plain words, signing by POST, refusals with 403 and a reason."""

from council import demand_services
from council.models import CouncilPage, DemandSignature
from residents.models import Resident

from .test_pages import council_page


def _urls(village, demand=None):
    page: CouncilPage = council_page(village)
    base = page.url
    if demand is None:
        return base + page.reverse_subpage("demands")
    return {
        name: base + page.reverse_subpage(name, args=[demand.pk])
        for name in ("demand", "demand_sign", "demand_withdraw")
    }


def _demand(village, make_resident):
    starter = make_resident(village)
    return demand_services.start_demand(starter.user, village, "assembly_villagers", "修村道", "村道坏了。")


def test_demand_page_shows_count_and_threshold_without_scripts(client, village, make_resident):
    demand = _demand(village, make_resident)
    response = client.get(_urls(village, demand)["demand"])
    html = response.content.decode()
    assert response.status_code == 200
    assert "至少10人" in html and "十分之一以上" in html
    assert "demand-tally" in html and "<script" not in html.split("<main", 1)[-1].split("</main>")[0]


def test_resident_starts_signs_and_withdraws_through_the_pages(client, village, make_resident):
    resident = make_resident(village)
    client.force_login(resident.user)
    response = client.post(_urls(village), {"kind": "assembly_villagers", "title": "讨论修村道", "reason": ""})
    assert response.status_code == 302
    demand = resident.demand_signatures.get().demand
    urls = _urls(village, demand)
    assert client.post(urls["demand_sign"]).status_code == 409  # already signed: said so, not counted twice
    assert client.post(urls["demand_withdraw"]).status_code == 302
    assert demand.count() == 0
    assert client.post(urls["demand_sign"]).status_code == 302
    assert DemandSignature.objects.filter(demand=demand).count() == 1
    assert client.get(urls["demand_sign"]).status_code == 405


def test_unverified_and_other_village_residents_are_refused_with_a_reason(client, village, make_resident, make_village):
    demand = _demand(village, make_resident)
    urls = _urls(village, demand)
    waiting = make_resident(village, state=Resident.Verification.UNVERIFIED)
    client.force_login(waiting.user)
    response = client.post(urls["demand_sign"])
    assert response.status_code == 403 and "村委会" in response.content.decode()
    response = client.post(_urls(village), {"kind": "assembly_villagers", "title": "讨论", "reason": ""})
    assert response.status_code == 403
    other = make_village(code="xishan", name="西山村", adult_villagers=50, households=10, representatives=5)
    client.force_login(make_resident(other).user)
    assert client.post(urls["demand_sign"]).status_code == 403
    assert demand.count() == 1


def test_a_resident_who_is_not_a_representative_is_told_why(client, village, make_resident):
    rep = make_resident(village, is_representative=True)
    demand = demand_services.start_demand(rep.user, village, "reps_meeting", "讨论水渠", "")
    client.force_login(make_resident(village).user)
    response = client.post(_urls(village, demand)["demand_sign"])
    assert response.status_code == 403
    assert "村民代表" in response.content.decode()
    assert demand.count() == 1


def test_anonymous_visitor_is_sent_to_sign_in(client, village, make_resident):
    demand = _demand(village, make_resident)
    response = client.post(_urls(village, demand)["demand_sign"])
    assert response.status_code == 302 and "login" in response["Location"]


def test_met_demand_states_the_notice_rule_and_links_the_meeting(
    client, village, make_resident, committee, make_meeting
):
    demand = _demand(village, make_resident)
    for _ in range(9):
        demand_services.sign(make_resident(village).user, demand)
    demand.refresh_from_db()
    meeting = make_meeting(kind="assembly", present=0, title="村民会议：修村道")
    demand_services.link_meeting(committee, demand, meeting)
    html = client.get(_urls(village, demand)["demand"]).content.decode()
    assert "10" in html and "村民会议：修村道" in html
    assert f"meetings/{meeting.pk}/" in html


def test_demand_of_another_village_is_not_found(client, village, make_resident, make_village):
    other = make_village(code="xishan", name="西山村", adult_villagers=50, households=10, representatives=5)
    demand = _demand(other, make_resident)
    page = council_page(village)
    assert client.get(page.url + page.reverse_subpage("demand", args=[demand.pk])).status_code == 404


def test_a_title_the_portal_refuses_gets_a_message_not_a_500(client, village, make_resident):
    client.force_login(make_resident(village).user)
    response = client.post(_urls(village), {"kind": "assembly_villagers", "title": "请打13812345678联系", "reason": ""})
    assert response.status_code == 400
    assert 'role="alert"' in response.content.decode()


def test_demand_page_in_elder_mode_and_at_phone_width(client, village, make_resident, settings):
    demand = _demand(village, make_resident)
    client.cookies[settings.ELDER_MODE_COOKIE] = "1"
    html = client.get(_urls(village, demand)["demand"]).content.decode()
    assert 'class="elder"' in html and "demand-tally" in html
    assert 'name="viewport" content="width=device-width' in html


def test_cached_demand_page_shows_a_new_signature_and_a_withdrawal(client, village, make_resident, settings):
    from django.core.cache import cache

    demand = _demand(village, make_resident)
    url = _urls(village, demand)["demand"]
    settings.PAGE_CACHE_ENABLED = True
    cache.clear()
    try:
        assert client.get(url)["X-Page-Cache"] == "miss"
        assert client.get(url)["X-Page-Cache"] == "hit"
        signer = make_resident(village)
        demand_services.sign(signer.user, demand)
        fresh = client.get(url)
        assert fresh["X-Page-Cache"] != "hit" and "已签名2人" in fresh.content.decode()
        client.get(url)
        demand_services.withdraw(signer.user, demand)
        assert "已签名1人" in client.get(url).content.decode()
    finally:
        cache.clear()
