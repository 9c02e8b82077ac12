"""Demo notices for every village."""

import datetime

from wagtail.models import Locale

from home.demo import ensure_page, paragraph
from home.models import VillagePage

from .models import NoticeIndexPage, NoticePage


def notices_for(village_name: str) -> list[NoticePage]:
    return [
        NoticePage(
            title="2026年10月村级财务收支公开",
            slug="finance-2026-10",
            date=datetime.date(2026, 11, 5),
            summary=f"{village_name}10月收入、支出和结余情况，请村民监督。",
            body=paragraph(
                "本月收入合计 48,620.00 元，其中上级转移支付 30,000.00 元，集体土地租金 18,620.00 元。",
                "本月支出合计 36,415.50 元，其中道路维修 21,800.00 元，村干部误工补贴 9,600.00 元，"
                "办公费 5,015.50 元。月末结余 12,204.50 元。",
                "对以上内容有疑问的，可在公开之日起5日内向村务监督委员会反映。",
            ),
        ),
        NoticePage(
            title="2026年第三季度村务公开",
            slug="affairs-2026-q3",
            date=datetime.date(2026, 10, 10),
            summary="第三季度村民代表会议决定事项及落实情况。",
            body=paragraph(
                "7月12日村民代表会议决定：硬化村北生产路1.2公里，由村民代表监督施工。已于9月底完工验收。",
                "8月份为全村60岁以上老人办理城乡居民医保缴费提醒，共212人，已全部办理。",
            ),
        ),
        NoticePage(
            title="关于修订本村村规民约征求意见的通知",
            slug="rules-revision-consultation",
            date=datetime.date(2026, 11, 18),
            summary="村规民约修订草案征求意见，截止12月10日。",
            body=paragraph(
                "根据乡镇党委部署，本村启动村规民约修订工作，重点修改红白喜事操办标准和人居环境条款。",
                "请村民在12月10日前通过本网站、村委会意见箱或直接到村委会提出意见建议。",
            ),
        ),
    ]


def seed(log) -> None:
    for village_page in VillagePage.objects.filter(locale=Locale.get_default()).select_related("village"):
        index = NoticeIndexPage.objects.child_of(village_page).first()
        if index is None:
            continue
        if not index.intro:
            index.intro = "<p>按照村民委员会组织法第三十条，村务每季度至少公开一次，财务每月公开。</p>"
            index.save_revision().publish()
        for notice in notices_for(village_page.title):
            ensure_page(index, notice)
    log("notices: ready")
