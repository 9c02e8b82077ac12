"""Resident requests in a real browser: the public list with its filters (no JavaScript), on a phone, both modes."""

from pathlib import Path

import pytest

from .conftest import PHONE, VILLAGE, NewPage
from .helpers import follow, horizontal_overflow

pytestmark = pytest.mark.browser

LIST = "/zh-hans/requests/dongshan/"


@pytest.mark.parametrize("elder", [pytest.param(False, id="normal"), pytest.param(True, id="elder")])
def test_public_request_list_on_a_phone(new_page: NewPage, artifacts: Path, elder: bool) -> None:
    page = new_page(PHONE, javascript=False, elder=elder)
    response = page.goto(LIST)
    assert response is not None and response.status == 200
    assert page.locator(".grid-requests .card").count() >= 5
    scroll_width, inner_width = horizontal_overflow(page)
    assert scroll_width <= inner_width
    button = page.locator(".archive-filter button").bounding_box()
    assert button is not None and button["height"] >= (60 if elder else 44)
    target = artifacts / f"grid-requests-390-{'elder' if elder else 'normal'}.png"
    target.unlink(missing_ok=True)
    page.screenshot(path=target, full_page=True)


def test_filters_work_without_javascript(new_page: NewPage) -> None:
    page = new_page(PHONE, javascript=False)
    page.goto(LIST)
    page.select_option("#status", "closed")
    follow(page, ".archive-filter button")
    assert "status=closed" in page.url
    states = page.locator(".grid-requests .state").all_inner_texts()
    assert states and set(states) == {"已办结"}


def test_grid_workers_on_the_village_page(new_page: NewPage) -> None:
    page = new_page(PHONE, javascript=False)
    page.goto(VILLAGE)
    section = page.locator(".village-grids")
    assert "网格员" in section.inner_text()
    assert section.locator("a[href^='tel:']").count() >= 2
    link = section.locator(".link-list a").first.bounding_box()
    assert link is not None and link["height"] >= 44
