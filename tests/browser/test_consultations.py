"""Consultations in a real browser on a phone, normal and elder mode: the closed ballot's results page, and the
author's edit and withdraw pages."""

from pathlib import Path

import pytest

from .a11y import sign_in
from .conftest import PHONE, NewPage
from .helpers import follow, horizontal_overflow, small_targets

pytestmark = pytest.mark.browser

RESULTS = "/zh-hans/dongshan/consultations/road-lights-2025/"


@pytest.mark.parametrize("elder", [pytest.param(False, id="normal"), pytest.param(True, id="elder")])
def test_results_page_on_a_phone_without_javascript(new_page: NewPage, artifacts: Path, elder: bool) -> None:
    page = new_page(PHONE, javascript=False, elder=elder)
    response = page.goto(RESULTS)
    assert response is not None and response.status == 200
    assert page.locator(".result-chart rect").count() == 3
    assert "7" in page.locator(".result-table").first.inner_text()
    assert page.locator(".timeline [aria-current=step]").count() == 1
    scroll_width, inner_width = horizontal_overflow(page)
    assert scroll_width <= inner_width
    target = artifacts / f"consultation-results-390-{'elder' if elder else 'normal'}.png"
    target.unlink(missing_ok=True)
    page.screenshot(path=target, full_page=True)


SQUARE = "/zh-hans/dongshan/consultations/culture-square-2026/"


@pytest.mark.parametrize("elder", [pytest.param(False, id="normal"), pytest.param(True, id="elder")])
def test_author_opens_edit_and_withdraw_of_their_proposal_on_a_phone(
    new_page: NewPage, artifacts: Path, elder: bool
) -> None:
    """The demo resident's proposal in the proposals phase: big edit and withdraw buttons, plain forms, no script."""
    page = new_page(PHONE, javascript=False, elder=elder)
    sign_in(page)
    page.goto(SQUARE)
    mode = "elder" if elder else "normal"
    minimum = 60 if elder else 44
    edit = page.get_by_role("link", name="修改我的意见")
    assert edit.count() == 1, "the author sees exactly one edit link, on their own proposal"
    assert not small_targets(page, minimum, "a.button-secondary")

    follow(page, edit)
    assert page.locator("input[name=title]").input_value() == "广场边加设分类垃圾桶"
    assert "广场西侧只有一个垃圾桶" in page.locator("textarea[name=text]").input_value()
    scroll_width, inner_width = horizontal_overflow(page)
    assert scroll_width <= inner_width
    assert not small_targets(page, minimum, "main button, main a.button")
    page.screenshot(path=artifacts / f"proposal-edit-390-{mode}.png", full_page=True)

    page.goto(SQUARE)
    follow(page, page.get_by_role("link", name="撤回我的意见"))
    assert page.get_by_role("button", name="是，撤回我的意见").count() == 1
    assert page.get_by_role("link", name="不，保留我的意见").count() == 1
    scroll_width, inner_width = horizontal_overflow(page)
    assert scroll_width <= inner_width
    page.screenshot(path=artifacts / f"proposal-withdraw-390-{mode}.png", full_page=True)
