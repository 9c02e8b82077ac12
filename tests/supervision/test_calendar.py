"""The public disclosure calendar over 24 months, frozen time, the admin calendar's figures, bounded queries."""

import datetime

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from wagtail.models import Locale

from home.models import VillagePage
from notices import disclosure
from notices.calendar import calendar_rows
from notices.models import NoticeCategory, NoticeIndexPage, NoticePage
from supervision import calendar

TODAY = datetime.date(2026, 3, 11)  # February's finances were due on 10 March (grace 10 days)


def frozen(day: datetime.date):
    return time_machine.travel(datetime.datetime.combine(day, datetime.time(12)), tick=False)


@pytest.fixture
def index(village):
    page = VillagePage.objects.get(village=village, locale=Locale.get_default())
    return NoticeIndexPage.objects.child_of(page).get()


@pytest.fixture
def add_notice(index):
    def add(kind: str, year: int, number: int, on: datetime.date, financial: bool = True, parent=None) -> NoticePage:
        parent = parent or index
        count = parent.get_children_count() + 1
        notice = NoticePage(
            title=f"公开{count}",
            slug=f"n-{count}",
            date=on,
            category=NoticeCategory.objects.get(slug="finance" if financial else "affairs"),
            period_kind=kind,
            period_year=year,
            period_number=number,
        )
        parent.add_child(instance=notice)
        notice.save_revision().publish()
        return notice

    return add


def test_pure_history_states():
    published = {"2026-01": datetime.date(2026, 2, 10), "2025-12": datetime.date(2026, 1, 15)}
    cells = calendar.history(disclosure.MONTH, TODAY, published, 24)
    assert len(cells) == 24 and cells[0].key == "2026-02" and cells[-1].key == "2024-03"
    assert (cells[0].state, cells[0].days_late) == (calendar.MISSING, 1)  # due 10 March, today the 11th
    assert (cells[1].state, cells[1].days_late) == (calendar.ON_TIME, 0)  # on the due date itself
    assert (cells[2].state, cells[2].days_late) == (calendar.LATE, 5)  # due 10 January, out on the 15th
    assert calendar.history(disclosure.MONTH, datetime.date(2026, 3, 10), {}, 1)[0].state == calendar.NOT_DUE
    quarters = calendar.history(disclosure.QUARTER, TODAY, {}, 8)
    assert [c.key for c in quarters][:2] == ["2025-Q4", "2025-Q3"] and quarters[-1].key == "2024-Q1"


def test_twenty_four_months_matching_the_admin(client, village, add_notice):
    add_notice("month", 2026, 1, datetime.date(2026, 2, 8))
    add_notice("month", 2025, 12, datetime.date(2026, 1, 20))  # 10 days late
    add_notice("month", 2024, 3, datetime.date(2024, 4, 5))  # the oldest month shown
    add_notice("month", 2024, 2, datetime.date(2024, 3, 5))  # older than 24 months: not shown
    add_notice("quarter", 2025, 4, datetime.date(2026, 1, 9), financial=False)
    add_notice("quarter", 2025, 3, datetime.date(2025, 10, 5))  # a financial category does not count as general
    (row,) = calendar.calendars([village], TODAY)
    states = {c.key: (c.state, c.days_late) for c in row.finance}
    assert len(row.finance) == 24 and len(row.general) == 8
    assert states["2026-02"] == ("missing", 1) and states["2026-01"] == ("on_time", 0)
    assert states["2025-12"] == ("late", 10) and states["2024-03"] == ("on_time", 0) and "2024-02" not in states
    assert (row.finance_tally.on_time, row.finance_tally.late, row.finance_tally.missing) == (2, 1, 21)
    assert row.general[0].state == "on_time" and row.general[1].state == "missing"

    # The admin calendar's figures, from its own code, agree with the public page's.
    (admin,) = calendar_rows([village], TODAY)
    for public, own in ((row.finance_status, admin.finance), (row.general_status, admin.general)):
        assert (public.period, public.due, public.published, public.overdue) == (
            own.period,
            own.due,
            own.published,
            own.overdue,
        )
    assert (row.finance[0].state == "missing") == (not admin.finance.published and admin.finance.overdue)

    with frozen(TODAY):
        html = client.get(reverse("supervision:village_calendar", args=[village.code])).content.decode()
        county = client.get(reverse("supervision:county_calendar")).content.decode()
    assert "2024-03" in html and "2024-02" not in html
    assert f"{reverse('supervision:new_complaint', args=[village.code])}?kind=missing&amp;period=2025-11" in html
    assert "<script" not in html.split("<main", 1)[-1].split("</main>")[0]
    assert "东山村" in county and reverse("supervision:village_calendar", args=[village.code]) in county


def test_unknown_village_is_404(client, village):
    assert client.get(reverse("supervision:village_calendar", args=["nowhere"])).status_code == 404


@pytest.mark.parametrize("language", ["zh-hans", "zh-hant", "en"])
def test_in_three_languages(client, village, language):
    from django.utils import translation

    with translation.override(language), frozen(TODAY):
        response = client.get(reverse("supervision:village_calendar", args=[village.code]))
    assert response.status_code == 200
    expected = {"zh-hans": "月度财务公开", "zh-hant": "月度財務公開", "en": "Monthly financial notices"}[language]
    assert expected in response.content.decode()


def _queries(client, url) -> int:
    with CaptureQueriesContext(connection) as captured, frozen(TODAY):
        assert client.get(url).status_code == 200
    return len(captured)


def test_query_count_is_constant_in_the_number_of_notices(client, village, add_notice, make_village):
    village_url = reverse("supervision:village_calendar", args=[village.code])
    county_url = reverse("supervision:county_calendar")
    _queries(client, village_url)  # warm the site and locale lookups
    few_village, few_county = _queries(client, village_url), _queries(client, county_url)
    for month in range(1, 13):
        add_notice("month", 2025, month, datetime.date(2025, month, 28))
    for quarter in range(1, 5):
        add_notice("quarter", 2025, quarter, datetime.date(2025, 3 * quarter, 28), financial=False)
    make_village(code="xihe", name="西河村")
    assert _queries(client, village_url) == few_village
    assert _queries(client, county_url) == few_county
    assert few_village <= 12 and few_county <= 12
