import datetime

import pytest

from home.demo import ensure_page, paragraph
from notices.models import NoticeIndexPage, NoticePage
from village_rules.models import RulesVersion, VillageRulesPage


@pytest.fixture
def notice_index(village_page) -> NoticeIndexPage:
    return NoticeIndexPage.objects.child_of(village_page).get()


@pytest.fixture
def make_notice(notice_index):
    def make(title: str, body: str = "", date=datetime.date(2026, 11, 20), slug=None, **fields) -> NoticePage:
        page = NoticePage(title=title, slug=slug or f"n{NoticePage.objects.count() + 1}", date=date, **fields)
        if body:
            page.body = paragraph(body)
        return ensure_page(notice_index, page)

    return make


@pytest.fixture
def rules_in_force(village_page) -> VillageRulesPage:
    page = VillageRulesPage.objects.child_of(village_page).get()
    articles = [f"第{n}条示例内容，村民应当遵守。" for n in range(1, 12)] + ["宅基地一户一宅，不得违规占用耕地建房。"]
    page.versions = [
        RulesVersion(
            title="2023年修订版",
            meeting="2023年第一次村民会议",
            adopted_on=datetime.date(2023, 3, 12),
            votes_for=760,
            filed_on=datetime.date(2023, 3, 17),
            text=[("chapter", {"title": "总则", "articles": articles})],
        )
    ]
    page.save_revision().publish()
    return VillageRulesPage.objects.get(pk=page.pk)
