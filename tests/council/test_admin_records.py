"""Admin: roll-call entry, agenda items that carry votes, the archived meeting, and linking members to residents."""

from council import services
from council.models import AgendaItem, Attendance, CouncilMember, Meeting, Motion, RollCallVote

from .test_admin_forms import _meeting_data

VOTE_URL = "/admin/council/vote/"


def _voters(roster):
    return [member for member in roster.members.all() if member.votes(roster.council)]


def test_vote_form_shows_roll_call_for_council_items_only(client, committee, roster, make_meeting, make_item):
    council_item = make_item(make_meeting(kind="council"))
    reps_item = make_item(make_meeting(kind="representatives", present=20))
    client.force_login(committee)
    html = client.get(VOTE_URL, {"item": council_item.pk}).content.decode()
    assert 'name="member_' in html and "理事0" in html
    assert "理事11" not in html  # the supervisor has no vote by default
    assert 'name="member_' not in client.get(VOTE_URL, {"item": reps_item.pk}).content.decode()


def test_counts_follow_from_the_roll_call(client, committee, roster, make_meeting, make_item):
    item = make_item(make_meeting(kind="council", present=9))
    voters = _voters(roster)
    votes = dict.fromkeys(voters[:6], "yes") | {voters[6]: "no", voters[7]: "abstain"}
    data = {"agenda_item": item.pk, "text": "同意修路", "yes": "", "no": "", "abstain": ""}
    data |= {f"member_{member.pk}": vote for member, vote in votes.items()}
    client.force_login(committee)
    response = client.post(VOTE_URL, data)
    assert response.status_code == 302
    motion = Motion.objects.get()
    assert (motion.yes, motion.no, motion.abstain, motion.valid, motion.passed) == (6, 1, 1, True, True)
    assert dict(RollCallVote.objects.values_list("member__name", "vote")) == {m.name: v for m, v in votes.items()}


def test_counts_that_contradict_the_roll_call_are_refused_and_the_form_kept(
    client, committee, roster, make_meeting, make_item
):
    item = make_item(make_meeting(kind="council", present=9))
    voters = _voters(roster)
    data = {"agenda_item": item.pk, "text": "同意修路的动议原文", "yes": 7, "no": 0, "abstain": 0}
    data |= {f"member_{member.pk}": "yes" for member in voters[:6]}
    client.force_login(committee)
    response = client.post(VOTE_URL, data, HTTP_ACCEPT_LANGUAGE="en")
    html = response.content.decode()
    assert response.status_code == 400
    # The admin follows the browser's language when the user has chosen none: English here.
    assert "The counts do not follow from the roll call: it has 6 in favour" in html
    assert "同意修路的动议原文" in html and "selected" in html
    assert not Motion.objects.exists()


def test_member_marked_absent_cannot_answer_the_roll_call(client, committee, roster, make_meeting, make_item):
    meeting = make_meeting(kind="council", present=8)
    item = make_item(meeting)
    voters = _voters(roster)
    Attendance.objects.create(meeting=meeting, name=voters[10].name, member=voters[10], present=False, note="请假")
    data = {"agenda_item": item.pk, "text": "同意", "yes": "", "no": "", "abstain": ""}
    data |= {f"member_{member.pk}": "yes" for member in voters[3:]}
    client.force_login(committee)
    response = client.post(VOTE_URL, data)
    assert response.status_code == 400
    assert voters[10].name in response.content.decode()
    assert not Motion.objects.exists()


def test_counts_required_without_a_roll_call(client, committee, roster, make_meeting, make_item):
    item = make_item(make_meeting(kind="council"))
    client.force_login(committee)
    response = client.post(VOTE_URL, {"agenda_item": item.pk, "text": "同意", "yes": "", "no": "", "abstain": ""})
    assert response.status_code == 400 and not Motion.objects.exists()


def test_service_refuses_roll_call_of_a_past_terms_member(committee, roster, make_meeting, make_item):
    import pytest
    from django.core.exceptions import ValidationError

    item = make_item(make_meeting(kind="council"))
    old_chair = CouncilMember.objects.get(name="赵老汉")
    with pytest.raises(ValidationError, match="赵老汉"):
        services.record_motion(committee, item, "同意", 1, roll_call={old_chair: "yes"})


def _agenda_formset(item, delete: bool) -> dict:
    data = {"agenda-TOTAL_FORMS": 1, "agenda-INITIAL_FORMS": 1, "agenda-0-id": item.pk}
    data |= {"agenda-0-title": item.title, "agenda-0-reserved_matter": "", "agenda-0-description": ""}
    return data | ({"agenda-0-DELETE": "on"} if delete else {})


def test_agenda_item_with_a_vote_cannot_be_removed_in_the_meeting_form(
    client, village, committee, make_meeting, make_item
):
    meeting = make_meeting(kind="council")
    item = make_item(meeting)
    services.record_motion(committee, item, "同意", 6, publish_resolution=False)
    client.force_login(committee)
    data = _meeting_data(village, kind="council", title="改过的标题") | _agenda_formset(item, delete=True)
    response = client.post(f"/admin/council/meetings/edit/{meeting.pk}/", data, HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 200  # the form again, not a redirect
    html = response.content.decode()
    assert "cannot be removed: a vote or a resident&#x27;s proposal is recorded on it" in html  # English, as asked
    assert "改过的标题" in html  # what the user typed is kept
    assert AgendaItem.objects.filter(pk=item.pk).exists() and Motion.objects.count() == 1
    assert Meeting.objects.get(pk=meeting.pk).title == "会议"


def test_agenda_item_without_a_vote_can_be_removed(client, village, committee, make_meeting, make_item):
    meeting = make_meeting(kind="council")
    item = make_item(meeting)
    client.force_login(committee)
    data = _meeting_data(village, kind="council") | _agenda_formset(item, delete=True)
    response = client.post(f"/admin/council/meetings/edit/{meeting.pk}/", data)
    assert response.status_code == 302
    assert not AgendaItem.objects.filter(pk=item.pk).exists()


def test_deleting_a_meeting_with_votes_is_refused_with_a_message(client, village, make_user, make_meeting, make_item):
    meeting = make_meeting(kind="council")
    services.record_motion(None, make_item(meeting), "同意", 6, publish_resolution=False)
    admin = make_user("county", is_superuser=True, is_staff=True)
    client.force_login(admin)
    response = client.post(f"/admin/council/meetings/delete/{meeting.pk}/", follow=True, HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 200
    assert response.redirect_chain[-1][0].endswith(f"/admin/council/meetings/edit/{meeting.pk}/")
    assert "it is kept in the archive (Village Committees Organisation Law, art. 34)" in response.content.decode()
    assert Meeting.objects.filter(pk=meeting.pk).exists() and Motion.objects.count() == 1


def _term_data(term, resident=None, delete_first: bool = False) -> dict:
    """The whole term form as the admin posts it: every member, the first one changed or removed."""
    members = list(term.members.order_by("sort_order", "pk"))
    data = {
        "council": term.council_id,
        "name": term.name,
        "starts_on": term.starts_on.isoformat(),
        "ends_on": term.ends_on.isoformat(),
        "members-TOTAL_FORMS": len(members),
        "members-INITIAL_FORMS": len(members),
        "members-MIN_NUM_FORMS": 0,
        "members-MAX_NUM_FORMS": 1000,
    }
    for number, member in enumerate(members):
        data |= {
            f"members-{number}-id": member.pk,
            f"members-{number}-name": member.name,
            f"members-{number}-role": member.role,
            f"members-{number}-resident": member.resident_id or "",
        }
    if resident is not None:
        data["members-0-resident"] = resident.pk
    if delete_first:
        data["members-0-DELETE"] = "on"
    return data


def test_member_with_roll_call_votes_cannot_be_removed(client, committee, roster, make_meeting, make_item):
    chair = roster.members.order_by("sort_order", "pk").first()
    services.record_motion(
        committee,
        make_item(make_meeting(kind="council")),
        "同意",
        1,
        roll_call={chair: "yes"},
        publish_resolution=False,
    )
    client.force_login(committee)
    response = client.post(f"/admin/council/terms/edit/{roster.pk}/", _term_data(roster, delete_first=True))
    assert response.status_code == 200 and chair.name in response.content.decode()
    assert CouncilMember.objects.filter(pk=chair.pk).exists()
    assert roster.members.count() == 12


def test_member_linked_to_a_resident_of_the_councils_village(client, village, committee, roster, make_resident):
    resident = make_resident(village)
    client.force_login(committee)
    response = client.post(f"/admin/council/terms/edit/{roster.pk}/", _term_data(roster, resident))
    assert response.status_code == 302
    assert roster.members.order_by("sort_order").first().resident == resident
    assert roster.members.count() == 12


def test_committee_cannot_link_a_resident_of_another_village(
    client, village, committee, roster, make_resident, make_village
):
    stranger = make_resident(make_village(code="xihe", name="西河村"))
    client.force_login(committee)
    response = client.post(f"/admin/council/terms/edit/{roster.pk}/", _term_data(roster, stranger))
    assert response.status_code == 200
    assert roster.members.order_by("sort_order").first().resident is None
    # The chooser does not list them, and choosing them by id is a 404.
    listing = client.get("/admin/council/choose-resident/").json()["html"]
    assert stranger.display_name not in listing
    assert client.get(f"/admin/council/choose-resident/chosen/{stranger.pk}/", follow=True).status_code == 404
    own = make_resident(village)
    assert client.get(f"/admin/council/choose-resident/chosen/{own.pk}/", follow=True).status_code == 200


def test_two_village_committee_cannot_cross_link(client, village, roster, make_resident, make_village, make_user):
    other = make_village(code="xihe", name="西河村")
    both = make_user("both")
    both.groups.add(village.committee_group, other.committee_group)
    stranger = make_resident(other)
    client.force_login(both)
    assert stranger.display_name in client.get("/admin/council/choose-resident/").json()["html"]
    response = client.post(f"/admin/council/terms/edit/{roster.pk}/", _term_data(roster, stranger))
    assert response.status_code == 200 and "西河村" in response.content.decode()
    assert roster.members.order_by("sort_order").first().resident is None


def _attendance(*lines) -> dict:
    data = {"attendance-TOTAL_FORMS": len(lines), "attendance-INITIAL_FORMS": 0}
    for number, (name, present) in enumerate(lines):
        data |= {f"attendance-{number}-name": name, f"attendance-{number}-note": ""}
        if present:
            data[f"attendance-{number}-present"] = "on"
    return data


def test_council_attendance_lines_link_to_members_and_bound_the_count(client, village, committee, roster):
    client.force_login(committee)
    sheet = _attendance(("理事0", True), ("理事1", True), ("理事2", False), ("列席的镇干部", True))
    data = _meeting_data(village, kind="council", title="理事会", present_persons=1) | sheet
    response = client.post("/admin/council/meetings/new/", data)
    assert response.status_code == 200 and not Meeting.objects.exists()  # 2 members ticked, 1 entered
    response = client.post("/admin/council/meetings/new/", data | {"present_persons": 2})
    assert response.status_code == 302
    lines = dict(Attendance.objects.values_list("name", "member__name"))
    assert lines == {"理事0": "理事0", "理事1": "理事1", "理事2": "理事2", "列席的镇干部": None}
    # The member marked absent cannot then answer the roll call.
    item = AgendaItem.objects.create(meeting=Meeting.objects.get(), title="议题")
    absent = roster.members.get(name="理事2")
    html = client.get(VOTE_URL, {"item": item.pk}).content.decode()
    assert "理事2" in html
    response = client.post(
        VOTE_URL,
        {"agenda_item": item.pk, "text": "同意", "yes": "", "no": "", "abstain": "", f"member_{absent.pk}": "yes"},
    )
    assert response.status_code == 400 and not Motion.objects.exists()
