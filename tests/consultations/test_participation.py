"""Proposals, supports, comments and moderation: phase × action permissions, sanitising, never deleting."""

import datetime

import pytest
import time_machine
from django.contrib.auth import get_user_model
from wagtail.models import Locale

from consultations import phases, services
from consultations.models import Comment, ConsultationPage, ModerationEvent, Proposal, Support
from consultations.services import ConsultationError
from home.models import Village, VillagePage
from residents.models import Resident

from .conftest import OPENINGS, add_consultation

pytestmark = pytest.mark.django_db
SECOND = datetime.timedelta(seconds=1)
# The first instant of each phase and the last instant before it.
BOUNDARIES = [
    (OPENINGS[f] + delta)
    for f in ("information_opens", "proposals_open", "deliberation_opens", "voting_opens", "results_open")
    for delta in (-SECOND, datetime.timedelta(0))
]
XSS = '<p>好</p><script>alert(1)</script><img src=x onerror=alert(2)><a href="javascript:alert(3)">链接</a>'


@pytest.fixture(scope="module")
def world(module_transaction) -> dict[str, int]:
    """The village, consultation and proposal every test here starts from, built once for the module.

    The phase × action table alone is 50 cases; building a village with its page tree for each cost about
    90 CPU seconds. Tests get fresh instances (below), so what one test changes never leaks into the next.
    """
    village = Village.objects.create(
        code="dongshan", name="东山村", township="柳溪镇", adult_villagers=900, households=300, representatives=27
    )
    village_page = VillagePage.objects.get(village=village, locale=Locale.get_default())
    consultation = add_consultation(village_page)
    author = Resident.objects.create(
        user=get_user_model().objects.create_user("participation-author", password="changeme"),
        village=village,
        display_name="提议人",
        verification=Resident.Verification.VERIFIED,
    )
    with time_machine.travel(OPENINGS["proposals_open"], tick=False):
        proposal = services.submit_proposal(consultation, author, title="多装路灯", text="<p>晚上太黑</p>")
    return {"village_page": village_page.pk, "consultation": consultation.pk, "proposal": proposal.pk}


@pytest.fixture
def village_page(world, db) -> VillagePage:
    return VillagePage.objects.get(pk=world["village_page"])


@pytest.fixture
def consultation(world, db) -> ConsultationPage:
    return ConsultationPage.objects.get(pk=world["consultation"])


@pytest.fixture
def proposal(world, db) -> Proposal:
    return Proposal.objects.get(pk=world["proposal"])


def _attempt(action, consultation, proposal, resident, committee):
    if action == "submit_proposal":
        services.submit_proposal(consultation, resident, title="题目", text="内容")
    elif action == "edit_proposal":
        services.edit_proposal(proposal, proposal.author, title="新题目")
    elif action == "support":
        services.support(proposal, resident)
    elif action == "comment":
        services.add_comment(consultation, resident, "评论")
    elif action == "set_proposal_status":
        services.set_proposal_status(proposal, Proposal.Status.SELECTED, "采纳", committee)


@pytest.mark.parametrize("moment", BOUNDARIES)
@pytest.mark.parametrize("action", ["submit_proposal", "edit_proposal", "support", "comment", "set_proposal_status"])
def test_every_phase_and_action(consultation, proposal, make_resident, committee_member, village_page, action, moment):
    resident = make_resident()
    committee = committee_member(village_page.village)
    with time_machine.travel(moment, tick=False):
        allowed = phases.allows(consultation.phase_at(), action)
        if allowed:
            _attempt(action, consultation, proposal, resident, committee)
        else:
            with pytest.raises(ConsultationError, match="current phase"):
                _attempt(action, consultation, proposal, resident, committee)
    # The table is not vacuous: each action is allowed in some phase and refused in another.
    assert set(phases.ACTION_PHASES[action]) not in (set(), set(phases.PHASES))


def test_phase_table_at_the_deliberation_boundary(consultation, proposal):
    with time_machine.travel(OPENINGS["deliberation_opens"] - SECOND, tick=False):
        services.edit_proposal(proposal, proposal.author, title="改过")
    with time_machine.travel(OPENINGS["deliberation_opens"], tick=False), pytest.raises(ConsultationError):
        services.withdraw_proposal(proposal, proposal.author)


def test_supports_one_per_resident_and_withdrawable(proposal, make_resident):
    resident = make_resident()
    with time_machine.travel(OPENINGS["deliberation_opens"], tick=False):
        assert services.support(proposal, resident)
        assert not services.support(proposal, resident)
        proposal.refresh_from_db()
        assert proposal.support_count == 1 and Support.objects.count() == 1
        assert services.withdraw_support(proposal, resident)
        proposal.refresh_from_db()
        assert proposal.support_count == 0


def test_only_the_author_edits(proposal, make_resident):
    with time_machine.travel(OPENINGS["proposals_open"], tick=False), pytest.raises(ConsultationError):
        services.edit_proposal(proposal, make_resident(), title="别人改")


def test_status_needs_the_committee_and_a_reason(proposal, make_resident, committee_member, village_page):
    with time_machine.travel(OPENINGS["deliberation_opens"], tick=False):
        with pytest.raises(ConsultationError):
            services.set_proposal_status(proposal, Proposal.Status.SELECTED, "理由", make_resident().user)
        committee = committee_member(village_page.village)
        with pytest.raises(ConsultationError, match="reason"):
            services.set_proposal_status(proposal, Proposal.Status.SELECTED, " ", committee)
        services.set_proposal_status(proposal, Proposal.Status.MERGED, "与第3条合并", committee)
    proposal.refresh_from_db()
    assert proposal.status == Proposal.Status.MERGED and proposal.status_reason == "与第3条合并"


def test_xss_in_proposals_and_comments_is_made_inert(consultation, make_resident):
    resident = make_resident()
    with time_machine.travel(OPENINGS["proposals_open"], tick=False):
        proposal = services.submit_proposal(consultation, resident, title="<b>标题</b><script>x</script>", text=XSS)
        comment = services.add_comment(consultation, resident, XSS, proposal=proposal)
    for stored in (proposal.text, comment.text):
        assert "<script" not in stored and "onerror" not in stored and "javascript:" not in stored
        assert "<p>好</p>" in stored
    assert "<" not in proposal.title


def test_replies_are_one_level_deep(consultation, make_resident):
    resident = make_resident()
    with time_machine.travel(OPENINGS["information_opens"], tick=False):
        top = services.add_comment(consultation, resident, "顶层")
        reply = services.add_comment(consultation, resident, "回复", parent=top)
        deeper = services.add_comment(consultation, resident, "再回复", parent=reply)
    assert reply.parent == top and deeper.parent == top


def test_comment_edit_window_is_fifteen_minutes(consultation, make_resident):
    resident = make_resident()
    with time_machine.travel(OPENINGS["information_opens"], tick=False) as traveller:
        comment = services.add_comment(consultation, resident, "原文")
        traveller.shift(datetime.timedelta(minutes=15))
        services.edit_comment(comment, resident, "改过")
        traveller.shift(SECOND)
        with pytest.raises(ConsultationError, match="15"):
            services.edit_comment(comment, resident, "再改")


def test_moderation_hides_and_restores_but_never_deletes(consultation, make_resident, committee_member, village_page):
    resident = make_resident()
    with time_machine.travel(OPENINGS["information_opens"], tick=False):
        comment = services.add_comment(consultation, resident, "不文明的话")
    assert services.report_comment(comment, make_resident().user, "骂人")
    with pytest.raises(ConsultationError):
        services.moderate_comment(comment, resident.user, hide=True, reason="x")
    committee = committee_member(village_page.village)
    services.moderate_comment(comment, committee, hide=True, reason="人身攻击")
    comment.refresh_from_db()
    assert comment.is_hidden and comment.text == "不文明的话"
    services.moderate_comment(comment, committee, hide=False, reason="误判")
    assert Comment.objects.filter(pk=comment.pk, is_hidden=False).exists()
    assert list(ModerationEvent.objects.values_list("action", flat=True)) == ["restore", "hide"]
