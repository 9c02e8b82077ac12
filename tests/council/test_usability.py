"""Issue 20, council: attendance ticked from the roster, nothing recorded (or offered) before a meeting took place,
one agenda-item list when recording a vote, only the proposal steps that would be accepted, and no "0 present"
on a meeting still to come. Admin screens are asserted in zh-hans."""

import datetime
import re

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from council import attendance, services
from council.models import AgendaItem, Meeting

from .test_pages import council_page

ZH = {"HTTP_ACCEPT_LANGUAGE": "zh-hans"}


@pytest.fixture
def future_meeting(make_meeting):
    return make_meeting(present=0, title="下月理事会", date=timezone.localdate() + datetime.timedelta(days=10))


def test_ticking_the_roster_records_the_sheet_and_the_count(client, roster, make_meeting, committee):
    meeting = make_meeting(present=0)
    members = list(roster.members.order_by("sort_order"))
    client.force_login(committee)
    url = f"/admin/council/meetings/{meeting.pk}/attendance/"
    page = client.get(url, **ZH).content.decode()
    assert "勾选出席人员" in page and all(member.name in page for member in members)
    assert "无表决权" in page  # the supervisor, who does not vote under the default charter

    ticked = [members[0], members[1], members[2], members[-1]]  # three voting members and the supervisor
    response = client.post(url, {"present": [m.pk for m in ticked], f"note_{members[3].pk}": "请假"}, **ZH)

    assert response.status_code == 302
    meeting.refresh_from_db()
    assert meeting.present_persons == 3
    lines = {line.member_id: line for line in meeting.attendance.all()}
    assert len(lines) == len(members) and sum(line.present for line in lines.values()) == 4
    assert lines[members[3].pk].note == "请假" and not lines[members[3].pk].present
    # Ticking again replaces the ticks, it does not add lines.
    client.post(url, {"present": [members[0].pk]})
    assert Meeting.objects.get(pk=meeting.pk).present_persons == 1 and meeting.attendance.count() == len(members)


def test_no_attendance_or_vote_before_the_meeting(client, roster, future_meeting, committee):
    item = AgendaItem.objects.create(meeting=future_meeting, title="修路")
    # Counts that would make a valid, passed vote: only the date refuses it.
    Meeting.objects.filter(pk=future_meeting.pk).update(present_persons=9)
    with pytest.raises(ValidationError, match=r"record its votes once it has taken place|会议召开后再登记表决"):
        services.record_motion(committee, AgendaItem.objects.get(pk=item.pk), "同意", yes=6)
    with pytest.raises(ValidationError):
        attendance.record_attendance(committee, future_meeting, set(), {})

    client.force_login(committee)
    tick = client.get(f"/admin/council/meetings/{future_meeting.pk}/attendance/", **ZH).content.decode()
    assert 'id="not-yet"' in tick and "会议召开后再勾选出席人员" in tick and 'name="present"' not in tick
    listing = client.get("/admin/council/meetings/", **ZH).content.decode()
    assert "尚未召开" in listing
    assert f"/admin/council/meetings/{future_meeting.pk}/attendance/" not in listing
    # Not offered in the vote form either; asked for by address, it is explained instead of refused later.
    chooser = client.get("/admin/council/vote/", **ZH).content.decode()
    assert f'value="{item.pk}"' not in chooser
    explained = client.get(f"/admin/council/vote/?item={item.pk}", **ZH).content.decode()
    assert 'id="vote-refusal"' in explained and "会议召开后再登记表决" in explained and 'name="yes"' not in explained


def test_recording_a_vote_shows_one_agenda_item_list(client, roster, make_meeting, committee):
    meeting = make_meeting(present=9)
    item = AgendaItem.objects.create(meeting=meeting, title="修路")
    client.force_login(committee)
    first = client.get("/admin/council/vote/", **ZH).content.decode()
    assert len(re.findall(r"<select[^>]*name=\"(?:item|agenda_item)\"", first)) == 1
    assert 'name="yes"' not in first and "下一步" in first

    second = client.get(f"/admin/council/vote/?item={item.pk}", **ZH).content.decode()
    assert not re.findall(r"<select[^>]*name=\"(?:item|agenda_item)\"", second)
    assert f'<input type="hidden" name="agenda_item" value="{item.pk}"' in second and "换一个议题" in second
    response = client.post("/admin/council/vote/", {"agenda_item": item.pk, "text": "同意", "yes": 7}, **ZH)
    assert response.status_code == 302 and item.motions.get().yes == 7


def test_only_the_proposal_steps_that_would_be_accepted_are_offered(client, village, committee, make_resident):
    proposal = services.submit_proposal(make_resident(village).user, village, "路灯", "请维修")
    client.force_login(committee)
    url = f"/admin/council/proposals/{proposal.pk}/"
    offered = re.findall(r'name="action" value="(\w+)"', client.get(url, **ZH).content.decode())
    assert offered == ["accept", "decline"]

    services.accept_proposal(committee, proposal, services.record_meeting(committee, village, **_meeting()))
    page = client.get(url, **ZH).content.decode()
    assert re.findall(r'name="action" value="(\w+)"', page) == []
    assert 'id="waiting-step"' in page and "登记该议题的表决后，才能标记为已表决" in page

    declined = services.submit_proposal(make_resident(village).user, village, "修桥", "请维修")
    services.decline_proposal(committee, declined, "已列入镇里计划")
    closed = client.get(f"/admin/council/proposals/{declined.pk}/", **ZH).content.decode()
    assert 'id="no-next-step"' in closed and "这项提案已办结" in closed


def _meeting() -> dict:
    return {"kind": "council", "title": "理事会", "date": timezone.localdate(), "present_persons": 9}


def test_a_meeting_still_to_come_does_not_say_nobody_came(client, village, roster, future_meeting):
    page = council_page(village)
    html = client.get(page.url + page.reverse_subpage("meeting", args=[future_meeting.pk]), **ZH).content.decode()
    assert "出席和表决情况会后登记" in html
    assert "实到 0 人" not in html


def test_the_village_list_offers_only_the_committees_own_village(client, village, make_village, committee):
    make_village(code="xihe", name="西河村")
    client.force_login(committee)
    for url in ("/admin/council/meetings/new/", "/admin/council/delegations/new/"):
        html = client.get(url, **ZH).content.decode()
        select = re.search(r'<select name="village"[^>]*>(.*?)</select>', html, re.S)
        assert select, url
        options = re.findall(r'<option value="(\d+)"( selected)?', select.group(1))
        assert options == [(str(village.pk), " selected")], url
        assert "西河村" not in html and 'id="id_village-chooser"' not in html


def test_each_step_of_a_proposal_reaches_the_inbox_with_a_link(client, village, committee, make_resident):
    from notifications.models import Notification

    resident = make_resident(village)
    proposal = services.submit_proposal(resident.user, village, "路灯", "请维修")
    services.decline_proposal(committee, proposal, "已列入镇里统一维修计划")
    notes = list(Notification.objects.filter(recipient=resident.user).order_by("pk"))
    assert len(notes) == 2
    page = council_page(village)
    assert all(note.url == f"{page.url}#my-proposals" for note in notes)
    client.force_login(resident.user)
    inbox = client.get("/zh-hans/notifications/", **ZH).content.decode()
    assert "您的提案“路灯”未被受理。理由：已列入镇里统一维修计划" in inbox
    assert ">查看</button>" in inbox and "未办结" not in inbox  # "Open" here is not a request's state
    council = client.get(page.url, **ZH).content.decode()
    assert 'id="my-proposals"' in council
