"""A rules revision collecting opinions, on a phone in elder mode without JavaScript: read, then comment."""

from pathlib import Path

import pytest

from .conftest import PHONE, NewPage
from .helpers import follow, horizontal_overflow, low_contrast, small_targets

pytestmark = pytest.mark.browser

REVISION = "/zh-hans/dongshan/rules/revision-2027/"


def test_resident_comments_on_an_article_on_a_phone_in_elder_mode(new_page: NewPage, artifacts: Path) -> None:
    page = new_page(PHONE, javascript=False, elder=True)
    page.goto("/zh-hans/accounts/login/")
    page.fill("input[name=login]", "representative")
    page.fill("input[name=password]", "changeme")
    follow(page, "form.account-form button[type=submit]")

    page.goto(REVISION)
    assert page.locator(".revision-timeline [aria-current=step]").inner_text().startswith("1.")
    assert page.locator("#article-6 .revision-comments .comment").count() >= 1  # the demo's comments
    assert page.locator("#revision-diff").count() == 1 and page.locator("main ins").count() > 0
    assert horizontal_overflow(page)[0] <= PHONE["width"]
    assert not small_targets(page, 60, "main button, main summary")
    assert not low_contrast(page, "main ins, main del, .comment-decision", 7.0)
    page.screenshot(path=artifacts / "rules-revision-390-elder.png", full_page=True)

    page.locator("#article-3 summary").click()  # <details> opens without JavaScript
    page.fill("#comment-text-3", "建议增加：村里每月组织一次看望独居老人。")
    follow(page, "#comment-form-3 button[type=submit]")

    assert page.url.endswith("#article-3")
    assert "村里每月组织一次看望独居老人" in page.locator("#article-3").inner_text()
    assert page.locator(".messages").count() == 1
    page.screenshot(path=artifacts / "rules-revision-commented-390-elder.png", full_page=True)
