"""Demo audits (VCOL art. 35): 东山村's committee term ends in January 2027 (the register's date), and the county's
departure audit of the committee chair for the term is published on the village's notice board before it, so the
calendar shows the departure audit done. Safe to run again: what exists is kept."""

import datetime

from django.utils import timezone

from home.models import Village

TERM_ENDS = datetime.date(2027, 1, 15)
SLUG = "departure-audit-2022-2027"


def seed_audits(log) -> None:
    from wagtail.models import Locale
    from wagtail_localize.synctree import create_aliases_for_new_page

    from home.models import VillagePage
    from notices.models import NoticeCategory, NoticeIndexPage

    from .audit_models import AuditReportPage

    village = Village.objects.filter(code="dongshan").first()
    if village is None:
        return
    if village.committee_term_ends_on is None:
        village.committee_term_ends_on = TERM_ENDS
        village.save(update_fields=["committee_term_ends_on"])
    village_page = VillagePage.objects.filter(village=village, locale=Locale.get_default()).first()
    index = NoticeIndexPage.objects.child_of(village_page).first() if village_page else None
    if index is None or AuditReportPage.objects.child_of(index).filter(slug=SLUG).exists():
        return
    today = timezone.localdate()
    report = AuditReportPage(
        title="村民委员会主任离任经济责任审计结果公告",
        slug=SLUG,
        date=today - datetime.timedelta(days=3),
        category=NoticeCategory.objects.filter(slug="affairs").first(),
        audit_kind=AuditReportPage.Kind.DEPARTURE,
        auditor_level=AuditReportPage.Auditor.COUNTY,
        auditor="县农业农村局农村经营管理站",
        audited_office="第十一届村民委员会主任（2022年1月—2027年1月）",
        audited_from=datetime.date(2022, 1, 16),
        audited_to=today - datetime.timedelta(days=30),
        audits_finances=True,
        audits_debts=True,
        audits_public_funds=True,
        audits_contracts=True,
        audits_assets=True,
        summary="县农业农村局对村委会主任任期内的经济责任进行了离任审计，结果如下。",
        findings=(
            "村级财务收支账目清楚，票据齐全；村集体债务 3.2 万元已如实登记。\n"
            "2024年村道硬化工程招标程序完整；一笔 800 元的招待费缺少审批签字，已责令补办。\n"
            "征地补偿款已按村民代表会议决议分配到户，未发现截留挪用。"
        ),
        live=False,
    )
    index.add_child(instance=report)
    report.save_revision().publish()
    create_aliases_for_new_page(report)
    log("supervision: 东山村's departure audit report, published before the January 2027 election")
