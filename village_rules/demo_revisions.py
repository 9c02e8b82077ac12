"""Demo revisions of 东山村's rules: one taken through every step (returned once by the township), and one
collecting opinions now, with comments on several articles. 西河村 has one adopted 15 days ago and not yet
filed, so that the admin dashboard shows the filing reminder. Runs after the council and grid seeders, which
create the assembly meetings and the township reviewer account it needs; safe to run twice.
"""

import datetime
import zoneinfo

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone
from wagtail.models import Locale

from council import services as council_services
from council.models import AgendaItem, Meeting
from home.models import Village, VillagePage
from residents.models import Resident

from . import services
from .demo import text_2023
from .models import ArticleComment, RevisionStep, RuleRevisionPage, VillageRulesPage
from .rules import can_review

D = datetime.date
COMPLETED_SLUG = "revision-2026"
OPEN_SLUG = "revision-2027"
REVIEW_SLUG = "revision-wedding-banquets"
LATE_SLUG = "revision-hygiene"

# The 2026 revision changes the 2023 text here (chapter index, article index) → new text, and adds one article.
CHANGES_2026 = {
    (
        2,
        0,
    ): "红白喜事简办，婚事宴席不超过10桌，每桌标准不超过500元，提倡家庭内部小范围操办；丧事从简，不搞封建迷信活动。",
    (2, 1): "提倡不收彩礼或者少收彩礼，彩礼最高不超过2万元，反对借婚姻索取财物，不得以彩礼为由阻碍婚姻自由。",
}
ADDED_2026 = (5, "电动车在指定地点集中充电，不得私拉电线、入户充电。")
# What the committee has changed in the open draft so far.
CHANGES_2027 = {
    (1, 2): "加强防火安全，不在山林、田间野外用火，不焚烧秸秆，清明祭扫提倡鲜花祭扫，家中电线老化的及时更换。",
}

COMMENTS_2027 = [
    (6, "resident", "建议写明秸秆怎么处理，村里能不能统一收储，不然光说不让烧，大家也没办法。"),
    (3, "representative", "第三条提到尊老爱幼，建议加上“定期看望独居老人”，村里独居老人越来越多了。"),
    (8, "resident", "彩礼2万元的标准我们支持，但男方女方都不要攀比嫁妆，也请写进去。"),
    (9, "representative", "建议红白理事会把每年报备的情况在公开栏公布一次。"),
    (18, "resident", "门前三包的范围说清楚一点，到路中间还是到排水沟？"),
    (None, "representative", "建议新增一条：在村内道路上晾晒粮食的，应当设置警示标志，不得占用全部路面。"),
]
DECISIONS_2027 = {
    0: ("adopted", "已采纳：草案第六条增加“清明祭扫提倡鲜花祭扫”，秸秆统一收储由村委会另行通知。"),
    4: ("not_adopted", "门前三包的具体范围由环境卫生制度规定，村规民约不再细化。"),
}


def _at(day: datetime.date, hour: int = 10) -> datetime.datetime:
    return datetime.datetime(day.year, day.month, day.day, hour, tzinfo=zoneinfo.ZoneInfo(settings.TIME_ZONE))


def _text(name: str, changes: dict, added: tuple[int, str] | None, base=None) -> list[tuple[str, dict]]:
    chapters = base or text_2023(name)
    result = []
    for c, (kind, value) in enumerate(chapters):
        articles = [changes.get((c, a), article) for a, article in enumerate(value["articles"])]
        if added and added[0] == c:
            articles.append(added[1])
        result.append((kind, {"title": value["title"], "articles": articles}))
    return result


def _backdate(page: RuleRevisionPage, when: datetime.datetime) -> None:
    RevisionStep.objects.filter(pk=page.steps.order_by("-pk").values("pk")[:1]).update(at=when)


def _assembly_motion(village: Village, title: str, day: datetime.date, present: int, votes: tuple[int, int, int]):
    meeting = Meeting.objects.filter(village=village, title=title).first()
    if meeting is None:
        meeting = council_services.record_meeting(
            None,
            village,
            kind="assembly",
            title=title,
            date=day,
            present_persons=present,
            present_households=village.households * 4 // 5,
            place="村文化广场",
            convener="村民委员会",
            minutes=f"<p>到会18周岁以上村民{present}人。会议逐条审议村规民约修订草案，举手表决通过。</p>",
        )
    item, _created = AgendaItem.objects.get_or_create(
        meeting=meeting, title=f"审议《{village.name}村规民约（修订草案）》"
    )
    motion = item.motions.first()
    if motion is None:
        # Not published as a separate resolution: the filed rules are published on the rules page.
        motion = council_services.record_motion(
            None, item, f"通过《{village.name}村规民约》修订草案", *votes, publish_resolution=False
        )
    return motion


def _completed(rules_page: VillageRulesPage, village: Village, committee, reviewer) -> None:
    name = village.name
    page = rules_page.add_child(
        instance=RuleRevisionPage(
            title="2026年村规民约修订（移风易俗）",
            slug=COMPLETED_SLUG,
            date=D(2026, 1, 5),
            summary="降低婚宴桌数和彩礼上限，新增电动车集中充电条款。已经村民会议表决通过，报柳溪镇人民政府备案。",
            body=[("paragraph", "<p>根据村民意见和镇移风易俗工作要求，村委会于2026年1月启动村规民约修订。</p>")],
            opinions_open_on=D(2026, 1, 5),
            opinions_close_on=D(2026, 2, 5),
            draft=_text(name, CHANGES_2026, ADDED_2026),
        )
    )
    page.save_revision().publish()
    page = RuleRevisionPage.objects.get(pk=page.pk)
    history = [
        (lambda: services.start_drafting(page, committee), D(2026, 2, 6)),
        (lambda: services.submit_for_review(page, committee), D(2026, 2, 15)),
        (
            lambda: services.return_for_changes(
                page,
                reviewer,
                "草案第二十四条写有“处以罚款”，村规民约不得设定罚款，请改为批评教育、责令改正等教育性措施后再报。",
            ),
            D(2026, 2, 20),
        ),
        (lambda: services.submit_for_review(page, committee), D(2026, 2, 26)),
        (lambda: services.approve(page, reviewer, "内容合法，同意提交村民会议表决。"), D(2026, 3, 2)),
    ]
    for step, day in history:
        step()
        _backdate(page, _at(day))
    motion = _assembly_motion(village, "2026年第二次村民会议", D(2026, 4, 12), 612, (538, 29, 45))
    services.record_assembly_vote(page, committee, motion)
    _backdate(page, _at(D(2026, 4, 12), 16))
    # Filing needs a date not in the future; the demo filing is in the past, whatever today is.
    services.file_with_township(page, committee, D(2026, 4, 17))
    _backdate(page, _at(D(2026, 4, 17), 15))
    ArticleComment.objects.bulk_create(
        [
            ArticleComment(
                page=page,
                author=Resident.objects.get(user__username="resident"),
                article_number=7,
                article_label="第七条",
                article_excerpt="红白喜事简办",
                stage="collecting",
                text="婚宴15桌还是太多了，建议10桌以内。",
                decision="adopted",
                decision_reason="已采纳，改为不超过10桌。",
                created_at=_at(D(2026, 1, 12)),
            )
        ]
    )


def _open(rules_page: VillageRulesPage, village: Village, committee) -> None:
    today = timezone.localdate()
    in_force = rules_page.version_in_force()
    base = [(block.block_type, block.value) for block in in_force.text] if in_force else text_2023(village.name)
    base = [(kind, {"title": value["title"], "articles": list(value["articles"])}) for kind, value in base]
    page = rules_page.add_child(
        instance=RuleRevisionPage(
            title="2027年村规民约修订征求意见",
            slug=OPEN_SLUG,
            date=today - datetime.timedelta(days=10),
            summary="村规民约修订正在征求意见，请对草案逐条提出意见，也可以建议新增条款。",
            body=[("paragraph", "<p>本次修订重点是防火安全、孝老爱亲和环境卫生。欢迎村民对每一条提出意见。</p>")],
            opinions_open_on=today - datetime.timedelta(days=10),
            opinions_close_on=today + datetime.timedelta(days=30),
            draft=_text(village.name, CHANGES_2027, None, base),
        )
    )
    page.save_revision().publish()
    page = RuleRevisionPage.objects.get(pk=page.pk)
    authors = {
        r.user.username: r for r in Resident.objects.filter(village=village, user__isnull=False).select_related("user")
    }
    articles = {a.number: a for a in page.draft_articles()}
    for index, (number, username, text) in enumerate(COMMENTS_2027):
        if username not in authors:
            continue
        article = articles.get(number) if number else None
        comment = ArticleComment.objects.create(
            page=page,
            author=authors[username],
            article_number=article.number if article else None,
            article_label=article.label if article else "",
            article_excerpt=article.text[:80] if article else "",
            stage="collecting",
            text=text,
            created_at=timezone.now() - datetime.timedelta(days=9 - index),
        )
        if index in DECISIONS_2027:
            decision, reason = DECISIONS_2027[index]
            services.decide_on_comment(comment, committee, adopted=decision == "adopted", reason=reason)


def _awaiting_filing(rules_page: VillageRulesPage, village: Village, committee, reviewer) -> None:
    today = timezone.localdate()
    page = rules_page.add_child(
        instance=RuleRevisionPage(
            title="村规民约修订（环境卫生）",
            slug=LATE_SLUG,
            date=today - datetime.timedelta(days=80),
            summary="增加垃圾分类和禁止河道倾倒垃圾的条款。已经村民会议表决通过，正在办理备案。",
            opinions_open_on=today - datetime.timedelta(days=80),
            opinions_close_on=today - datetime.timedelta(days=50),
            draft=_text(
                village.name,
                {
                    (
                        5,
                        0,
                    ): "垃圾分类投放，每周二、五由保洁员上门收运，不在房前屋后堆放柴草、粪便和建筑垃圾，实行门前三包。"
                },
                None,
            ),
        )
    )
    page.save_revision().publish()
    page = RuleRevisionPage.objects.get(pk=page.pk)
    for step, days_ago in [
        (lambda: services.start_drafting(page, committee), 49),
        (lambda: services.submit_for_review(page, committee), 40),
        (lambda: services.approve(page, reviewer, "同意提交村民会议表决。"), 30),
    ]:
        step()
        _backdate(page, _at(today - datetime.timedelta(days=days_ago)))
    day = today - datetime.timedelta(days=15)
    services.record_assembly_vote(
        page, committee, _assembly_motion(village, f"{day.year}年村民会议（村规民约）", day, 520, (430, 40, 50))
    )
    _backdate(page, _at(day, 16))


@transaction.atomic
def seed(log) -> None:
    village = Village.objects.filter(code="dongshan").first()
    village_page = VillagePage.objects.filter(village=village, locale=Locale.get_default()).first()
    rules_page = VillageRulesPage.objects.child_of(village_page).first() if village_page else None
    committee = get_user_model().objects.filter(username="committee-dongshan").first()
    reviewer = get_user_model().objects.filter(username="township").first()
    if rules_page is None or committee is None or reviewer is None or not Resident.objects.filter(village=village):
        log("rules revisions: skipped (needs 东山村, its committee, residents and the township account)")
        return
    if not can_review(reviewer, village):
        log("rules revisions: skipped (the township account does not cover 东山村)")
        return
    if not RuleRevisionPage.objects.child_of(rules_page).filter(slug=COMPLETED_SLUG).exists():
        _completed(rules_page, village, committee, reviewer)
        rules_page = VillageRulesPage.objects.get(pk=rules_page.pk)
    if not RuleRevisionPage.objects.child_of(rules_page).filter(slug=OPEN_SLUG).exists():
        _open(rules_page, village, committee)
    _seed_xihe(reviewer)
    log("rules revisions: ready")


def _seed_xihe(reviewer) -> None:
    village = Village.objects.filter(code="xihe").first()
    village_page = VillagePage.objects.filter(village=village, locale=Locale.get_default()).first()
    rules_page = VillageRulesPage.objects.child_of(village_page).first() if village_page else None
    committee = get_user_model().objects.filter(username="committee-xihe").first()
    if rules_page is None or committee is None or not can_review(reviewer, village):
        return
    if not RuleRevisionPage.objects.child_of(rules_page).filter(slug=LATE_SLUG).exists():
        _awaiting_filing(rules_page, village, committee, reviewer)
    if not RuleRevisionPage.objects.child_of(rules_page).filter(slug=REVIEW_SLUG).exists():
        _in_review(rules_page, village, committee)


def _in_review(rules_page: VillageRulesPage, village: Village, committee) -> None:
    """A draft the committee sent to the township: the reviewer's dashboard lists it and their inbox has the news."""
    today = timezone.localdate()
    page = rules_page.add_child(
        instance=RuleRevisionPage(
            title="村规民约修订（红白喜事简办）",
            slug=REVIEW_SLUG,
            date=today - datetime.timedelta(days=45),
            summary="红白喜事提倡简办，宴席不超过15桌。草案已报柳溪镇审核。",
            opinions_open_on=today - datetime.timedelta(days=45),
            opinions_close_on=today - datetime.timedelta(days=15),
            draft=_text(village.name, {(2, 1): "红白喜事提倡简办，宴席不超过15桌，不搞攀比。"}, None),
        )
    )
    page.save_revision().publish()
    page = RuleRevisionPage.objects.get(pk=page.pk)
    services.start_drafting(page, committee)
    _backdate(page, _at(today - datetime.timedelta(days=14)))
    services.submit_for_review(page, committee)
    _backdate(page, _at(today - datetime.timedelta(days=3)))
