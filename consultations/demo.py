"""Demo consultations: one in each phase across the villages, with proposals, supports, comments and ballots.

Safe to run again: pages are found by slug, demo voters by household number, and ballots are cast only once.
"""

import datetime
import io

from django.contrib.auth import get_user_model
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from wagtail.models import Locale

from home.demo import ensure_page, paragraph
from home.models import VillagePage
from notifications import services as notifications
from residents.models import Resident

from . import committee, photos, services
from .models import ConsultationIndexPage, ConsultationPage, FollowUp, Option, Participation, Proposal, Question

DAY = datetime.timedelta(days=1)


def _dates(now: datetime.datetime, phase: str) -> dict:
    """Openings placed so that `phase` is the current one today."""
    offset = {"information": 0, "proposals": 1, "deliberation": 2, "voting": 3, "results": 4}[phase]
    start = now - DAY * (offset * 10 + 3)
    names = ["information_opens", "proposals_open", "deliberation_opens", "voting_opens", "results_open"]
    return {name: start + DAY * 10 * i for i, name in enumerate(names)}


CONSULTATIONS = [
    # (village index, slug, phase, title, summary, paragraphs)
    (
        0,
        "culture-square-2026",
        "proposals",
        "村东文化广场改造方案征求意见",
        "广场增加健身器材和老年人休息座椅，请大家提意见。",
        [
            "村东文化广场建于2012年，地面破损，夜间照明不足。村委会拟使用县级美丽乡村奖补资金15万元进行改造。",
            "初步方案：更换透水砖地面，增加路灯8盏、健身器材10件、带靠背的座椅12张，修建无障碍坡道。",
        ],
    ),
    (
        0,
        "water-fee-2026",
        "voting",
        "自来水管护费标准表决",
        "每户每月管护费由5元调整为8元，请投票。",
        [
            "村里自来水管网维修费用逐年增加，村委会提议把管护费调整为每户每月8元，五保户、低保户免交。",
        ],
    ),
    (
        0,
        "road-lights-2025",
        "results",
        "村道路灯安装位置表决结果",
        "无记名投票已结束，结果和回执码已公布。",
        [
            "去年征集的路灯安装意见经村民代表会议讨论后，提交全体村民无记名投票。",
        ],
    ),
    (
        1,
        "river-bank-2026",
        "information",
        "西河河堤绿化方案公示",
        "河堤绿化方案先公布情况，之后征集意见。",
        [
            "西河河堤约1.2公里，计划种植垂柳和本地灌木，由镇林业站提供树苗。",
        ],
    ),
    (
        2,
        "market-day-2026",
        "deliberation",
        "集市日调整讨论",
        "把集市从每月逢五改为逢三、逢八，大家正在讨论。",
        [
            "南岗村集市目前每月逢五开市，有村民提出改为逢三、逢八，方便外出务工人员回乡赶集。",
        ],
    ),
]


def _voters(village, count: int) -> list[Resident]:
    """Demo voters registered at the village office (no login), found again by household number."""
    voters = []
    for n in range(1, count + 1):
        voter, _created = Resident.objects.get_or_create(
            village=village,
            household_number=f"D{n:03d}",
            defaults={
                "display_name": f"村民{n:02d}",
                "verification": Resident.Verification.VERIFIED,
                "source": Resident.Source.COUNTER,
            },
        )
        voters.append(voter)
    return voters


NEEDS = ("home", "residents")  # the villages, the committee accounts and residents who vote (home.seeding)


def seed(log) -> None:
    now = timezone.now()
    villages = list(VillagePage.objects.filter(locale=Locale.get_default()).select_related("village").order_by("pk"))
    clerk = get_user_model().objects.filter(username="committee-dongshan").first()
    pages: dict[str, ConsultationPage] = {}
    for village_index, slug, phase, title, summary, paragraphs in CONSULTATIONS:
        if village_index >= len(villages):
            continue
        village_page = villages[village_index]
        index = ConsultationIndexPage.objects.child_of(village_page).first()
        if index is None:
            continue
        page = ensure_page(
            index,
            ConsultationPage(
                title=title,
                slug=slug,
                date=(now - DAY * 30).date(),
                summary=summary,
                body=paragraph(*paragraphs),
                **_dates(now, phase),
            ),
        )
        if not page.questions.exists() and phase in ("voting", "results"):
            page = _add_questions(page, phase)
            if phase == "results" and clerk is not None:
                _closed_ballot(page, page.questions.first(), village_page.village, clerk)
                _translate_to_traditional(page, clerk)
        if not page.proposals.exists() and phase in ("proposals", "deliberation", "results"):
            _proposals(page, village_page.village, phase)
        pages[slug] = page
    _resident_activity(pages, clerk)
    log("consultations: ready")


def _add_questions(page: ConsultationPage, phase: str) -> ConsultationPage:
    """The questions as an editor writes them: in the page, published, so every language tree has them."""
    if phase == "results":
        questions = [Question(text="是否同意在村道安装太阳能路灯？", mode=Question.Mode.SECRET)]
    else:
        questions = [
            Question(
                text="是否同意把自来水管护费调整为每户每月8元？",
                mode=Question.Mode.SECRET,
                rule=Question.Rule.ASSEMBLY,
            ),
            Question(
                text="新标准从哪个月开始执行？",
                kind=Question.Kind.SINGLE,
                mode=Question.Mode.OPEN,
                options=[Option(label="2027年1月"), Option(label="2027年7月")],
            ),
        ]
    page.questions = questions
    page.save_revision().publish()
    return ConsultationPage.objects.get(pk=page.pk)


def _translate_to_traditional(page: ConsultationPage, clerk) -> None:
    """The closed consultation in Traditional Chinese as a translation (OpenCC), not an alias: its words are
    converted, its tally is the Simplified page's."""
    from search.services import translate_to_traditional

    admin = get_user_model().objects.filter(is_superuser=True).first() or clerk
    translate_to_traditional(page, admin)


def _closed_ballot(page, question, village, clerk) -> None:
    voters = _voters(village, 12)
    options = {o.role: o.pk for o in services.ensure_options(question)}
    during = page.voting_opens + DAY
    plan = ["yes"] * 7 + ["no"] * 3 + ["abstain"] * 2
    for voter, role in zip(voters, plan, strict=True):
        if voter.household_number in ("D011", "D012"):
            services.record_paper_ballot(question, voter, [options[role]], clerk, now=during)
        else:
            services.cast_ballot(question, voter, [options[role]], now=during)
    services.close_question(question)


def _proposals(page, village, phase) -> None:
    authors = _voters(village, 4)
    when = page.proposals_open + DAY if page.proposals_open else timezone.now()
    first = services.submit_proposal(
        page,
        authors[0],
        title="增加无障碍坡道",
        text="<p>广场东侧台阶太高，轮椅和婴儿车上不去，建议修一条坡道。</p>",
        location_note="广场东侧入口",
        now=when,
    )
    second = services.submit_proposal(
        page, authors[1], title="座椅多放在树荫下", text="<p>夏天太晒，老人坐不住，座椅最好靠近大樟树。</p>", now=when
    )
    support_time = page.deliberation_opens - DAY if page.deliberation_opens else when
    for author in authors[1:]:
        services.support(first, author, now=support_time)
    services.support(second, authors[0], now=support_time)
    top = services.add_comment(page, authors[2], "<p>同意，坡道要有扶手。</p>", proposal=first, now=when)
    services.add_comment(page, authors[0], "<p>好的，我补充到意见里。</p>", parent=top, now=when)
    services.add_comment(page, authors[3], "<p>希望晚上路灯能亮到十点。</p>", now=when)
    if phase == "results":
        Proposal.objects.filter(pk=first.pk).update(status=Proposal.Status.SELECTED, status_reason="已列入实施方案。")


def _demo_photo() -> SimpleUploadedFile:
    """A drawn picture of an overflowing bin by the road (Pillow, no file shipped with the code)."""
    from PIL import Image, ImageDraw

    image = Image.new("RGB", (640, 420), (176, 214, 240))
    draw = ImageDraw.Draw(image)
    draw.rectangle((0, 260, 640, 420), fill=(150, 150, 145))  # road
    draw.rectangle((0, 240, 640, 262), fill=(96, 150, 80))  # verge
    draw.rectangle((250, 150, 360, 300), fill=(40, 110, 60))  # bin
    draw.rectangle((240, 138, 370, 156), fill=(30, 90, 50))  # lid
    for x, y, r in ((230, 300, 22), (380, 292, 18), (300, 130, 26), (410, 310, 14)):
        draw.ellipse((x - r, y - r, x + r, y + r), fill=(210, 205, 190))  # rubbish bags
    buffer = io.BytesIO()
    image.save(buffer, "PNG")
    return SimpleUploadedFile("demo-bin.png", buffer.getvalue(), "image/png")


def _votes_in_every_tree(page, resident) -> None:
    """Ballots on the open vote, cast through the Simplified, Traditional and English pages alike: one tally.
    The demo account "resident" has cast the secret ballot (it sees 您已投票 and its receipt) and has the other
    question still to vote on, so a visitor signed in as it can try voting."""
    if page is None or Participation.objects.filter(question__page=page).exists():
        return
    secret, chosen = list(page.questions.order_by("sort_order", "pk"))[:2]
    voters = [resident, *_voters(resident.village, 6)[3:]]
    trees = ["zh-hant", "en", "zh-hans", "zh-hant"]
    for voter, language in zip(voters, trees, strict=True):
        for question, pick in ((secret, "yes"), (chosen, None))[: 1 if voter == resident else 2]:
            copy = Question.objects.filter(translation_key=question.translation_key, locale__language_code=language)
            options = services.ensure_options(question)
            option = next(o for o in options if o.role == pick) if pick else options[voter.pk % len(options)]
            services.cast_ballot(copy.first() or question, voter, [option.pk])


def _resident_activity(pages: dict, clerk) -> None:
    """The demo account "resident" follows things and has notifications; a proposal has a photo; the closed
    consultation has its decision and follow-up updates. Each step checks first, so a second run adds nothing."""
    resident = Resident.objects.filter(user__username="resident").select_related("user", "village").first()
    square, results = pages.get("culture-square-2026"), pages.get("road-lights-2025")
    if resident is None or clerk is None or square is None or results is None:
        return
    notifications.follow(resident.user, square)
    notifications.follow(resident.user, results)
    _votes_in_every_tree(pages.get("water-fee-2026"), resident)
    if not Proposal.objects.filter(page=square, author=resident).exists():
        photo = photos.store_photo(_demo_photo(), village=resident.village, user=resident.user, title="村口垃圾桶")
        mine = services.submit_proposal(
            square,
            resident,
            title="广场边加设分类垃圾桶",
            text="<p>广场西侧只有一个垃圾桶，周末经常满出来。建议增加两组分类垃圾桶，并安排每天清运。</p>",
            location_note="广场西侧路口",
            photo=photo,
        )
        neighbour = _voters(resident.village, 3)[2]
        services.add_comment(square, neighbour, "<p>赞成，最好再放一个有害垃圾回收箱。</p>", proposal=mine)
    if FollowUp.objects.filter(page=results).exists():
        return
    selected = Proposal.objects.filter(page=results, status=Proposal.Status.SELECTED).first()
    closed = (results.results_open or timezone.now()).date()
    committee.add_follow_up(
        results,
        clerk,
        stage=FollowUp.Stage.DECIDED,
        date=closed,
        text="<p>投票结果有效并通过。村委会决定在村道安装太阳能路灯20盏，资金来自县级美丽乡村奖补。</p>",
    )
    committee.add_follow_up(
        results,
        clerk,
        stage=FollowUp.Stage.PLANNED,
        date=closed + DAY,
        text="<p>已向镇政府报送采购计划，预计两周内完成招标。</p>",
    )
    if selected is not None:
        committee.add_follow_up(
            results,
            clerk,
            stage=FollowUp.Stage.IN_PROGRESS,
            date=closed + DAY * 2,
            text="<p>无障碍坡道已放线，施工队下周进场。</p>",
            proposal=selected,
        )
