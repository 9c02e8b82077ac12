"""The committee's outcome screen: status with a public reason, passing on to the council, follow-up updates."""

import datetime

import pytest
import time_machine

from consultations import committee, services
from consultations.models import FollowUp, Proposal
from consultations.services import ConsultationError
from council.models import CouncilProposal

from .conftest import AFTER_CLOSE, IN_VOTING, OPENINGS

pytestmark = pytest.mark.django_db


def _staff(user):
    from django.contrib.auth.models import Permission

    user.user_permissions.add(Permission.objects.get(codename="access_admin"))
    return user


@pytest.fixture
def proposal(consultation, make_resident):
    with time_machine.travel(OPENINGS["proposals_open"], tick=False):
        return services.submit_proposal(consultation, make_resident(), title="修桥", text="<p>桥坏了</p>")


def test_committee_sets_status_and_escalates_through_the_admin(
    client, consultation, proposal, committee_member, village_page
):
    clerk = _staff(committee_member(village_page.village))
    client.force_login(clerk)
    url = f"/admin/consultations/outcomes/{consultation.pk}/"
    with time_machine.travel(IN_VOTING, tick=False):
        assert "修桥" in client.get(url).content.decode()
        missing = client.post(url, {"action": "status", "proposal": proposal.pk, "status": "selected", "reason": " "})
        assert missing.status_code == 400
        done = client.post(
            url, {"action": "status", "proposal": proposal.pk, "status": "selected", "reason": "资金已落实"}
        )
        assert done.status_code == 302
        assert client.post(url, {"action": "escalate", "proposal": proposal.pk}).status_code == 302
        again = client.post(url, {"action": "escalate", "proposal": proposal.pk})
        assert again.status_code == 400
        screen = client.get(url).content.decode()
    proposal.refresh_from_db()
    assert proposal.status == Proposal.Status.SELECTED and proposal.status_reason == "资金已落实"
    council_proposal = CouncilProposal.objects.get()
    assert proposal.council_proposal == council_proposal and council_proposal.submitted_by == proposal.author
    assert f"/admin/council/proposals/{council_proposal.pk}/" in screen


def test_another_village_committee_sees_nothing(client, consultation, proposal, committee_member, make_village):
    other = _staff(committee_member(make_village()))
    client.force_login(other)
    assert client.get("/admin/consultations/outcomes/").status_code == 200
    assert "广场改造" not in client.get("/admin/consultations/outcomes/").content.decode()
    response = client.post(
        f"/admin/consultations/outcomes/{consultation.pk}/", {"action": "escalate", "proposal": proposal.pk}
    )
    assert response.status_code in (302, 404) and not CouncilProposal.objects.exists()


def test_follow_up_rules(consultation, proposal, committee_member, village_page, make_resident):
    clerk = committee_member(village_page.village)
    day = datetime.date(2026, 2, 1)
    with time_machine.travel(IN_VOTING, tick=False):
        with pytest.raises(ConsultationError, match="once voting has closed"):
            committee.add_follow_up(consultation, clerk, stage="decided", date=day, text="决定")
        with pytest.raises(ConsultationError, match="selected proposals only"):
            committee.add_follow_up(consultation, clerk, stage="planned", date=day, text="计划", proposal=proposal)
        services.set_proposal_status(proposal, Proposal.Status.SELECTED, "采纳", clerk)
        update = committee.add_follow_up(
            consultation,
            clerk,
            stage="in_progress",
            date=day,
            text="<p>施工中</p><script>x()</script>",
            proposal=proposal,
        )
    assert "<script>" not in update.text and "施工中" in update.text
    with pytest.raises(ConsultationError, match="committee"):
        committee.add_follow_up(consultation, make_resident().user, stage="done", date=day, text="完成")
    with time_machine.travel(AFTER_CLOSE, tick=False), pytest.raises(ConsultationError, match="stage"):
        committee.add_follow_up(consultation, clerk, stage="whatever", date=day, text="完成")


def test_follow_up_is_shown_publicly(client, consultation, proposal, committee_member, village_page):
    clerk = _staff(committee_member(village_page.village))
    client.force_login(clerk)
    url = f"/admin/consultations/outcomes/{consultation.pk}/"
    with time_machine.travel(AFTER_CLOSE, tick=False):
        bad = client.post(url, {"action": "follow_up", "stage": "done", "date": "not a date", "text": "已完工"})
        assert bad.status_code == 400 and "已完工" in bad.content.decode()  # what was typed is kept
        client.post(url, {"action": "follow_up", "stage": "decided", "date": "2026-02-11", "text": "村委会决定修桥"})
        client.logout()
        page = client.get(consultation.url).content.decode()
    assert "村委会决定修桥" in page and "2026-02-11" in page
    assert FollowUp.objects.get().by == clerk
