"""Demo consultations."""

import datetime

from wagtail.models import Locale

from home.demo import ensure_page, paragraph
from home.models import VillagePage

from .models import ConsultationIndexPage, ConsultationPage


def seed(log) -> None:
    for village_page in VillagePage.objects.filter(locale=Locale.get_default())[:2]:
        index = ConsultationIndexPage.objects.child_of(village_page).first()
        if index is None:
            continue
        ensure_page(
            index,
            ConsultationPage(
                title="村东文化广场改造方案征求意见",
                slug="culture-square-2026",
                date=datetime.date(2026, 11, 20),
                summary="广场增加健身器材和老年人休息座椅，请大家提意见。",
                body=paragraph(
                    "村东文化广场建于2012年，地面破损，夜间照明不足。村委会拟使用县级美丽乡村奖补资金15万元进行改造。",
                    "初步方案：更换透水砖地面，增加路灯8盏、健身器材10件、带靠背的座椅12张，修建无障碍坡道。",
                    "意见收集到12月15日，之后由村民代表会议表决。",
                ),
            ),
        )
    log("consultations: ready")
