"""The council page and a meeting record in a real browser: on a phone, elder mode, and printed on A4."""

from pathlib import Path

import pytest

from .conftest import PHONE, NewPage
from .helpers import follow, horizontal_overflow, small_targets

pytestmark = pytest.mark.browser

COUNCIL = "/zh-hans/dongshan/council/"


@pytest.mark.parametrize("elder", [pytest.param(False, id="normal"), pytest.param(True, id="elder")])
def test_council_page_and_meeting_record_on_a_phone(new_page: NewPage, artifacts: Path, elder: bool) -> None:
    page = new_page(PHONE, javascript=False, elder=elder)
    response = page.goto(COUNCIL)
    assert response is not None and response.status == 200
    assert "张国强" in page.locator(".roster").first.inner_text()
    scroll_width, inner_width = horizontal_overflow(page)
    assert scroll_width <= inner_width
    minimum = 60 if elder else 44
    assert not small_targets(page, minimum, ".meeting-list a, .exports a, .past-terms summary")
    mode = "elder" if elder else "normal"
    target = artifacts / f"council-390-{mode}.png"
    target.unlink(missing_ok=True)
    page.screenshot(path=target, full_page=True)

    follow(page, "text=2026年第三次理事会会议")
    explanations = page.locator(".explanation").all_inner_texts()
    assert "有效：到会 9 人 ≥ 应到 11 人的三分之二；通过：赞成 7 票，超过到会 9 人的半数" in explanations
    assert any("建议，需提交村民会议决定" in text for text in explanations)
    scroll_width, inner_width = horizontal_overflow(page)
    assert scroll_width <= inner_width
    target = artifacts / f"council-meeting-390-{mode}.png"
    target.unlink(missing_ok=True)
    page.screenshot(path=target, full_page=True)


def test_invalid_meeting_says_why(new_page: NewPage) -> None:
    page = new_page(PHONE, javascript=False)
    page.goto(COUNCIL)
    follow(page, "text=2026年第二次理事会会议")
    text = page.locator(".explanation").first.inner_text()
    assert "无效：到会 6 人，不足应到 11 人的三分之二（需 8 人）" in text


def test_minutes_print_on_a4_with_signature_lines(new_page: NewPage, artifacts: Path) -> None:
    page = new_page(PHONE, javascript=False)
    page.goto(COUNCIL)
    follow(page, "text=2026年第三次理事会会议")
    assert not page.locator(".signature-lines").is_visible()
    page.emulate_media(media="print")
    assert page.locator(".signature-lines").is_visible()
    assert not page.locator(".site-header").is_visible()
    target = artifacts / "council-minutes-a4.pdf"
    target.unlink(missing_ok=True)
    page.pdf(path=str(target), format="A4")
    assert target.stat().st_size > 1000
