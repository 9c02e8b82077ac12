"""What the committee writes for everyone to read follows the rule of resident text (issue 18, found by the leak
crawl, tests/test_leak.py): a proposal's status reason, a follow-up, the decision on a rule comment, the answer to a
notice question and a grid handler's note are refused by the service with a full personal number, and the model
field refuses it too where there is one. Text stored before the check is masked where it is shown (the crawl's
"stored ..." routes prove that)."""

import datetime

import pytest
import time_machine
from django.core.exceptions import ValidationError

from consultations import committee as consultation_committee
from consultations import services as consultation_services
from consultations.models import FollowUp, Proposal
from council.models import Attendance
from council.views import _masked_rows
from home.privacy.resident_text import personal_number_message
from residents.models import Resident
from tests.consultations.conftest import OPENINGS, add_consultation
from village_rules import services as rule_services
from village_rules.models import ArticleComment, RuleRevisionPage, VillageRulesPage

pytestmark = pytest.mark.django_db
NUMBER = "请联系 138 1234 5678"


@pytest.fixture
def people(village_page, make_user, committee_member):
    resident = Resident.objects.create(
        user=make_user("villager"), village=village_page.village, display_name="村民", verification="verified"
    )
    return {"resident": resident, "committee": committee_member(village_page.village)}


def test_a_proposal_status_reason_and_a_follow_up_with_a_number_are_refused(village_page, people):
    consultation = add_consultation(village_page)
    with time_machine.travel(OPENINGS["proposals_open"], tick=False):
        proposal = consultation_services.submit_proposal(consultation, people["resident"], title="路灯", text="太黑")
        with pytest.raises(consultation_services.ConsultationError, match=personal_number_message()):
            consultation_services.set_proposal_status(proposal, Proposal.Status.SELECTED, NUMBER, people["committee"])
        consultation_services.set_proposal_status(proposal, Proposal.Status.SELECTED, "采纳", people["committee"])
    proposal.refresh_from_db()
    assert proposal.status_reason == "采纳"
    with pytest.raises(consultation_services.ConsultationError, match=personal_number_message()):
        consultation_committee.add_follow_up(
            consultation, people["committee"], stage="done", date=datetime.date(2026, 3, 1), text=NUMBER,
            proposal=proposal,
        )  # fmt: skip
    assert not FollowUp.objects.exists()
    proposal.status_reason = NUMBER
    with pytest.raises(ValidationError):
        proposal.full_clean()


def test_a_decision_on_a_rule_comment_with_a_number_is_refused(village_page, people):
    rules = VillageRulesPage.objects.child_of(village_page).get()
    today = datetime.date.today()
    revision = rules.add_child(
        instance=RuleRevisionPage(
            title="2026年修订", slug="revision-2026", opinions_open_on=today - datetime.timedelta(days=1),
            opinions_close_on=today + datetime.timedelta(days=20),
        )
    )  # fmt: skip
    revision.save_revision().publish()
    comment = rule_services.add_comment(revision, people["resident"].user, "第三条不清楚", None)
    with pytest.raises(rule_services.RevisionError, match=personal_number_message()):
        rule_services.decide_on_comment(comment, people["committee"], adopted=False, reason=NUMBER)
    assert ArticleComment.objects.get(pk=comment.pk).decision == ArticleComment.Decision.PENDING
    comment.decision_reason = NUMBER
    with pytest.raises(ValidationError):
        comment.full_clean()


def test_a_handlers_note_with_a_number_is_refused(village_page, people):
    """The note becomes the request's status note, shown by the public list and Open311."""
    from django.contrib.auth.models import Group

    from grid import services as grid_services
    from grid import workflow
    from grid.models import RequestCategory
    from residents import roles

    village = village_page.village
    request = grid_services.file_request(
        village=village, category=RequestCategory.objects.get(code="roads-lights"), description="路灯坏了",
        by=people["resident"].user, resident=people["resident"], show_publicly=True,
    )  # fmt: skip
    people["committee"].groups.add(Group.objects.get_or_create(name=roles.GRID_WORKER)[0])
    with pytest.raises(workflow.Refused, match=personal_number_message()):
        grid_services.act(request, "accept", people["committee"], note=NUMBER)
    request.refresh_from_db()
    assert request.status == workflow.RECEIVED and request.status_notes == ""
    assert grid_services.act(request, "accept", people["committee"], note="已受理").status == workflow.ACCEPTED


def test_the_council_exports_mask_every_cell():
    rows = _masked_rows(iter([["赵老汉", Attendance(note="请假13812345678").note, 3]]))
    assert list(rows) == [["赵老汉", "请假138****5678", 3]]


# The model field holds the rule too, so the Wagtail admin, a ModelForm and full_clean() refuse such text
# (migrations council 0007, grid 0005, notices 0008 *_staff_text_limits).
@pytest.mark.parametrize(
    ("model", "field", "limit"),
    [
        ("council.CouncilProposal", "decline_reason", 4000),
        ("council.CouncilProposal", "implementation_note", 4000),
        ("grid.ResidentRequest", "status_notes", 500),
        ("notices.NoticeQuestion", "answer", 3000),
    ],
)
def test_staff_text_fields_refuse_a_full_number_and_text_over_the_cap(model, field, limit):
    from django.apps import apps

    model_field = apps.get_model(model)._meta.get_field(field)
    with pytest.raises(ValidationError, match=personal_number_message()):
        model_field.clean(NUMBER, None)
    with pytest.raises(ValidationError):
        model_field.clean("字" * (limit + 1), None)
    assert model_field.clean("已处理 电话见公告栏 0376-7261 3018", None)  # a landline stays


def test_a_council_proposal_declined_or_implemented_with_a_number_is_refused(village_page, people):
    from council import services as council_services
    from council.models import CouncilProposal

    proposal = CouncilProposal.objects.create(
        village=village_page.village, submitted_by=people["resident"], title="修桥", text="桥面坏了"
    )
    with pytest.raises(ValidationError, match=personal_number_message()):
        council_services.decline_proposal(people["committee"], proposal, NUMBER)
    proposal.refresh_from_db()
    assert proposal.status == CouncilProposal.Status.SUBMITTED and proposal.decline_reason == ""
    CouncilProposal.objects.filter(pk=proposal.pk).update(status=CouncilProposal.Status.DECIDED)
    proposal.refresh_from_db()
    with pytest.raises(ValidationError, match=personal_number_message()):
        council_services.mark_proposal_implemented(people["committee"], proposal, NUMBER)
    proposal.refresh_from_db()
    assert proposal.status == CouncilProposal.Status.DECIDED and proposal.implementation_note == ""


def test_a_notice_answer_with_a_number_is_refused_by_the_model(village_page, people):
    from notices.models import NoticeQuestion

    question = NoticeQuestion(text="何时公开？", answer=NUMBER)
    with pytest.raises(ValidationError) as refused:
        question.full_clean(exclude=["notice", "village", "resident"])
    assert "answer" in refused.value.message_dict
