"""The supervision committee (VCOL art. 32): chosen by the assembly's or representatives' motion, never a village
committee member or someone of their household; its own group, scoped to its village."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from council import services as council_services
from council.models import AgendaItem
from supervision import conflicts, services
from supervision.models import SupervisionMember
from supervision.roles import supervision_group_name
from supervision.rules import is_supervision_member_of

START, END = datetime.date(2026, 1, 1), datetime.date(2030, 12, 31)


def test_pure_rule():
    assert conflicts.conflict(7, "", {7}, set()).reason == conflicts.COMMITTEE_MEMBER
    assert conflicts.conflict(8, "H-001", {7}, {"H-001"}).reason == conflicts.SAME_HOUSEHOLD
    assert conflicts.conflict(8, "H-002", {7}, {"H-001"}) is None
    # No household on the register: no known relative, and an empty number matches nothing.
    assert conflicts.conflict(8, "", {7}, {""}) is None


def test_a_villager_is_recorded_and_joins_the_villages_group(village, make_resident, motion, township):
    resident = make_resident(village, household="H-100")
    member = services.add_member(township, village, resident, motion, START, END, accounting_knowledge=True)
    assert member.pk and member.chosen_by == motion
    assert resident.user.groups.filter(name=supervision_group_name(village)).exists()
    assert is_supervision_member_of(resident.user, village)
    services.end_membership(township, member, datetime.date(2026, 6, 1))
    services.sync_supervision_group(village, datetime.date(2026, 6, 2))
    assert not is_supervision_member_of(resident.user, village)
    assert SupervisionMember.objects.filter(pk=member.pk).exists()  # archived, not deleted


def test_a_committee_member_is_refused(village, clerk, motion, township):
    with pytest.raises(ValidationError) as refused:
        services.add_member(township, village, clerk.resident, motion, START, END)
    assert "第三十二条" in str(refused.value.message_dict["resident"])  # the message names the article
    assert not SupervisionMember.objects.exists()


def test_a_relative_in_the_committee_members_household_is_refused(village, clerk, make_resident, motion, township):
    relative = make_resident(village, household="H-001")
    with pytest.raises(ValidationError) as refused:
        services.add_member(township, village, relative, motion, START, END)
    assert "H-001" in refused.value.message_dict["resident"][0]


def test_the_admin_form_refuses_with_the_reason(client, village, clerk, make_resident, motion, township):
    relative = make_resident(village, household="H-001")
    client.force_login(township)
    response = client.post(
        reverse("supervision_add_member", args=[village.code]),
        {
            "resident": relative.pk,
            "role": "member",
            "chosen_by": motion.pk,
            "term_starts_on": "2026-01-01",
            "term_ends_on": "2030-12-31",
        },
    )
    assert response.status_code == 400
    assert "H-001" in response.content.decode() and "近亲属" in response.content.decode()
    assert not SupervisionMember.objects.exists()


def test_only_a_passed_assembly_or_representatives_motion_chooses(village, clerk, make_resident, township):
    council_meeting = council_services.record_meeting(
        clerk, village, kind="council", title="理事会", date=datetime.date(2025, 12, 1), present_persons=0
    )
    item = AgendaItem.objects.create(meeting=council_meeting, title="推选")
    motion = council_services.record_motion(None, item, "推选", yes=0, publish_resolution=False)
    with pytest.raises(ValidationError) as refused:
        services.add_member(township, village, make_resident(village), motion, START, END)
    assert "chosen_by" in refused.value.message_dict


def test_the_village_committee_cannot_record_members(client, village, clerk, make_resident, motion):
    with pytest.raises(PermissionDenied):
        services.add_member(clerk, village, make_resident(village), motion, START, END)
    client.force_login(clerk)
    assert client.get(reverse("supervision_add_member", args=[village.code])).status_code == 403


def test_another_township_cannot_record_members(client, village, make_user, make_resident, motion):
    from grid.rules import supervision_group

    other = make_user("township-other")
    other.groups.add(supervision_group("青山镇"))
    client.force_login(other)
    assert client.get(reverse("supervision_add_member", args=[village.code])).status_code == 403
    with pytest.raises(PermissionDenied):
        services.add_member(other, village, make_resident(village), motion, START, END)
