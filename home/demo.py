"""Demo county for seed_demo: villages with plausible register figures and their committee offices."""

import datetime
from typing import Any

from django.db import transaction
from wagtail.models import Locale, Page
from wagtail.rich_text import RichText

from .models import CommitteeContact, PortalHomePage, Village, VillagePage

# The password of every demo account (residents.demo and grid.demo create them; the welcome lines print it).
DEMO_PASSWORD = "changeme"  # noqa: S105  (documented demo password, seed_demo only)

COUNTY = {
    "title": "柳溪县村务通",
    "county_name": "柳溪县",
    "intro": "<p>柳溪县各村的村务公开、村规民约、征求意见和村民理事会，都在这里。"
    "看不清字可以点右上角的“大字模式”。不会用手机的，也可以到村委会办公室办理。</p>",
}

VILLAGES: list[dict[str, Any]] = [
    {
        "code": "dongshan",
        "division_code": "411421101201",
        "name": "东山村",
        "township": "柳溪镇",
        "adult_villagers": 1268,
        "households": 412,
        "representatives": 35,
        "intro": "<p>东山村位于柳溪镇东部，辖8个村民小组，耕地3260亩，以小麦、花生种植和林果为主。"
        "村里有卫生室、文化广场和幸福院。</p>",
        "office_address": "柳溪镇东山村党群服务中心一楼",
        "office_hours": "周一至周五 8:30–12:00，14:30–17:30；农忙季节周六上午值班",
        "office_phone": "0376-7261 3018",
        "contacts": [
            ("王建国", "村党支部书记、村委会主任", "0376-7261 3018"),
            ("李秀兰", "村委会副主任、妇联主席", "0376-7261 3018"),
            ("赵德明", "村务监督委员会主任", "0376-7261 3025"),
        ],
    },
    {
        "code": "xihe",
        "division_code": "411421101205",
        "name": "西河村",
        "township": "柳溪镇",
        "adult_villagers": 864,
        "households": 295,
        "representatives": 27,
        "intro": "<p>西河村沿柳溪河而建，辖5个村民小组，发展稻虾共养和农家乐，是县里的美丽乡村示范村。</p>",
        "office_address": "柳溪镇西河村村委会院内",
        "office_hours": "周一至周五 8:30–17:30",
        "office_phone": "0376-7261 4102",
        "contacts": [
            ("陈志强", "村党支部书记、村委会主任", "0376-7261 4102"),
            ("刘桂芳", "村委会委员、报账员", "0376-7261 4102"),
        ],
    },
    {
        "code": "nangang",
        "division_code": "411421203210",
        "name": "南岗村",
        "township": "石桥乡",
        "adult_villagers": 1530,
        "households": 503,
        "representatives": 41,
        "intro": "<p>南岗村是石桥乡人口最多的行政村，辖11个村民小组，有村办粮食烘干厂一座。</p>",
        "office_address": "石桥乡南岗村便民服务室",
        "office_hours": "周一至周六 8:00–12:00",
        "office_phone": "0376-7385 2207",
        "contacts": [
            ("张卫东", "村党支部书记", "0376-7385 2207"),
            ("孙玉梅", "村委会主任", "0376-7385 2207"),
        ],
    },
    {
        "code": "taoyuan",
        "division_code": "411421203214",
        "name": "桃园村",
        "township": "石桥乡",
        "adult_villagers": 702,
        "households": 238,
        "representatives": 23,
        "intro": "<p>桃园村以种植桃树闻名，每年四月举办桃花节。村里60岁以上老人约占三成。</p>",
        "office_address": "石桥乡桃园村委会",
        "office_hours": "周二、周四、周六 8:30–12:00",
        "office_phone": "0376-7385 3316",
        "contacts": [("周长林", "村党支部书记、村委会主任", "0376-7385 3316")],
    },
]


def ensure_page(parent: Page, page: Page) -> Page:
    """The child of parent with page's slug; created, published and mirrored into synchronised locales if missing."""
    from wagtail_localize.synctree import create_aliases_for_new_page

    existing = parent.get_children().filter(slug=page.slug).specific().first()
    if existing is not None:
        return existing
    parent.add_child(instance=page)
    page.save_revision().publish()
    create_aliases_for_new_page(page)
    return page


def portal_home() -> PortalHomePage:
    return PortalHomePage.objects.get(locale=Locale.get_default())


# seed_demo runs this first: every other seeder works in the villages it creates (home.seeding).
NEEDS: tuple[str, ...] = ()


@transaction.atomic
def seed(log) -> None:
    home = portal_home()
    if home.county_name != COUNTY["county_name"]:
        home.title = COUNTY["title"]
        home.county_name = COUNTY["county_name"]
        home.intro = COUNTY["intro"]
        home.save_revision().publish()
    for data in VILLAGES:
        data = dict(data)
        contacts = data.pop("contacts")
        page_fields = {key: data.pop(key) for key in ("intro", "office_address", "office_hours", "office_phone")}
        village, created = Village.objects.update_or_create(
            code=data.pop("code"), defaults={**data, "register_updated_on": datetime.date(2026, 1, 1)}
        )
        page = VillagePage.objects.get(village=village, locale=Locale.get_default())
        if created or not page.intro:
            for field, value in page_fields.items():
                setattr(page, field, value)
            page.contacts = [CommitteeContact(name=n, role=r, phone=p) for n, r, p in contacts]
            page.save_revision().publish()
        log(f"village {village.code}: {'created' if created else 'up to date'}")


def paragraph(*paragraphs: str) -> list[tuple[str, Any]]:
    """StreamField body of plain paragraphs, for demo content."""
    return [("paragraph", RichText(f"<p>{text}</p>")) for text in paragraphs]
