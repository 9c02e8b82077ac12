"""The committee's admin for demands: paper signatures (who entered them) and the meeting called."""

from django.urls import reverse

from council import demand_services
from residents.models import Resident


def _demand(village, make_resident):
    starter = make_resident(village)
    return demand_services.start_demand(starter.user, village, "assembly_villagers", "修村道", "")


def test_committee_enters_a_paper_signature_and_links_the_meeting(
    client, village, make_resident, committee, make_meeting
):
    demand = _demand(village, make_resident)
    client.force_login(committee)
    url = reverse("council_demand", args=[demand.pk])
    assert client.get(reverse("council_demands")).status_code == 200
    assert client.get(url).status_code == 200
    elder = Resident.objects.create(village=village, display_name="李*根", verification="verified", source="counter")
    assert client.post(url, {"resident": elder.pk}).status_code == 302
    signature = demand.signatures.get(resident=elder)
    assert (signature.channel, signature.entered_by) == ("paper", committee)
    response = client.post(url, {"resident": elder.pk})
    assert response.status_code == 409 and "只计一次" in response.content.decode()
    for _ in range(8):
        demand_services.sign(make_resident(village).user, demand)
    meeting = make_meeting(kind="assembly", present=0)
    assert client.post(url, {"meeting": meeting.pk}).status_code == 302
    demand.refresh_from_db()
    assert demand.meeting == meeting


def test_other_villages_committee_does_not_see_the_demand(
    client, village, make_resident, make_village, committee_member
):
    demand = _demand(village, make_resident)
    other = make_village(code="xishan", name="西山村", adult_villagers=50, households=10, representatives=5)
    client.force_login(committee_member(other))
    assert client.get(reverse("council_demand", args=[demand.pk]), follow=True).status_code == 404
