"""Builds one published page of every type, mirrored into every language, for page and API tests."""

import datetime

from wagtail.models import Locale, Page

from consultations.models import ConsultationIndexPage, ConsultationPage
from council.models import CouncilPage
from home.demo import ensure_page, paragraph
from home.models import VillagePage
from legal_aid.models import LegalAidDirectoryPage, LegalEducationIndexPage, LegalEducationPage
from notices.models import NoticeIndexPage, NoticePage
from supervision.audit_models import AuditReportPage
from village_rules.models import RuleRevisionPage, VillageRulesPage


def build_every_page_type(village_page: VillagePage) -> dict[type[Page], Page]:
    """One live page of each type, keyed by type, built under the given village and its portal."""
    home = village_page.get_parent().specific
    notice_index = NoticeIndexPage.objects.child_of(village_page).get()
    rules = VillageRulesPage.objects.child_of(village_page).get()
    consultation_index = ConsultationIndexPage.objects.child_of(village_page).get()
    day = datetime.date(2026, 11, 20)
    education = ensure_page(home, LegalEducationIndexPage(title="学法用法", slug="legal-education"))
    pages: list[Page] = [
        home,
        village_page,
        notice_index,
        rules,
        consultation_index,
        CouncilPage.objects.child_of(village_page).get(),
        ensure_page(
            notice_index, NoticePage(title="十月财务公开", slug="finance", date=day, body=paragraph("结余 1.00 元"))
        ),
        ensure_page(
            notice_index,
            AuditReportPage(
                title="离任经济责任审计结果",
                slug="departure-audit",
                date=day,
                audit_kind="departure",
                auditor_level="county",
                auditor="县农业农村局",
                audited_from=datetime.date(2021, 7, 1),
                audited_to=day,
                audits_finances=True,
                findings="账目清楚。",
            ),
        ),
        ensure_page(rules, RuleRevisionPage(title="2026年修订", slug="revision-2026", date=day)),
        ensure_page(consultation_index, ConsultationPage(title="文化广场改造", slug="square", date=day)),
        ensure_page(home, LegalAidDirectoryPage(title="法律援助", slug="legal-aid")),
        education,
        ensure_page(education, LegalEducationPage(title="土地流转", slug="land", date=day)),
    ]
    return {type(page.specific): page.specific for page in pages}


def in_locale(page: Page, language_code: str) -> Page:
    return page.get_translation(Locale.objects.get(language_code=language_code)).specific
