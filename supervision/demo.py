"""Demo supervision: 东山村's supervision committee chosen by its representatives' meeting, an open complaint and
a closed one with the township's finding, and a financial notice the committee reviewed before publication
(民主理财: the county has put 财务 under review). Safe to run again: what exists is kept."""

import datetime

from django.contrib.auth import get_user_model
from django.utils import timezone

from council import services as council_services
from council.models import AgendaItem
from home.models import Village
from home.seeding import Seeder
from residents.models import Resident

from . import services
from .audit_demo import seed_audits
from .models import Complaint, SupervisionMember

MEETING_DAY = datetime.date(2024, 1, 12)
TERM = (datetime.date(2024, 1, 12), datetime.date(2028, 12, 31))
MEMBERS = [  # (real name, household, role, accounting knowledge)
    ("何淑珍", "0301", SupervisionMember.Role.CHAIR, False),
    ("钱会计", "0302", SupervisionMember.Role.MEMBER, True),
    ("孙德厚", "0303", SupervisionMember.Role.MEMBER, False),
]


def _committee(village: Village) -> None:
    if SupervisionMember.objects.filter(village=village).exists():
        return
    meeting = council_services.record_meeting(
        None,
        village,
        kind="representatives",
        title="2024年第一次村民代表会议",
        date=MEETING_DAY,
        present_persons=max(village.representatives - 3, 0),
    )
    item = AgendaItem.objects.create(meeting=meeting, title="推选第三届村务监督委员会成员")
    present = meeting.present_persons
    motion = council_services.record_motion(
        None,
        item,
        "推选何淑珍、钱会计、孙德厚为村务监督委员会成员，何淑珍任主任。",
        yes=present - 1,
        abstain=1,
        publish_resolution=False,
    )
    for name, household, role, accounting in MEMBERS:
        resident, _created = Resident.objects.get_or_create(
            village=village,
            real_name=name,
            defaults={
                "display_name": name[0] + "*" + name[2:],
                "household_number": household,
                "verification": Resident.Verification.VERIFIED,
                "verified_at": timezone.now(),
                "source": Resident.Source.COUNTER,
            },
        )
        services.add_member(None, village, resident, motion, *TERM, role=role, accounting_knowledge=accounting)


def _complaints(village: Village) -> None:
    if Complaint.objects.filter(village=village).exists():
        return
    complainant = get_user_model().objects.filter(username="resident", resident__village=village).first()
    township = get_user_model().objects.filter(username="township").first()
    if complainant is None:
        return
    now = timezone.now()
    closed = services.file_complaint(
        complainant,
        village,
        Complaint.Kind.UNTRUE,
        "村道硬化工程的支出公开为12万元，但村民代表会议通过的预算是8万元，公开中没有说明增加的原因。",
        now=now - datetime.timedelta(days=40),
    )
    clerk = village.committee_group.user_set.first() if village.committee_group else None
    if clerk is not None:
        services.answer_complaint(clerk, closed, "增加部分为排水沟，已经村民代表会议补充表决。")
    if township is not None:
        services.close_complaint(
            township,
            closed,
            Complaint.Outcome.PARTLY,
            "经查，支出金额属实，但公开内容未说明预算调整的决议。已责令村委会在3日内补充公开决议和明细。",
        )
    last_month = (now.date().replace(day=1) - datetime.timedelta(days=1)).strftime("%Y-%m")
    services.file_complaint(
        complainant,
        village,
        Complaint.Kind.MISSING,
        "上个月的财务收支到现在还没有在公开栏和网上公布。",
        last_month,
        now=now - datetime.timedelta(days=3),
    )


NEEDS = ("home", "residents", "council", "grid")  # the register, the township account, the motion (home.seeding)


def seed(log) -> None:
    village = Village.objects.filter(code="dongshan").first()
    if village is None:
        return
    _committee(village)
    _complaints(village)
    log("supervision: 东山村 supervision committee, an open and a closed complaint")


REVIEWED_SLUG = "finance-2026-11"


def _reviewer(village: Village):
    """The chair signs in to review (the other members are on the register only, as at a counter)."""
    from residents.demo import _user

    chair = (
        SupervisionMember.objects.in_office()
        .filter(village=village, role=SupervisionMember.Role.CHAIR)
        .select_related("resident")
        .first()
    )
    if chair is None:
        return None
    if chair.resident.user_id is None:
        chair.resident.user = _user("supervisor", "supervisor@example.org")
        chair.resident.save(update_fields=["user"])
        services.sync_supervision_group(village)
    return chair.resident.user


def seed_review(log) -> None:
    """民主理财: the county puts 财务 under the supervision committee's review; 东山村's November accounts are
    submitted by the committee's clerk and approved by the supervision committee's chair, then published."""
    from wagtail.models import Locale, Workflow
    from wagtail_localize.synctree import create_aliases_for_new_page

    from home.models import VillagePage
    from notices.demo import monthly_finance
    from notices.models import NoticeCategory, NoticeIndexPage, NoticePage

    village = Village.objects.filter(code="dongshan").first()
    workflow = Workflow.objects.filter(name="民主理财审核", active=True).first()
    clerk = get_user_model().objects.filter(username="committee-dongshan").first()
    if village is None or workflow is None or clerk is None:
        return
    finance = NoticeCategory.objects.get(slug="finance")
    if finance.review_workflow_id is None:
        finance.review_workflow = workflow
        finance.save(update_fields=["review_workflow"])
    reviewer = _reviewer(village)
    village_page = VillagePage.objects.filter(village=village, locale=Locale.get_default()).first()
    index = NoticeIndexPage.objects.child_of(village_page).first() if village_page else None
    if reviewer is None or index is None or NoticePage.objects.child_of(index).filter(slug=REVIEWED_SLUG).exists():
        return
    notice = monthly_finance(village.name, 2026, 11)
    notice.date, notice.live = timezone.localdate(), False
    index.add_child(instance=notice)
    notice.save_revision(user=clerk)
    create_aliases_for_new_page(notice)
    state = workflow.start(notice, clerk)
    state.current_task_state.specific.approve(user=reviewer)
    log("supervision: 东山村's November accounts reviewed by the supervision committee (民主理财) and published")


def seed_evaluation(log) -> None:
    """民主评议 (art. 33): last year's evaluation in 东山村, published (supervision.evaluation_demo)."""
    from .evaluation_demo import seed as seed_last_year

    seed_last_year(log)


SEEDERS = [
    Seeder("supervision", seed, NEEDS),
    Seeder("supervision.audits", seed_audits, needs=("supervision", "notices")),
    Seeder(
        "supervision.review",
        seed_review,
        needs=("supervision", "notices", "residents"),
        accounts=(("supervisor", "chair of 东山村's supervision committee: reviews financial notices", "admin/"),),
    ),
    Seeder("supervision.evaluation", seed_evaluation, needs=("supervision.review", "consultations")),
]
