"""Full keyboard operation: the skip link comes first and works, focus is always visible."""

import contextlib

import pytest
from playwright.sync_api import Error as PlaywrightError

from .conftest import DESKTOP, PHONE, VILLAGE, NewPage
from .helpers import active_element, px

pytestmark = pytest.mark.browser

VIEWPORTS = [pytest.param(PHONE, id="phone"), pytest.param(DESKTOP, id="desktop")]


@pytest.mark.parametrize("viewport", VIEWPORTS)
def test_skip_link_is_first_and_moves_focus_to_main(new_page: NewPage, viewport: dict[str, int]) -> None:
    page = new_page(viewport)
    page.goto(VILLAGE)

    page.keyboard.press("Tab")
    focused = active_element(page)
    assert "skip-link" in focused["className"].split(), f"the first Tab focused {focused['html']}"
    # Parked off-screen until focused; a sighted keyboard user must then see it.
    on_screen = (
        focused["width"] > 0
        and focused["left"] >= 0
        and focused["top"] >= 0
        and focused["right"] <= focused["viewportWidth"]
        and focused["bottom"] <= focused["viewportHeight"]
    )
    assert on_screen, f"the focused skip link is off screen: {focused}"

    page.keyboard.press("Enter")
    # Focus moves with the fragment navigation; if it never does, the assertion below says where it went.
    with contextlib.suppress(PlaywrightError):
        page.wait_for_function("document.activeElement && document.activeElement.id === 'main'", timeout=3_000)
    focused = active_element(page)
    assert focused["tag"] == "main", f"Enter on the skip link left focus on {focused['html']}"


def test_header_links_show_focus(new_page: NewPage) -> None:
    page = new_page(PHONE)
    page.goto(VILLAGE)
    for _ in range(10):
        page.keyboard.press("Tab")
        focused = active_element(page)
        if focused["inHeader"]:
            break
    else:
        pytest.fail("ten presses of Tab never reached a header link")

    outlined = focused["outlineStyle"] != "none" and px(focused["outlineWidth"]) > 0
    shadowed = focused["boxShadow"] != "none"
    assert outlined or shadowed, f"no visible focus indicator on {focused['html']}: {focused}"
