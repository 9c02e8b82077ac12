import datetime

import pytest

from village_rules.models import RulesVersion, VillageRulesPage


def chapters(*chapters: tuple[str, list[str]]) -> list[tuple[str, dict]]:
    return [("chapter", {"title": title, "articles": articles}) for title, articles in chapters]


@pytest.fixture
def rules_page(village_page) -> VillageRulesPage:
    """东山村's rules page with the 2019 text and the 2023 text in force."""
    page = VillageRulesPage.objects.child_of(village_page).get()
    page.versions = [
        RulesVersion(
            title="2019年版",
            meeting="2019年第二次村民会议",
            adopted_on=datetime.date(2019, 6, 23),
            votes_for=500,
            votes_against=60,
            votes_abstain=30,
            filed_on=datetime.date(2019, 6, 28),
            text=chapters(
                ("总则", ["村民应当遵守法律法规。", "邻里和睦，尊老爱幼。"]),
                ("村风民俗", ["婚事宴席不超过20桌，每桌标准不超过600元。", "不得在村内燃放烟花爆竹。"]),
            ),
        ),
        RulesVersion(
            title="2023年修订版",
            meeting="2023年第一次村民会议",
            adopted_on=datetime.date(2023, 3, 12),
            votes_for=760,
            votes_against=63,
            votes_abstain=50,
            filed_on=datetime.date(2023, 3, 17),
            text=chapters(
                ("总则", ["村民应当遵守法律法规。", "邻里和睦，尊老爱幼。"]),
                ("村风民俗", ["婚事宴席不超过15桌，每桌标准不超过500元。", "提倡不收彩礼。"]),
                ("附则", ["本村规民约报乡镇人民政府备案后施行。"]),
            ),
        ),
    ]
    page.save_revision().publish()
    return VillageRulesPage.objects.get(pk=page.pk)
