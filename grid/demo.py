"""Demo grids, grid workers and a few hundred requests over the last six months, in every state.

Bulk-created (one insert per table and village) so that seed_demo stays fast; a village that already has
requests is left alone, so running twice adds nothing.
"""

import datetime as dt
import itertools
import random

from django.contrib.auth.models import Group
from django.utils import timezone

from home.models import Village
from home.seeding import Seeder
from residents import roles
from residents.demo import _user
from residents.models import Resident

from . import deadlines, workflow
from .models import (
    Grid,
    GridWorker,
    MediationCase,
    MediationParty,
    MediationSession,
    RequestCategory,
    RequestEvent,
    ResidentRequest,
)
from .rules import supervision_group

REQUESTS_PER_VILLAGE = 75
GRIDS = [("第一网格（东片）", "一组、二组、三组"), ("第二网格（西片）", "四组、五组、六组")]
WORKERS = ["周红梅", "吴建华", "郑海燕", "孙立新", "何春生", "冯秀兰", "许志刚", "邓丽娟"]
PLACES = ["一组", "二组", "三组", "四组", "五组", "六组", "村部附近", "村口大桥", "小学门口", "集贸市场"]
DESCRIPTIONS = {
    "public-safety": ["村口路段夜间有人飙车，存在安全隐患", "废弃鱼塘没有护栏，孩子常在附近玩耍"],
    "food-safety": ["小卖部出售过期牛奶", "流动摊贩卖的熟食没有防蝇措施"],
    "consumer": ["农资店化肥价格比镇上贵很多，怀疑乱收费", "收购玉米时秤不准，缺斤短两"],
    "building": ["有人在机耕路边搭建棚子，占用道路", "河道边新建围墙，影响排水"],
    "sanitation": ["垃圾收集点三天没有清运，气味很大", "有人在田边焚烧秸秆，烟很大"],
    "roads-lights": ["村道有一段坑洼积水，电动车不好走", "路灯坏了好几盏，晚上出行不便"],
    "water-power": ["自来水水压低，早上经常停水", "灌溉水渠堵塞，下游田地进不了水"],
    "social-services": ["想咨询城乡居民养老保险怎么续缴", "老人医保报销需要哪些材料"],
}
REPLIES = ["已现场查看并处理完毕", "已联系相关部门，问题已解决", "已安排人员清理，后续加强巡查"]
# Share of requests that end in each state, for requests old enough to have moved on.
OUTCOMES = [
    (workflow.CLOSED, 60),
    (workflow.REPLIED, 8),
    (workflow.IN_PROGRESS, 8),
    (workflow.DISPATCHED, 6),
    (workflow.ACCEPTED, 4),
    (workflow.RECEIVED, 3),
    (workflow.REJECTED, 5),
]
PATH = [workflow.RECEIVED, workflow.ACCEPTED, workflow.DISPATCHED, workflow.IN_PROGRESS, workflow.REPLIED]
ACTION_INTO = {
    workflow.ACCEPTED: "accept",
    workflow.DISPATCHED: "dispatch",
    workflow.IN_PROGRESS: "start",
    workflow.REPLIED: "reply",
}


def seed(log) -> None:
    villages = list(Village.objects.order_by("pk"))
    categories = list(RequestCategory.objects.all())
    if not villages or not categories:
        return
    worker_group, _created = Group.objects.get_or_create(name=roles.GRID_WORKER)
    for township in {v.township for v in villages}:
        supervision_group(township)
    township = _user("township", "township@example.org")
    township.groups.add(supervision_group(villages[0].township))
    names = iter(WORKERS * 2)
    for index, village in enumerate(villages):
        for order, (name, area) in enumerate(GRIDS):
            grid, created = Grid.objects.get_or_create(
                village=village, name=name, defaults={"area": area, "sort_order": order}
            )
            if created:
                GridWorker.objects.create(
                    grid=grid, name=next(names), work_phone=f"0371-6{index}{order}1 23{order}{index}"
                )
    # The demo grid worker of 东山村's first grid, with a portal account.
    first_grid = Grid.objects.filter(village=villages[0]).order_by("sort_order").first()
    worker_user = _user("gridworker", "gridworker@example.org")
    worker_user.groups.add(worker_group)
    # She is the first grid's worker, with the account: the unnamed 周红梅 made above (another number) would be
    # listed beside her on the village page; nothing refers to a grid worker row.
    GridWorker.objects.filter(grid=first_grid, user=None, name="周红梅").delete()
    GridWorker.objects.get_or_create(
        grid=first_grid, user=worker_user, defaults={"name": "周红梅", "work_phone": "0371-6011 2300"}
    )

    now = timezone.now()
    made = 0
    for village in villages:
        if ResidentRequest.objects.filter(village=village).exists():
            continue
        made += _seed_village(village, categories, now, worker_user)
    if made:
        log(f"{made} resident requests")


def _seed_village(village, categories, now, staff) -> int:
    rng = random.Random(f"grid-{village.code}")  # noqa: S311  (demo data, not security)
    grids = list(Grid.objects.filter(village=village))
    residents = list(Resident.objects.filter(village=village, user__isnull=False, verification="verified"))
    plain = [c for c in categories if not c.is_mediation]
    requests, timelines = [], []
    for _i in range(REQUESTS_PER_VILLAGE):
        category = rng.choice(plain)
        received = now - dt.timedelta(days=rng.uniform(0, 182))
        age_days = (now - received).days
        outcome = rng.choices([o for o, _w in OUTCOMES], [w for _o, w in OUTCOMES])[0]
        if age_days < 2:
            outcome = workflow.RECEIVED
        r = ResidentRequest(
            village=village,
            grid=rng.choice(grids),
            category=category,
            resident=rng.choice(residents) if residents and rng.random() < 0.3 else None,
            channel=rng.choice(ResidentRequest.Channel.values),
            description=rng.choice(DESCRIPTIONS.get(category.code, ["需要村里帮助处理"])),
            place=rng.choice(PLACES),
            show_publicly=rng.random() < 0.7,
            received_at=received,
            accept_due=deadlines.due(received, category.accept_days),
            resolve_due=deadlines.due(received, category.resolve_days),
            platform="",
        )
        events = [("file", "", workflow.RECEIVED, received, str(r.get_channel_display()))]
        at = received
        # Slow villages are late more often; most requests move within a day or two per step.
        pace = 0.3 if village.pk % 2 else 0.7
        if outcome == workflow.REJECTED:
            at += dt.timedelta(hours=rng.uniform(2, 40))
            events.append(("reject", workflow.RECEIVED, workflow.REJECTED, at, "不属于村级受理范围，已告知向法院起诉"))
            r.closed_at = at
        else:
            last = workflow.REPLIED if outcome == workflow.CLOSED else outcome
            for before, after in itertools.pairwise(PATH):
                if PATH.index(before) >= PATH.index(last):
                    break
                at += dt.timedelta(hours=rng.uniform(2, 48) / pace)
                if at > now:
                    at = now - dt.timedelta(minutes=5)
                action = ACTION_INTO[after]
                note = rng.choice(REPLIES) if action == "reply" else ""
                if action == "dispatch":
                    r.platform = category.platform
                    note = r.get_platform_display()
                if action == "accept":
                    r.accepted_at = at
                if action == "reply":
                    r.replied_at = at
                    r.status_notes = note
                events.append((action, before, after, at, note))
            if outcome == workflow.CLOSED:
                reopen = rng.random() < 0.08
                if reopen:
                    at += dt.timedelta(days=1)
                    events.append(("rate", workflow.REPLIED, workflow.IN_PROGRESS, at, "不满意 问题没有彻底解决"))
                    at += dt.timedelta(days=2)
                    events.append(("reply", workflow.IN_PROGRESS, workflow.REPLIED, at, "已再次处理，请查看"))
                    r.replied_at = at
                    r.reopen_count = 1
                at += dt.timedelta(days=rng.uniform(0.5, 8))
                if at > now:
                    at = now - dt.timedelta(minutes=1)
                if at - r.replied_at > dt.timedelta(days=7):
                    at = r.replied_at + dt.timedelta(days=7, hours=1)
                    events.append(("auto_close", workflow.REPLIED, workflow.CLOSED, at, ""))
                else:
                    r.rating = rng.choices(
                        [workflow.SATISFIED, workflow.BASICALLY_SATISFIED, workflow.DISSATISFIED], [70, 20, 10]
                    )[0]
                    events.append(
                        ("rate", workflow.REPLIED, workflow.CLOSED, at, dict(workflow.RATING_CHOICES)[r.rating])
                    )
                r.closed_at = at
        r.status = events[-1][2]
        r.updated_at = events[-1][3]
        if r.status in workflow.OPEN_STATES and rng.random() < 0.2 and r.is_overdue(now):
            at = min(now, r.resolve_due + dt.timedelta(days=1))
            r.supervised_at = at
            events.append(("supervise", r.status, r.status, at, "已超期，请尽快办结"))
        requests.append(r)
        timelines.append(events)
    ResidentRequest.objects.bulk_create(requests)
    RequestEvent.objects.bulk_create(
        RequestEvent(
            request=r,
            action=action,
            from_status=before,
            to_status=after,
            by=None if action == "auto_close" else staff,
            by_label="系统" if action == "auto_close" else ("居民" if action == "rate" else "村里工作人员"),
            at=at,
            note=note,
        )
        for r, events in zip(requests, timelines, strict=True)
        for action, before, after, at, note in events
    )
    if village.code == "dongshan":
        _mediation_case(village, categories, now, staff)
    return len(requests)


def _mediation_case(village, categories, now, staff) -> None:
    category = next(c for c in categories if c.is_mediation)
    received = now - dt.timedelta(days=20)
    r = ResidentRequest.objects.create(
        village=village,
        grid=Grid.objects.filter(village=village).first(),
        category=category,
        channel=ResidentRequest.Channel.WALK_IN,
        contact_name="刘德明",
        description="与邻居因宅基地边界和排水沟走向发生争执，请村里调解",
        place="三组",
        received_at=received,
        accept_due=deadlines.due(received, category.accept_days),
        resolve_due=deadlines.due(received, category.resolve_days),
        accepted_at=received + dt.timedelta(hours=3),
        status=workflow.IN_PROGRESS,
        platform="zongzhi",
        department="村人民调解委员会",
        updated_at=received + dt.timedelta(days=6),
    )
    steps = [
        ("file", "", workflow.RECEIVED, 0, "到村部反映"),
        ("accept", workflow.RECEIVED, workflow.ACCEPTED, 0.2, ""),
        ("dispatch", workflow.ACCEPTED, workflow.DISPATCHED, 0.3, "综治工作 村人民调解委员会"),
        ("start", workflow.DISPATCHED, workflow.IN_PROGRESS, 1, "已约双方到村部调解"),
    ]
    RequestEvent.objects.bulk_create(
        RequestEvent(
            request=r,
            action=a,
            from_status=f,
            to_status=t,
            by=staff,
            by_label="村里工作人员",
            at=received + dt.timedelta(days=d),
            note=n,
        )
        for a, f, t, d, n in steps
    )
    case = MediationCase.objects.create(request=r, subject="宅基地边界及排水沟纠纷")
    MediationParty.objects.bulk_create(
        [
            MediationParty(case=case, name="刘德明", role="申请人"),
            MediationParty(case=case, name="陈永福", role="被申请人"),
        ]
    )
    MediationSession.objects.bulk_create(
        [
            MediationSession(
                case=case,
                held_on=(received + dt.timedelta(days=2)).date(),
                mediator="村调委会 周红梅",
                summary="双方陈述意见，约定共同请镇国土所现场测量",
            ),
            MediationSession(
                case=case,
                held_on=(received + dt.timedelta(days=6)).date(),
                mediator="村调委会 周红梅",
                summary="测量结果已出，双方原则同意按测量线重砌排水沟，待签调解协议",
            ),
        ]
    )


# home.seeding runs this once the villages and the residents' accounts exist; the welcome lines list its accounts.
SEEDERS = [
    Seeder(
        "grid",
        seed,
        needs=("home", "residents"),
        accounts=(
            ("gridworker", "grid worker of 东山村: resident requests", "admin/"),
            ("township", "柳溪镇 township supervision of resident requests", "admin/"),
        ),
    )
]
