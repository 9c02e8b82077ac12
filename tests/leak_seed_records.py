"""The leak crawl's records (tests/leak_seed.py has the routes and the publish paths): what residents write on
every form and what staff write that the public reads, each tried through its service first, then stored as text
from before the check where the service refuses it."""

import datetime

import time_machine
from django.contrib.auth.models import Group
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.base import ContentFile
from django.utils import timezone
from wagtail.documents import get_document_model
from wagtail.images import get_image_model

from consultations import committee as consultation_committee
from consultations import services as consultation_services
from consultations.models import Comment, ConsultationIndexPage, ConsultationPage, FollowUp, Proposal
from council import demand_services
from council import services as council_services
from council.models import AgendaItem, Attendance, CouncilProposal, MeetingAttachment, MeetingDemand
from grid import services as grid_services
from grid.models import Grid, RequestCategory, RequestEvent, ResidentRequest
from notices import services as notice_services
from notices.models import NoticePage, NoticeQuestion
from residents import roles
from residents.models import Resident
from supervision import services as supervision_services
from supervision.models import Complaint
from tests.consultations.conftest import OPENINGS
from tests.leak_seed import add_page, make_user, refused, text
from village_rules import services as rule_services
from village_rules.models import ArticleComment, RuleRevisionPage, RulesVersion, VillageRulesPage


def _png() -> ContentFile:
    from io import BytesIO

    from PIL import Image

    out = BytesIO()
    Image.new("RGB", (8, 8), "white").save(out, "PNG")
    return ContentFile(out.getvalue(), name="square.png")


def seed_resident_forms(village_page, committee, prefix: str) -> dict:
    """Consultation, notice question, council proposal: what the first leak crawl seeded, plus staff answers."""
    village = village_page.village
    index = ConsultationIndexPage.objects.child_of(village_page).get()
    consultation = ConsultationPage(title="广场改造", slug="plaza", summary="广场改造方案", **OPENINGS)
    add_page(index, consultation)
    resident = Resident.objects.create(
        user=make_user(f"{prefix}-villager"),
        village=village,
        display_name="村民",
        verification=Resident.Verification.VERIFIED,
    )
    with time_machine.travel(OPENINGS["proposals_open"], tick=False):
        refused(lambda: consultation_services.add_comment(consultation, resident, text("comment (refused)")))
        refused(
            lambda: consultation_services.submit_proposal(
                consultation, resident, title="建议", text=text("proposal (refused)")
            ),
            consultation_services.ConsultationError,
        )
        selected = consultation_services.submit_proposal(consultation, resident, title="多装路灯", text="晚上太黑")
        refused(
            lambda: consultation_services.set_proposal_status(
                selected, Proposal.Status.SELECTED, text("proposal status reason (staff)"), committee
            ),
            consultation_services.ConsultationError,
        )
    if Proposal.objects.get(pk=selected.pk).status != Proposal.Status.SELECTED:
        Proposal.objects.filter(pk=selected.pk).update(status=Proposal.Status.SELECTED, status_reason="采纳")
    selected.refresh_from_db()
    refused(
        lambda: consultation_committee.add_follow_up(
            consultation,
            committee,
            stage=FollowUp.Stage.DONE,
            date=datetime.date(2026, 3, 1),
            text=text("follow-up (staff)"),
            proposal=selected,
        ),
        consultation_services.ConsultationError,
    )
    # Text stored before the check existed.
    comment = Comment.objects.create(page=consultation, author=resident, text=text("stored comment"))
    Proposal.objects.create(page=consultation, author=resident, title="建议", text=text("stored proposal"))
    Proposal.objects.create(
        page=consultation,
        author=resident,
        title="合并建议",
        text="同上",
        status=Proposal.Status.MERGED,
        status_reason=text("stored proposal status reason"),
    )
    FollowUp.objects.create(
        page=consultation, proposal=selected, stage=FollowUp.Stage.DONE, date=datetime.date(2026, 3, 2),
        text=text("stored follow-up"),
    )  # fmt: skip
    notice = NoticePage.objects.get(slug="direct", path__startswith=village_page.path)
    question = NoticeQuestion.objects.create(
        notice=notice, village=village, resident=resident, text=text("stored question"), answer="已回复",
        answered_at=timezone.now(),
    )  # fmt: skip
    asked = NoticeQuestion.objects.create(notice=notice, village=village, resident=resident, text="何时公开？")
    refused(lambda: notice_services.answer_question(committee, asked, text("notice answer (staff)")))
    NoticeQuestion.objects.filter(pk=asked.pk, answer="").update(
        answer=text("stored notice answer"), answered_at=timezone.now()
    )
    CouncilProposal.objects.create(
        village=village, submitted_by=resident, title="修桥", text=text("stored council proposal"),
        decline_reason=text("stored council decline reason"),
    )  # fmt: skip
    return {
        "resident": resident,
        "consultation": consultation.pk,
        "proposal": selected.pk,
        "comment": comment.pk,
        "question": question.pk,
    }


def seed_rules(village_page, resident, committee) -> dict:
    rules = VillageRulesPage.objects.child_of(village_page).get()
    rules.versions = [
        RulesVersion(title=f"{year}年版", meeting="村民会议", adopted_on=datetime.date(year, 3, 12), votes_for=700)
        for year in (2019, 2023)
    ]
    rules.save_revision().publish()
    today = timezone.localdate()
    revision = RuleRevisionPage(
        title="2027年修订",
        slug="revision-2027",
        opinions_open_on=today - datetime.timedelta(days=5),
        opinions_close_on=today + datetime.timedelta(days=25),
    )
    add_page(rules, revision)
    refused(lambda: rule_services.add_comment(revision, resident.user, text("rule comment (refused)"), None))
    answered = rule_services.add_comment(revision, resident.user, "第三条写得不清楚", None)
    refused(
        lambda: rule_services.decide_on_comment(
            answered, committee, adopted=False, reason=text("rule decision reason (staff)")
        ),
        rule_services.RevisionError,
    )
    stored = ArticleComment.objects.create(
        page=revision, author=resident, article_number=None, stage=revision.stage, text=text("stored rule comment")
    )
    ArticleComment.objects.create(
        page=revision, author=resident, article_number=None, stage=revision.stage, text="同意",
        decision=ArticleComment.Decision.ADOPTED, decision_reason=text("stored rule decision reason"),
        decided_at=timezone.now(),
    )  # fmt: skip
    versions = sorted(RulesVersion.objects.filter(page_id=rules.pk).values_list("pk", flat=True))
    return {"rule_comment": stored.pk, "versions": versions}


def seed_grid(village, resident, committee) -> dict:
    grid = Grid.objects.create(village=village, name="第一网格")
    category = RequestCategory.objects.get(code="roads-lights")
    common = {"village": village, "category": category, "grid": grid}
    refused(
        lambda: grid_services.file_request(
            **common, description=text("grid request (refused)"), by=resident.user, resident=resident,
            show_publicly=True,
        )
    )  # fmt: skip
    handled = grid_services.file_request(
        **common, description="路灯不亮", by=resident.user, resident=resident, show_publicly=True, place="二组"
    )
    committee.groups.add(Group.objects.get_or_create(name=roles.GRID_WORKER)[0])
    refused(lambda: grid_services.act(handled, "accept", committee, note=text("grid staff note")))
    grid_services.act(handled, "accept", committee, note="已受理")
    # A handler's note from before the check: the status note and the event's note.
    ResidentRequest.objects.filter(pk=handled.pk).update(status_notes=text("stored grid staff note"))
    RequestEvent.objects.create(
        request=handled, action="reply", from_status="accepted", to_status="accepted", at=timezone.now(),
        note=text("stored grid staff note"),
    )  # fmt: skip
    now = timezone.now()
    stored = ResidentRequest.objects.create(
        **common, resident=resident, filed_by=resident.user, description=text("stored grid request"),
        show_publicly=True, status="in_progress", received_at=now, updated_at=now, accept_due=now, resolve_due=now,
    )  # fmt: skip
    RequestEvent.objects.create(request=stored, action="file", to_status="received", at=now, note="网上")
    return {"requests": [handled.pk, stored.pk]}


def seed_supervision(village, resident, committee) -> dict:
    refused(
        lambda: supervision_services.file_complaint(
            resident.user, village, "missing", text("complaint (refused)"), "2026-10"
        )
    )
    now = timezone.now()
    stored = Complaint.objects.create(
        village=village, resident=resident, kind="missing", period="2026-Q3", text=text("stored complaint"),
        due_at=now + datetime.timedelta(days=20), answer=text("stored complaint answer"),
        finding=text("stored complaint finding"), outcome="upheld", status="closed", closed_at=now,
    )  # fmt: skip
    answered = supervision_services.file_complaint(resident.user, village, "missing", "十月财务没有公开", "2026-10")
    refused(lambda: supervision_services.answer_complaint(committee, answered, text("complaint answer (staff)")))
    # A villagers' demand for an audit (VCOL art. 35), listed on the village's audits page.
    MeetingDemand.objects.create(
        village=village, kind=MeetingDemand.Kind.AUDIT_BY_VILLAGERS, title=text("stored audit demand title"),
        reason=text("stored audit demand reason"), started_by=resident, base=village.adult_villagers,
    )  # fmt: skip
    return {"complaints": [stored.pk, answered.pk]}


def seed_council(village, resident, committee) -> dict:
    refused(
        lambda: demand_services.start_demand(
            resident.user, village, MeetingDemand.Kind.ASSEMBLY_BY_VILLAGERS, text("demand (refused)"), "理由"
        ),
        demand_services.DemandError,
        ValidationError,
        PermissionDenied,
    )
    demand = MeetingDemand.objects.create(
        village=village, kind=MeetingDemand.Kind.ASSEMBLY_BY_VILLAGERS, title=text("stored demand title"),
        reason=text("stored demand reason"), started_by=resident, base=village.adult_villagers,
    )  # fmt: skip
    meeting = council_services.record_meeting(
        committee, village, kind="council", title="理事会例会", date=datetime.date(2026, 11, 20), present_persons=5,
        minutes=text("stored meeting minutes"),
    )  # fmt: skip
    item = AgendaItem.objects.create(meeting=meeting, title="修建村道", description=text("stored agenda and motion"))
    refused(lambda: council_services.record_motion(committee, item, text("stored agenda and motion"), yes=5))
    Attendance.objects.create(meeting=meeting, name="赵老汉", present=False, note=text("stored attendance note"))
    document = get_document_model().objects.create(title="签到表", file=ContentFile(b"ok", name="sign-in.csv"))
    MeetingAttachment.objects.create(meeting=meeting, document=document, title=text("stored meeting attachment"))
    # A public document and image stored with a number in the title (ORM, before or around the upload check).
    get_document_model().objects.create(title=text("stored public document"), file=ContentFile(b"ok", name="a.csv"))
    get_image_model().objects.create(title=f"照片 {text('stored public document')}", file=_png())
    return {"demand": demand.pk, "meeting": meeting.pk}
