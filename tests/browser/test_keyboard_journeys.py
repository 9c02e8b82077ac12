"""Keyboard-only journeys: sign in, read a notice, comment, support a proposal, vote.

Only Tab, Shift+Tab, Enter, Space and typing; no clicks. At every stop of focus the focused element must
show a visible indicator (an outline or a box shadow, as computed by the browser) and be on screen.
"""

import pytest
from playwright.sync_api import Page

from .a11y import CONSULTATION_OPEN, CONSULTATION_VOTING
from .conftest import DESKTOP, PHONE, VILLAGE, NewPage
from .helpers import active_element, px

pytestmark = pytest.mark.browser

VIEWPORTS = [pytest.param(PHONE, id="phone"), pytest.param(DESKTOP, id="desktop")]
MAX_TABS = 250


def assert_focus_visible(page: Page) -> dict:
    focused = active_element(page)
    assert focused["tag"] != "body", "focus was lost (it is on body)"
    outlined = focused["outlineStyle"] != "none" and px(focused["outlineWidth"]) >= 2
    shadowed = focused["boxShadow"] not in ("none", "")
    assert outlined or shadowed, f"no visible focus indicator on {focused['html']}"
    inside = focused["bottom"] > 0 and focused["top"] < focused["viewportHeight"] and focused["width"] > 0
    assert inside, f"the focused element is off screen: {focused['html']}"
    return focused


def tab_to(page: Page, selector: str) -> None:
    """Press Tab until the focused element matches selector, checking the focus indicator at every stop."""
    for _ in range(MAX_TABS):
        page.keyboard.press("Tab")
        assert_focus_visible(page)
        if page.evaluate("(s) => document.activeElement.matches(s)", selector):
            return
    pytest.fail(f"{MAX_TABS} presses of Tab never reached {selector}")


def enter_and_wait(page: Page) -> None:
    """Press Enter on a form's button and wait for the page the form leads to."""
    with page.expect_navigation():
        page.keyboard.press("Enter")
    page.wait_for_load_state()


def sign_in_by_keyboard(page: Page) -> None:
    page.goto(VILLAGE)
    tab_to(page, ".site-header a[href*='/accounts/login/']")
    page.keyboard.press("Enter")
    page.wait_for_url("**/accounts/login/**")
    tab_to(page, "input[name=login]")
    page.keyboard.type("resident")
    tab_to(page, "input[name=password]")
    page.keyboard.type("changeme")
    tab_to(page, "main form button[type=submit]")
    page.keyboard.press("Enter")
    page.wait_for_url(lambda url: "/accounts/login/" not in url)
    assert page.locator(".site-header a[href*='/accounts/profile/']").count() == 1


@pytest.mark.parametrize("viewport", VIEWPORTS)
def test_sign_in_and_read_a_notice(new_page: NewPage, viewport: dict[str, int]) -> None:
    page = new_page(viewport)
    sign_in_by_keyboard(page)

    page.goto(VILLAGE)
    tab_to(page, "a.tile[href$='/notices/']")
    page.keyboard.press("Enter")
    page.wait_for_url("**/dongshan/notices/")
    # The first notice listed (the list changes with the date: pinned and urgent notices come first).
    first = page.locator("main .card-link[href*='/notices/']").first.get_attribute("href")
    tab_to(page, f"main a[href='{first}']")
    page.keyboard.press("Enter")
    page.wait_for_url(f"**{first}")
    assert page.locator("article h1").inner_text()


def test_comment_and_support_a_proposal(new_page: NewPage) -> None:
    page = new_page(PHONE)
    sign_in_by_keyboard(page)

    page.goto(CONSULTATION_OPEN)
    comment = "路灯建议装在村口和学校门口，晚上接孩子方便。"
    tab_to(page, "#new-comment")
    page.keyboard.type(comment)
    tab_to(page, "#comments form:has(#new-comment) button[type=submit]")
    enter_and_wait(page)
    shown = page.locator("#comments").get_by_text(comment).count()
    assert shown >= 1, "the comment typed with the keyboard is not shown"

    page.goto(CONSULTATION_OPEN)
    first = page.locator("#proposals article.proposal").first
    proposal_id = first.get_attribute("id")
    before = first.locator(".meta").first.inner_text()
    tab_to(page, f"#{proposal_id} form.inline-form button:not([name=withdraw])")
    enter_and_wait(page)
    after = page.locator(f"#{proposal_id} .meta").first.inner_text()
    message = page.locator(".messages").inner_text() if page.locator(".messages").count() else ""
    assert after != before or message, "pressing Enter on 支持 changed nothing"
    assert_focus_visible_after_load(page)


def assert_focus_visible_after_load(page: Page) -> None:
    """After a form posts and the page reloads, the next Tab still lands on something visibly focused."""
    page.keyboard.press("Tab")
    assert_focus_visible(page)


def test_vote(new_page: NewPage) -> None:
    page = new_page(PHONE)
    sign_in_by_keyboard(page)

    page.goto(CONSULTATION_VOTING)
    ballot = page.locator(".ballot:has(form button[type=submit])").first
    form_id = ballot.get_attribute("id")
    assert form_id, "the voting consultation has no ballot a verified resident can cast"
    tab_to(page, f"#{form_id} input[name=option]")
    page.keyboard.press("Space")
    assert page.evaluate("document.activeElement.checked"), "Space did not choose the option"
    tab_to(page, f"#{form_id} button[type=submit]")
    enter_and_wait(page)
    assert page.locator(".message-success").count() == 1, "casting a vote with the keyboard was not confirmed"
    assert_focus_visible_after_load(page)
