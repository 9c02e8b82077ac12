"""The header search box and the search page in a real browser, without JavaScript, at phone widths."""

from pathlib import Path

import pytest

from .conftest import VILLAGE, NewPage
from .helpers import follow, horizontal_overflow, small_targets

pytestmark = pytest.mark.browser

MODES = [pytest.param(False, 44, id="normal"), pytest.param(True, 60, id="elder")]
WIDTHS = [pytest.param(320, id="320"), pytest.param(390, id="390")]


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize(("elder", "target"), MODES)
def test_search_from_the_header_without_javascript(
    new_page: NewPage, artifacts: Path, width: int, elder: bool, target: int
) -> None:
    page = new_page({"width": width, "height": 800}, javascript=False, elder=elder)
    page.goto(VILLAGE)
    box = page.locator(".site-search input[name=q]")
    assert box.bounding_box()["height"] >= target - 0.5
    assert not small_targets(page, target, ".site-search button")
    assert horizontal_overflow(page)[0] <= width
    mode = "elder" if elder else "normal"
    page.screenshot(path=artifacts / f"search-header-{width}-{mode}.png")

    box.fill("村規民約")  # Traditional query, Simplified pages
    follow(page, ".site-search button")

    assert "/zh-hans/search/?q=" in page.url
    results = page.locator(".search-results .card-link")
    assert results.count() > 0
    assert any("/rules/" in (results.nth(i).get_attribute("href") or "") for i in range(results.count()))
    assert page.locator(".search-results mark").count() > 0
    assert horizontal_overflow(page)[0] <= width
    assert not small_targets(page, target, "main button, main select, main .card-link, .search-suggestion")
    page.screenshot(path=artifacts / f"search-results-{width}-{mode}.png", full_page=True)


@pytest.mark.parametrize(("elder", "target"), MODES)
def test_search_page_with_filters_pages_and_a_proposal_at_phone_width(
    new_page: NewPage, artifacts: Path, elder: bool, target: int
) -> None:
    width = 320
    page = new_page({"width": width, "height": 800}, javascript=False, elder=elder)
    page.goto("/zh-hans/search/?q=无障碍坡道")
    proposal = page.locator(".search-results .card-link", has_text="增加无障碍坡道")
    assert "#proposal-" in (proposal.first.get_attribute("href") or "")

    page.goto("/zh-hans/search/?q=村民&village=dongshan")
    results = page.locator(".search-results .card-link")
    assert 0 < results.count() <= 10
    assert page.locator("#search-village").input_value() == "dongshan"  # the filter stays chosen
    assert horizontal_overflow(page)[0] <= width
    selectors = "main button, main select, main input, main .card-link, .pagination a"
    assert not small_targets(page, target, selectors)
    mode = "elder" if elder else "normal"
    page.screenshot(path=artifacts / f"search-filters-{width}-{mode}.png", full_page=True)
    if page.locator(".pagination a").count():  # the next page keeps the filters
        follow(page, page.locator(".pagination a").last)
        assert "village=dongshan" in page.url and "page=2" in page.url
        assert page.locator(".search-results .card-link").count() > 0
        assert horizontal_overflow(page)[0] <= width
