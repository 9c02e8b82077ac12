"""Notices in a real browser: the finance table and chart, the urgent banner, the archive, on a phone."""

from pathlib import Path

import pytest

from .conftest import PHONE, VILLAGE, NewPage
from .helpers import follow, horizontal_overflow

pytestmark = pytest.mark.browser

NOTICES = "/zh-hans/dongshan/notices/"
FINANCE = "/zh-hans/dongshan/notices/finance-2026-10/"
SUBSIDY = "/zh-hans/dongshan/notices/subsidy-list-2026/"


@pytest.mark.parametrize("elder", [pytest.param(False, id="normal"), pytest.param(True, id="elder")])
def test_finance_notice_on_a_phone_without_javascript(new_page: NewPage, artifacts: Path, elder: bool) -> None:
    page = new_page(PHONE, javascript=False, elder=elder)
    response = page.goto(FINANCE)
    assert response is not None and response.status == 200
    assert page.locator(".finance-balance").first.inner_text().strip() != ""
    assert page.locator(".finance-chart svg rect").count() >= 4
    scroll_width, inner_width = horizontal_overflow(page)
    assert scroll_width <= inner_width
    # The chart is drawn by the server and is visible with scripts off.
    box = page.locator(".finance-chart svg").bounding_box()
    assert box is not None and box["width"] > 100 and box["height"] > 50
    target = artifacts / f"notice-finance-390-{'elder' if elder else 'normal'}.png"
    target.unlink(missing_ok=True)
    page.screenshot(path=target, full_page=True)


def test_urgent_banner_on_the_village_page_and_notices(new_page: NewPage, artifacts: Path) -> None:
    page = new_page(PHONE, javascript=False)
    for path in (VILLAGE, NOTICES):
        page.goto(path)
        banner = page.locator(".urgent-banner")
        assert banner.count() == 1, path
        assert "停水" in banner.inner_text()
        link = banner.locator("a").first.bounding_box()
        assert link is not None and link["height"] >= 44
    target = artifacts / "notices-index-390.png"
    target.unlink(missing_ok=True)
    page.screenshot(path=target, full_page=True)


def test_people_list_is_masked_in_the_browser(new_page: NewPage) -> None:
    page = new_page(PHONE, javascript=False)
    page.goto(SUBSIDY)
    text = page.locator(".people-list").inner_text()
    assert "王*华" in text and "4201**********1234" in text and "138****5678" in text
    assert "王建华" not in text


def test_archive_filters_work_without_javascript(new_page: NewPage) -> None:
    page = new_page(PHONE, javascript=False)
    page.goto(NOTICES + "archive/")
    page.select_option("#archive-category", "finance")
    follow(page, ".archive-filter button")
    assert "category=finance" in page.url
    assert page.locator(".notice-list .card").count() >= 1
