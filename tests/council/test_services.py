import datetime

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import translation

from council import services
from council.models import CouncilProposal, Delegation, Meeting
from notices.models import NoticePage

from .conftest import DAY


def test_register_totals_are_frozen_with_the_meeting(village, roster, make_meeting):
    meeting = make_meeting(kind="assembly", present=51)
    assert (meeting.eligible_adults, meeting.eligible_households, meeting.eligible_representatives) == (100, 30, 27)
    assert meeting.eligible_members == 11  # the supervisor does not vote
    village.adult_villagers, village.households, village.representatives = 500, 200, 40
    village.save()
    meeting = Meeting.objects.get(pk=meeting.pk)
    assert (meeting.eligible_adults, meeting.eligible_households, meeting.eligible_representatives) == (100, 30, 27)
    assert meeting.present.persons == 51
    # and the result of a vote recorded later is judged by the frozen figures: 51 of 100, not of 500
    from council.models import AgendaItem

    item = AgendaItem.objects.create(meeting=meeting, title="议题")
    motion = services.record_motion(None, item, "同意", yes=30, publish_resolution=False)
    assert motion.valid and motion.passed


def test_member_count_is_that_of_the_term_on_the_meeting_date(roster, make_meeting):
    assert make_meeting(date=datetime.date(2021, 5, 1)).eligible_members == 1
    assert make_meeting(date=datetime.date(2019, 5, 1)).eligible_members == 0


def test_villager_group_keeps_its_own_figures(make_meeting):
    meeting = make_meeting(kind="group", present=20, eligible_adults=30, eligible_households=12, group_name="第三组")
    assert (meeting.eligible_adults, meeting.eligible_households) == (30, 12)


@pytest.mark.parametrize("kind", ["council", "group"])
def test_reserved_matter_outside_assembly_is_advisory_only(kind, roster, make_meeting, make_item):
    meeting = make_meeting(kind=kind, present=25, eligible_adults=30, eligible_households=12)
    motion = services.record_motion(None, make_item(meeting, "income"), "同意分配方案", yes=20)
    assert motion.valid and motion.passed and motion.advisory
    assert motion.resolution is None  # advice is not published as a resolution
    with translation.override("en"):
        assert motion.result().explanation.endswith("; advisory only: to be decided by the village assembly")
    with translation.override("zh-hans"):
        assert motion.result().explanation.endswith("；建议，需提交村民会议决定")


def test_representatives_cannot_decide_reserved_matter_without_delegation(make_meeting, make_item):
    meeting = make_meeting(kind="representatives", present=20)
    with translation.override("zh-hans"), pytest.raises(ValidationError) as refusal:
        services.record_motion(None, make_item(meeting, "land_contracting"), "同意", yes=15)
    assert "须由村民会议讨论决定（村民委员会组织法第二十四条）" in str(refusal.value)
    assert not meeting.agenda.get().motions.exists()


def test_representatives_decide_reserved_matter_under_delegation(village, make_meeting, make_item):
    Delegation.objects.create(village=village, matter="land_contracting", starts_on=datetime.date(2026, 1, 1))
    meeting = make_meeting(kind="representatives", present=20)
    motion = services.record_motion(None, make_item(meeting, "land_contracting"), "同意", yes=15)
    assert motion.passed and not motion.advisory and motion.delegation is not None


def test_expired_or_other_matter_delegation_does_not_count(village, make_meeting, make_item):
    Delegation.objects.create(
        village=village, matter="land_contracting", starts_on=datetime.date(2025, 1, 1), ends_on=DAY.replace(day=1)
    )
    Delegation.objects.create(village=village, matter="homesteads", starts_on=datetime.date(2025, 1, 1))
    meeting = make_meeting(kind="representatives", present=20)
    with pytest.raises(ValidationError):
        services.record_motion(None, make_item(meeting, "land_contracting"), "同意", yes=15)


def test_assembly_decides_reserved_matter(make_meeting, make_item):
    meeting = make_meeting(kind="assembly", present=40, households=21)
    motion = services.record_motion(None, make_item(meeting, "property"), "同意", yes=21)
    assert motion.valid and motion.passed and not motion.advisory


def test_more_votes_than_present_is_a_validation_error(roster, make_meeting, make_item):
    with pytest.raises(ValidationError):
        services.record_motion(None, make_item(make_meeting(present=5)), "同意", yes=5, no=1)


def test_only_the_villages_committee_records(village, make_village, committee_member, make_meeting, make_item):
    other = committee_member(make_village(code="xihe", name="西河村"))
    with pytest.raises(PermissionDenied):
        services.record_meeting(other, village, kind="council", title="x", date=DAY)
    with pytest.raises(PermissionDenied):
        services.record_motion(other, make_item(make_meeting()), "同意", yes=5)


def test_roll_call_must_match_counts(roster, make_meeting, make_item):
    members = list(roster.members.all()[:3])
    item = make_item(make_meeting(present=9))
    with pytest.raises(ValidationError):
        services.record_motion(None, item, "同意", yes=3, roll_call=dict.fromkeys(members[:2], "yes"))
    motion = services.record_motion(
        None, item, "同意", yes=2, no=1, roll_call={members[0]: "yes", members[1]: "yes", members[2]: "no"}
    )
    assert motion.roll_call.count() == 3


def test_passed_binding_motion_publishes_a_resolution_notice(roster, make_meeting, make_item):
    meeting = make_meeting(present=9, place="村委会会议室")
    motion = services.record_motion(None, make_item(meeting), "同意修建村道，联系人13812345678", yes=6, no=2, abstain=1)
    notice = NoticePage.objects.get(pk=motion.resolution_id)
    assert notice.live and notice.category.slug == "affairs"
    text = str(notice.body) + notice.summary + notice.title
    assert "13812345678" not in text and "138****5678" in text
    assert f"/meetings/{meeting.pk}/" in str(notice.body)
    # The notice is written once, in the portal's default language, Simplified Chinese.
    assert "有效：到会 9 人 ≥ 应到 11 人的三分之二" in str(notice.body)


def test_failed_or_invalid_motion_publishes_nothing(roster, make_meeting, make_item):
    services.record_motion(None, make_item(make_meeting(present=9)), "否决", yes=4, no=5)
    services.record_motion(None, make_item(make_meeting(present=7)), "无效", yes=7)
    assert not NoticePage.objects.exists()


def test_proposal_lifecycle_notifies_the_resident(village, committee, make_resident, make_meeting, make_item, roster):
    resident = make_resident(village)
    proposal = services.submit_proposal(resident.user, village, "路灯", "村东头路灯坏了，请理事会商议维修。")
    meeting = make_meeting(present=9)
    services.accept_proposal(committee, proposal, meeting)
    with pytest.raises(ValidationError):
        services.mark_proposal_decided(committee, proposal)  # no vote recorded yet
    services.record_motion(committee, proposal.agenda_item, "同意维修", yes=8, publish_resolution=False)
    services.mark_proposal_decided(committee, proposal)
    services.mark_proposal_implemented(committee, proposal, "已更换灯泡")
    proposal.refresh_from_db()
    assert proposal.status == CouncilProposal.Status.IMPLEMENTED
    assert proposal.motion.passed
    assert [m.to for m in mail.outbox] == [["villager1@example.org"]] * 4
    with pytest.raises(ValidationError):
        services.decline_proposal(committee, proposal, "太晚了")


def test_declining_needs_a_reason_and_skipping_is_refused(village, committee, make_resident):
    resident = make_resident(village)
    proposal = services.submit_proposal(resident.user, village, "路灯", "请维修")
    with pytest.raises(ValidationError):
        services.mark_proposal_implemented(committee, proposal)
    with pytest.raises(ValidationError):
        services.decline_proposal(committee, proposal, "  ")
    services.decline_proposal(committee, proposal, "已列入镇里统一维修计划")
    assert proposal.status == "declined" and proposal.declined_at


def test_unverified_resident_cannot_submit(village, make_resident):
    resident = make_resident(village, state="unverified")
    with pytest.raises(PermissionDenied):
        services.submit_proposal(resident.user, village, "路灯", "请维修")


def test_proposal_with_phone_number_is_refused(village, make_resident):
    resident = make_resident(village)
    with pytest.raises(ValidationError):
        services.submit_proposal(resident.user, village, "路灯", "联系我 13812345678")


def test_escalate_consultation_proposal_to_council(village, make_resident):
    resident = make_resident(village)
    proposal = services.escalate_to_council(
        village,
        "<b>修路</b>",
        "征求意见中支持最多的建议",
        source_url="/zh-hans/dongshan/consultations/1/",
        submitted_by=resident,
    )
    assert proposal.title == "修路" and proposal.status == "submitted"
    assert proposal.source_url.endswith("/consultations/1/") and proposal.submitted_by == resident
    assert len(mail.outbox) == 1


def test_proposals_in_profile_and_data_export(client, village, make_resident):
    resident = make_resident(village)
    services.submit_proposal(resident.user, village, "路灯维修", "请维修")
    client.force_login(resident.user)
    from residents.privacy import sections

    section = next(s for s in sections() if s.key == "council_proposals")
    assert section.export(resident.user)[0]["title"] == "路灯维修"
    assert section.contributions(resident.user)[0]["meta"]
