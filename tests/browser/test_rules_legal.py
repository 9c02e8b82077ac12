"""Village rules, the legal-services directory and the quiz in a real browser, without JavaScript."""

from pathlib import Path

import pytest

from .conftest import PHONE, RULES, NewPage
from .helpers import follow, horizontal_overflow, low_contrast, small_targets

pytestmark = pytest.mark.browser

DIRECTORY = "/zh-hans/legal-aid/"
QUIZ_ARTICLE = "/zh-hans/legal-education/land-transfer-contract/"
MODES = [pytest.param(False, 44, 4.5, id="normal"), pytest.param(True, 60, 7.0, id="elder")]


@pytest.mark.parametrize(("elder", "target", "contrast"), MODES)
def test_compare_two_versions_without_javascript(
    new_page: NewPage, artifacts: Path, elder: bool, target: int, contrast: float
) -> None:
    page = new_page(PHONE, javascript=False, elder=elder)
    page.goto(RULES)
    assert page.locator(".rules-article").first.inner_text().startswith("第一条")
    page.screenshot(path=artifacts / f"rules-390-{'elder' if elder else 'normal'}.png", full_page=True)

    follow(page, page.get_by_role("button", name="查看改了哪些地方"))

    assert "/rules/compare/?from=" in page.url
    assert page.locator("main del").count() > 0 and page.locator("main ins").count() > 0
    assert "删去：" in page.locator("main del").first.text_content()
    assert horizontal_overflow(page)[0] <= PHONE["width"]
    assert not small_targets(page, target, "main button, main select, main .more-link a")
    assert not low_contrast(page, "main ins, main del, .diff-kind", contrast)
    page.screenshot(path=artifacts / f"rules-compare-390-{'elder' if elder else 'normal'}.png", full_page=True)


@pytest.mark.parametrize(("elder", "target", "contrast"), MODES)
def test_directory_filter_without_javascript(
    new_page: NewPage, artifacts: Path, elder: bool, target: int, contrast: float
) -> None:
    page = new_page(PHONE, javascript=False, elder=elder)
    page.goto(DIRECTORY)
    page.select_option("#filter-village", "nangang")
    page.select_option("#filter-kind", "village_adviser")
    follow(page, page.get_by_role("button", name="查看"))

    assert "village=nangang" in page.url and "kind=village_adviser" in page.url
    names = page.locator(".legal-contact h2").all_inner_texts()
    assert names == ["杨静律师（河南信合律师事务所柳溪分所）"]
    assert page.locator('.legal-contact a[href^="tel:"]').count() == 1
    assert horizontal_overflow(page)[0] <= PHONE["width"]
    assert not small_targets(page, target, "main button, main select, .legal-contact a")
    assert not low_contrast(page, "main *", contrast)
    page.goto(DIRECTORY + "?kind=nosuch")
    assert page.locator(".form-error").inner_text().startswith("“nosuch”")
    page.screenshot(path=artifacts / f"directory-390-{'elder' if elder else 'normal'}.png", full_page=True)


TARGETS = [pytest.param(False, 44, id="normal"), pytest.param(True, 60, id="elder")]


@pytest.mark.parametrize(("elder", "target"), TARGETS)
def test_quiz_without_javascript(new_page: NewPage, artifacts: Path, elder: bool, target: int) -> None:
    page = new_page(PHONE, javascript=False, elder=elder)
    page.goto(QUIZ_ARTICLE)
    assert not small_targets(page, target, "main .choice, main button")
    page.locator('input[name="q1"][value="0"]').check()
    page.locator('input[name="q2"][value="0"]').check()
    follow(page, page.get_by_role("button", name="交卷看答案"))

    assert "共 3 题，您答对了 1 题。" in page.locator(".quiz-score").inner_text()
    assert "有 1 题没有作答。" in page.locator(".quiz-score").inner_text()
    assert page.locator(".quiz-explanation").count() == 3
    assert horizontal_overflow(page)[0] <= PHONE["width"]
    page.screenshot(path=artifacts / f"quiz-390-{'elder' if elder else 'normal'}.png", full_page=True)
