"""Elder mode (适老化) switched with a plain link, as on a phone with JavaScript off or an old browser."""

from urllib.parse import parse_qs, urlsplit

import pytest
from playwright.sync_api import Page

from .conftest import NOTICE, PHONE, VILLAGE, NewPage
from .helpers import body_text, small_targets

pytestmark = pytest.mark.browser

# The brief for elder mode (DOMAIN.md §6) asks 60px of the page chrome and the tiles.
ELDER_TARGETS = ".site-header a, .site-header button, .site-footer a, .site-footer button, .tile"


def path_of(page: Page) -> str:
    return urlsplit(page.url).path


def is_elder(page: Page) -> bool:
    return page.evaluate("document.documentElement.classList.contains('elder')")


def toggle(page: Page, state: str) -> None:
    """Follow the header's elder-mode link, after checking it goes to the switch and comes back here."""
    link = page.locator(".site-header a.elder-toggle")
    href = urlsplit(link.get_attribute("href") or "")
    here = path_of(page)
    assert href.path == f"/zh-hans/elder-mode/{state}/", f"the header link goes to {href.path}"
    assert parse_qs(href.query).get("next") == [here], f"the header link does not come back to {here}"
    link.click()
    page.wait_for_load_state()


def test_switch_on_remember_and_off_without_javascript(new_page: NewPage) -> None:
    page = new_page(PHONE, javascript=False)
    page.goto(VILLAGE)
    assert not is_elder(page), "a new visitor starts in elder mode"

    toggle(page, "on")
    assert path_of(page) == VILLAGE, "the switch did not bring the resident back to the page they were on"
    assert is_elder(page), "html has no 'elder' class after switching elder mode on"

    # The choice is a cookie, so later pages keep it without an account.
    page.goto(NOTICE)
    assert is_elder(page), "elder mode was forgotten on the next page"

    toggle(page, "off")
    assert path_of(page) == NOTICE
    assert not is_elder(page), "the header link did not switch elder mode off"


def test_elder_mode_text_and_targets(new_page: NewPage) -> None:
    page = new_page(PHONE, javascript=False)
    page.goto(VILLAGE)
    normal_size, _ = body_text(page)
    toggle(page, "on")
    assert is_elder(page)

    font_size, line_height = body_text(page)
    assert font_size >= 22, f"body text is {font_size}px in elder mode, the minimum is 22px"
    assert font_size > normal_size, "elder mode does not enlarge the text"
    assert line_height >= 1.5 * font_size, f"line height {line_height}px is under 1.5 x {font_size}px"
    too_small = small_targets(page, 60, ELDER_TARGETS)
    assert not too_small, "targets under 60x60px in elder mode:\n" + "\n".join(
        f"{t['width']:.1f}x{t['height']:.1f} {t['html']}" for t in too_small
    )
