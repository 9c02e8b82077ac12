"""Demo council: charter, roster with a past term, meetings of every kind, votes, delegations, proposals.

东山村 gets the full record; the other villages get a council and a current roster. Safe to run again.
"""

import datetime

from wagtail.models import Locale

from home.demo import paragraph
from home.models import Village, VillagePage
from residents.models import Resident

from . import services
from .models import (
    AgendaItem,
    Attendance,
    CouncilMember,
    CouncilPage,
    CouncilTerm,
    Delegation,
    Meeting,
    VillageRegisterRecord,
)

D = datetime.date

ROSTER = [
    ("张国强", "chair"),
    ("李春花", "vice_chair"),
    ("王德明", "member"),
    ("赵桂芳", "member"),
    ("陈长林", "member"),
    ("刘振华", "member"),
    ("孙玉山", "member"),
    ("周秀兰", "member"),
    ("吴金宝", "member"),
    ("郑海燕", "member"),
    ("冯老根", "member"),
    ("何淑珍", "supervisor"),
]
PAST_ROSTER = [("王德明", "chair"), ("刘振华", "vice_chair"), ("冯老根", "member"), ("何淑珍", "member")]


def _pages(log) -> None:
    for village_page in VillagePage.objects.filter(locale=Locale.get_default()):
        council_page = CouncilPage.objects.child_of(village_page).first()
        if council_page is None or council_page.charter:
            continue
        council_page.intro = (
            "<p>村民理事会由村民推选的老党员、老教师、致富能手等组成，协助村委会办理本村公益事业，"
            "听取和反映村民意见。</p>"
        )
        council_page.charter = paragraph(
            "第一条　理事会在村党组织领导下开展工作，接受村民会议和村民代表会议的监督。",
            "第二条　理事会会议须有三分之二以上理事到会方为有效；议事事项须经到会理事过半数同意方为通过。",
            "第三条　涉及村民切身利益的重大事项，理事会只提出建议，由村民会议或者村民代表会议决定。",
        )
        council_page.save_revision().publish()


# Earlier register figures of 东山村 (the current ones, as of 2026-01-01, come with the village itself).
REGISTER_HISTORY = [(D(2024, 1, 1), 1239, 405, 33), (D(2025, 1, 1), 1255, 409, 33)]


def _register_history(village: Village) -> None:
    for effective_on, adults, households, representatives in REGISTER_HISTORY:
        VillageRegisterRecord.objects.get_or_create(
            village=village,
            effective_on=effective_on,
            defaults={"adult_villagers": adults, "households": households, "representatives": representatives},
        )


def _roster(village: Village, full: bool) -> list[CouncilMember]:
    council = services.council_of(village)
    if not council.terms.exists():
        if full:
            past = CouncilTerm.objects.create(
                council=council, name="第一届", starts_on=D(2020, 3, 1), ends_on=D(2023, 2, 28)
            )
            for order, (name, role) in enumerate(PAST_ROSTER):
                CouncilMember.objects.create(term=past, name=name, role=role, sort_order=order)
        term = CouncilTerm.objects.create(
            council=council, name="第二届", starts_on=D(2023, 3, 1), ends_on=D(2028, 2, 29)
        )
        chair_resident = Resident.objects.filter(village=village, user__username="representative").first()
        for order, (name, role) in enumerate(ROSTER if full else ROSTER[:5] + ROSTER[-1:]):
            CouncilMember.objects.create(
                term=term,
                name=name,
                role=role,
                sort_order=order,
                resident=chair_resident if role == "chair" else None,
            )
    term = council.term_on(D(2026, 9, 1))
    return list(term.members.all())


def _meeting(village, kind, title, date, present, households=0, items=(), **fields) -> tuple[Meeting, list]:
    counts = {"present_persons": present, "present_households": households}
    meeting = services.record_meeting(None, village, kind=kind, title=title, date=date, **counts, **fields)
    created = [
        AgendaItem.objects.create(meeting=meeting, title=item_title, reserved_matter=reserved, sort_order=order)
        for order, (item_title, reserved) in enumerate(items, start=1)
    ]
    return meeting, created


def _dongshan(village: Village, members: list[CouncilMember]) -> None:
    resident = Resident.objects.get(village=village, user__username="resident")
    charter = services.council_of(village)
    voting = [member for member in members if member.votes(charter)]

    council, (income,) = _meeting(
        village,
        "council",
        "2026年第三次理事会会议",
        D(2026, 9, 10),
        9,
        items=[("2026年集体经营收入使用方案", "income")],
        place="村党群服务中心二楼会议室",
        convener="理事长 张国强",
        minutes="<p>理事长张国强主持。到会理事9人，请假2人，监事何淑珍列席。</p>"
        "<p>会议听取了村民关于村道路灯的反映，议定由理事会牵头、村委会出资维修；对集体经营收入使用方案提出建议，"
        "提交村民会议决定。</p>",
    )
    for member in voting[:9]:
        Attendance.objects.create(meeting=council, name=member.name, member=member)
    for member in voting[9:]:
        Attendance.objects.create(meeting=council, name=member.name, member=member, present=False, note="请假")
    services.record_motion(None, income, "建议将集体经营收入的40%用于村内道路养护", 8, 0, 1)
    # Two of 王*英's proposals were put on this meeting's agenda and decided.
    admin = _admin()
    lamps = services.escalate_to_council(
        village, "村道路灯维修", "东头村道路灯坏了半年，晚上出行不便。", submitted_by=resident
    )
    services.accept_proposal(admin, lamps, council)
    roll = dict.fromkeys(voting[:7], "yes") | {voting[7]: "no", voting[8]: "abstain"}
    text = "同意维修村道路灯32盏，费用由村集体公益金列支"
    services.record_motion(None, lamps.agenda_item, text, 7, 1, 1, roll_call=roll)
    services.mark_proposal_decided(admin, lamps)
    rails = services.escalate_to_council(
        village, "幸福院增设扶手", "幸福院走廊没有扶手，老人行走不便。", submitted_by=resident
    )
    services.accept_proposal(admin, rails, council)
    services.record_motion(None, rails.agenda_item, "同意在幸福院走廊和卫生间增设扶手", 9, 0, 0)
    services.mark_proposal_decided(admin, rails)
    services.mark_proposal_implemented(admin, rails, "9月底已在走廊两侧装好不锈钢扶手。")

    _invalid, (well,) = _meeting(
        village,
        "council",
        "2026年第二次理事会会议",
        D(2026, 6, 15),
        6,
        items=[("村西机井更换水泵", "")],
        place="村党群服务中心二楼会议室",
        convener="理事长 张国强",
        minutes="<p>因农忙，到会理事6人，不足三分之二，会议所议事项不发生效力，改期再议。</p>",
    )
    services.record_motion(None, well, "同意更换村西机井水泵", 6, 0, 0)

    assembly, (land,) = _meeting(
        village,
        "assembly",
        "2026年村民会议",
        D(2026, 3, 8),
        580,
        households=290,
        items=[("第二轮土地承包到期后延长三十年实施方案", "land_contracting")],
        place="村文化广场",
        convener="村民委员会",
        minutes="<p>到会18周岁以上村民580人，代表290户。会议表决通过土地延包方案，并授权村民代表会议决定"
        "本年度一事一议筹资筹劳事项。</p>",
    )
    services.record_motion(None, land, "通过第二轮土地承包到期后延长三十年实施方案", 502, 31, 47)
    Delegation.objects.create(
        village=village,
        matter="public_works",
        granted_by=assembly,
        starts_on=D(2026, 3, 8),
        ends_on=D(2026, 12, 31),
        scope="2026年度一事一议筹资筹劳事项，每户筹资不超过100元。",
    )

    _reps, (relief,) = _meeting(
        village,
        "representatives",
        "2026年第二季度村民代表会议",
        D(2026, 5, 20),
        30,
        items=[("评议2026年度低保户", "")],
        place="村党群服务中心二楼会议室",
        convener="村民委员会",
        minutes="<p>应到代表35人，实到30人。经民主评议新增低保户2户、退出1户，名单公示7天。</p>",
    )
    services.record_motion(None, relief, "同意新增低保户2户、退出1户的评议结果", 27, 1, 2)

    _demanded, (square,) = _meeting(
        village,
        "representatives",
        "文化广场修缮筹资专题村民代表会议",
        D(2026, 8, 18),
        29,
        items=[("文化广场修缮一事一议筹资方案", "public_works")],
        place="村党群服务中心二楼会议室",
        convener="村民委员会",
        called_by="reps_fifth",
        demanded_by="村民代表王德明等8人（超过代表总数的五分之一）联名提议召开。",
    )
    services.record_motion(None, square, "同意每户筹资50元用于文化广场修缮", 25, 2, 2)

    _group, (road,) = _meeting(
        village,
        "group",
        "第三村民小组会议",
        D(2026, 7, 2),
        110,
        households=41,
        items=[("小组机耕路硬化筹劳方案", "public_works")],
        group_name="第三村民小组",
        eligible_adults=156,
        eligible_households=52,
        place="第三组组长家院内",
        convener="第三村民小组组长 刘振华",
    )
    services.record_motion(None, road, "建议每户出工2天参与机耕路硬化", 96, 5, 9)

    # Judged by the register of 2025: 22 of 33 representatives is exactly two thirds (valid); of today's 35 it
    # would not be.
    _last_year, (budget,) = _meeting(
        village,
        "representatives",
        "2025年第四季度村民代表会议",
        D(2025, 12, 20),
        22,
        items=[("2026年村级公益事业项目安排", "")],
        place="村党群服务中心二楼会议室",
        convener="村民委员会",
        minutes="<p>应到代表33人（按2025年登记数），实到22人，恰好达到三分之二，会议有效。</p>",
    )
    services.record_motion(None, budget, "同意2026年村级公益事业项目安排", 20, 1, 1)

    upcoming, _items = _meeting(
        village, "council", "2026年第四次理事会会议", D(2026, 12, 10), 0, place="村党群服务中心二楼会议室"
    )

    # Proposals at the other steps.
    services.escalate_to_council(
        village, "村小学门口设置减速带", "上下学时车速快，建议在学校门口设减速带和提示牌。", submitted_by=resident
    )
    accepted = services.escalate_to_council(
        village, "冬季幸福院供暖", "幸福院老人多，建议冬季增加取暖设施。", submitted_by=resident
    )
    services.accept_proposal(admin, accepted, upcoming)
    declined = services.escalate_to_council(
        village, "在村口建停车场", "过年回村车辆多，建议在村口建停车场。", submitted_by=resident
    )
    services.decline_proposal(admin, declined, "村口土地属基本农田，不能改作停车场；春节期间在文化广场临时停放。")


def _admin():
    from django.contrib.auth import get_user_model

    return get_user_model().objects.filter(is_superuser=True).first()


def resident_ready(village: Village) -> bool:
    return Resident.objects.filter(village=village, user__username="resident").exists()


NEEDS = ("home", "residents")  # the villages and the residents who sit on the council (home.seeding)


def seed(log) -> None:
    _pages(log)
    for village in Village.objects.order_by("pk"):
        if village.code == "dongshan":
            _register_history(village)
        members = _roster(village, full=village.code == "dongshan")
        full_record = village.code == "dongshan" and resident_ready(village)
        if full_record and not Meeting.objects.filter(village=village).exists():
            _dongshan(village, members)
        if full_record:
            from .demand_demo import seed as seed_demands

            seed_demands(village, _admin())
    log("council: ready")
