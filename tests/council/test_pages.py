"""The public council page, a meeting record, the CSV exports, the proposal form, the API and the admin."""

from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import Locale

from council import services
from council.models import AgendaItem, CouncilPage, CouncilProposal, Meeting

from .conftest import DAY


def council_page(village) -> CouncilPage:
    return CouncilPage.objects.get(locale=Locale.get_default(), path__startswith=village.pages.get().path)


def _queries(client, url: str) -> int:
    client.get(url)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(queries)


def _meetings(make_meeting, count: int) -> None:
    for number in range(count):
        meeting = make_meeting(present=9, title=f"会议{number}")
        item = AgendaItem.objects.create(meeting=meeting, title=f"议题{number}")
        services.record_motion(None, item, "同意", yes=6, no=2, abstain=1)


def test_council_page_shows_roster_past_terms_meetings_and_resolutions(client, village, roster, make_meeting):
    _meetings(make_meeting, 2)
    response = client.get(council_page(village).url)
    html = response.content.decode()
    assert response.status_code == 200
    assert "理事0" in html and "第一届" in html and "赵老汉" in html
    assert "会议0" in html and "会议1" in html
    assert "决议公告：议题0" in html


def test_council_page_queries_do_not_grow_with_meetings(client, village, roster, make_meeting):
    url = council_page(village).url
    _meetings(make_meeting, 2)
    few = _queries(client, url)
    _meetings(make_meeting, 8)
    assert _queries(client, url) == few


def test_meeting_record_states_the_arithmetic(client, village, roster, make_meeting):
    _meetings(make_meeting, 1)
    meeting = Meeting.objects.get()
    page = council_page(village)
    url = page.url + page.reverse_subpage("meeting", args=[meeting.pk])
    assert url.startswith("/zh-hans/")  # the URL's language wins over the browser's
    html = client.get(url, HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "到会 9 人 ≥ 应到 11 人的三分之二" in html
    with CaptureQueriesContext(connection) as few:
        client.get(url)
    voters = [member for member in roster.members.all() if member.votes(roster.council)][:6]
    for number in range(5):
        item = AgendaItem.objects.create(meeting=meeting, title=f"更多{number}")
        roll_call = dict.fromkeys(voters, "yes")
        services.record_motion(None, item, "同意", yes=6, roll_call=roll_call, publish_resolution=False)
    with CaptureQueriesContext(connection) as many:
        client.get(url)
    assert len(many) == len(few)


def test_meeting_of_another_village_is_404(client, village, make_village, make_meeting):
    other = make_village(code="xihe", name="西河村")
    meeting = services.record_meeting(None, other, kind="council", title="x", date=DAY)
    page = council_page(village)
    assert client.get(page.url + f"meetings/{meeting.pk}/").status_code == 404
    assert client.get(page.url + "export/nothing/").status_code == 404


def test_csv_exports(client, village, roster, make_meeting):
    _meetings(make_meeting, 1)
    page = council_page(village)
    for what, expected in (("meetings", "会议0"), ("attendance", ""), ("motions", "议题0")):
        response = client.get(page.url + f"export/{what}/")
        assert response.status_code == 200 and response["Content-Type"].startswith("text/csv")
        assert expected in response.getvalue().decode("utf-8-sig")
    motions = client.get(page.url + "export/motions/").getvalue().decode("utf-8-sig").splitlines()
    assert motions[1].endswith(",6,2,1,1,1,0")


def test_propose_as_verified_resident(client, village, make_resident):
    resident = make_resident(village)
    client.force_login(resident.user)
    page = council_page(village)
    url = page.url + "propose/"
    assert client.get(url).status_code == 200
    response = client.post(url, {"title": "路灯", "text": "联系我 13812345678"})
    assert response.status_code == 400 and "13812345678" in response.content.decode()  # kept for correction
    response = client.post(url, {"title": "路灯", "text": "村东头路灯坏了"})
    assert response.status_code == 302
    assert CouncilProposal.objects.get().submitted_by == resident
    assert "路灯" in client.get(page.url).content.decode()


def test_propose_refused_for_unverified_and_anonymous(client, village, make_resident):
    url = council_page(village).url + "propose/"
    assert client.get(url).status_code == 302
    client.force_login(make_resident(village, state="unverified").user)
    assert client.post(url, {"title": "路灯", "text": "坏了"}).status_code == 403
    assert not CouncilProposal.objects.exists()


def test_api_carries_record_without_personal_fields(client, village, roster, make_meeting):
    _meetings(make_meeting, 1)
    response = client.get("/api/v2/pages/", {"type": "council.CouncilPage", "fields": "record", "locale": "zh-hans"})
    record = response.json()["items"][0]["record"]
    assert record["meetings"][0]["agenda"][0]["motions"][0]["passed"] is True
    assert {"name", "role"} == set(record["terms"][0]["members"][0])
    assert "attendance" not in str(record) and "resident" not in str(record)


def test_admin_lists_own_village_meetings_only(client, village, committee, make_village, make_meeting):
    make_meeting(title="东山会议")
    other = make_village(code="xihe", name="西河村")
    services.record_meeting(None, other, kind="council", title="西河会议", date=DAY)
    client.force_login(committee)
    html = client.get("/admin/council/meetings/", follow=True).content.decode()
    assert "东山会议" in html and "西河会议" not in html
    other_meeting = Meeting.objects.get(title="西河会议")
    assert client.get(f"/admin/council/meetings/edit/{other_meeting.pk}/", follow=True).status_code == 404


def test_admin_records_vote_and_refuses_reserved_matter(client, village, committee, make_meeting, make_item):
    meeting = make_meeting(kind="representatives", present=20)
    item = make_item(meeting, "homesteads")
    client.force_login(committee)
    response = client.post(
        "/admin/council/vote/", {"agenda_item": item.pk, "text": "同意", "yes": 15, "no": 0, "abstain": 0}
    )
    assert response.status_code == 400
    # The admin renders in Simplified Chinese, the portal's default.
    assert "须由村民会议讨论决定（村民委员会组织法第二十四条）" in response.content.decode()
    plain = make_item(meeting)
    response = client.post(
        "/admin/council/vote/", {"agenda_item": plain.pk, "text": "同意", "yes": 15, "no": 0, "abstain": 0}
    )
    assert response.status_code == 302 and plain.motions.get().passed


def test_admin_proposal_steps(client, village, committee, make_resident, make_meeting):
    proposal = services.submit_proposal(make_resident(village).user, village, "路灯", "请维修")
    client.force_login(committee)
    assert "路灯" in client.get("/admin/council/proposals/").content.decode()
    url = f"/admin/council/proposals/{proposal.pk}/"
    assert client.post(url, {"action": "decline", "note": ""}).status_code == 400
    meeting = make_meeting()
    assert client.post(url, {"action": "accept", "meeting": meeting.pk}).status_code == 302
    proposal.refresh_from_db()
    assert proposal.status == "accepted" and proposal.agenda_item.meeting == meeting


def test_register_change_after_meeting_does_not_change_the_record(client, village, roster, make_meeting):
    meeting = make_meeting(kind="representatives", present=18)
    item = AgendaItem.objects.create(meeting=meeting, title="议题")
    services.record_motion(None, item, "同意", yes=10)
    village.representatives = 40
    village.save()
    page = council_page(village)
    html = client.get(page.url + f"meetings/{meeting.pk}/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "27" in html and "40" not in html.split("meeting-record")[1]
