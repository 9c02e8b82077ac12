"""Demo content for the forgiving search (issue 22): notices under their official names, a county synonym, and
a few pages translated into English, so that 新农合, 危改, dibao, 怎么申请低保 and English searches on /en/ show
what they do. Safe to run again."""

import datetime

from wagtail.actions.convert_alias import ConvertAliasPageAction
from wagtail.models import Locale, Page

from home.demo import ensure_page, paragraph
from home.models import VillagePage
from notices.models import NoticeCategory, NoticeIndexPage, NoticePage

from .models import SearchSynonym

DAY = datetime.date(2026, 11, 18)
NOTICES = [
    {
        "slug": "medical-insurance-2027",
        "title": "2027年度城乡居民基本医疗保险缴费通知",
        "summary": "2027年度个人缴费标准为每人每年400元，请于2026年12月31日前缴纳。",
        "body": (
            "2027年度城乡居民基本医疗保险个人缴费标准为每人每年400元。可以用手机微信、支付宝缴纳，"
            "也可以到村委会由网格员帮助代缴。",
            "特困人员、低保对象的个人缴费由财政资助，不用自己缴。",
        ),
    },
    {
        "slug": "dilapidated-housing-2026",
        "title": "农村危房改造申请条件和办理流程",
        "summary": "住房经鉴定为C级、D级危房的农户，可以向村委会提出改造申请。",
        "body": (
            "申请条件：住房经鉴定为C级或D级危房，且属于低保户、特困人员、防返贫监测户等困难群众。",
            "办理流程：农户申请、村民代表会议评议、村内公示、乡镇审核、县住建局审批。",
        ),
    },
    {
        "slug": "dibao-application",
        "title": "最低生活保障（低保）申请须知",
        "summary": "家庭人均收入低于当地低保标准的，可以到村委会申请，需要身份证和户口簿。",
        "body": (
            "申请最低生活保障，以家庭为单位，由户主向村委会或乡镇便民服务中心提出书面申请。",
            "需要带上居民身份证、户口簿，以及家庭收入和财产情况说明。村里评议后公示7天。",
        ),
    },
]
# (slug under 东山村's notices or the county's legal education, English title, summary, body paragraphs)
ENGLISH = [
    (
        "notices",
        "urgent-water-outage",
        "Urgent: water cut across the village on 1 December",
        "The water mains are repaired on 1 December from 8:00 to 18:00: please store water beforehand.",
        ("The village water mains are repaired on 1 December from 8:00 to 18:00, and there is no tap water.",),
    ),
    (
        "notices",
        "dibao-application",
        "Applying for the minimum living allowance (dibao)",
        "Households whose income per person is below the local dibao line can apply at the village committee.",
        ("Bring your resident ID card and household register, and a statement of the household's income.",),
    ),
    (
        "education",
        "mediation-free",
        "People's mediation is free",
        "Quarrels between neighbours and in families can go to the village mediation committee, free of charge.",
        ("An agreement reached in mediation is binding; a court can confirm it.",),
    ),
]
COUNTY_SYNONYMS = [("城乡居民基本医疗保险 = 合疗", "柳溪县农村老人仍常把城乡居民医保叫作“合疗”。")]


def _dongshan() -> VillagePage:
    return VillagePage.objects.get(village__code="dongshan", locale=Locale.get_default())


def _english(parent_slug: str, slug: str) -> Page | None:
    from legal_aid.models import LegalEducationIndexPage

    english = Locale.objects.get(language_code="en")
    if parent_slug == "notices":
        parent = NoticeIndexPage.objects.child_of(_dongshan()).first()
    else:
        parent = LegalEducationIndexPage.objects.filter(locale=Locale.get_default()).first()
    source = parent.get_children().filter(slug=slug).first() if parent else None
    if source is None:
        return None
    return Page.objects.filter(translation_key=source.translation_key, locale=english).first()


NEEDS = ("notices", "legal_aid")  # it adds notices and translates legal education pages (home.seeding)


def seed(log) -> None:
    index = NoticeIndexPage.objects.child_of(_dongshan()).first()
    category = NoticeCategory.objects.get(slug="affairs")
    for data in NOTICES:
        notice = NoticePage(
            slug=data["slug"],
            title=data["title"],
            date=DAY,
            category=category,
            summary=data["summary"],
            body=paragraph(*data["body"]),
            posted_until=DAY + datetime.timedelta(days=30),
        )
        ensure_page(index, notice)
    translated = 0
    for parent_slug, slug, title, summary, body in ENGLISH:
        page = _english(parent_slug, slug)
        if page is None:
            continue
        page = page.specific
        if page.alias_of_id:  # as an editor does with Translate: the English page gets its own text
            ConvertAliasPageAction(page).execute(skip_permission_checks=True)
            page.refresh_from_db()
            page = page.specific
        if page.title != title:
            page.title, page.draft_title, page.summary, page.body = title, title, summary, paragraph(*body)
            page.save_revision().publish()
        translated += 1
    for words, note in COUNTY_SYNONYMS:
        SearchSynonym.objects.get_or_create(words=words, defaults={"note": note})
    log(f"search: {len(NOTICES)} notices under official names, {translated} pages in English, county synonyms")
