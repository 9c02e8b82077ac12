"""Readable on an old phone and on the committee's desktop: no sideways scrolling, large text, big targets."""

import pytest

from .conftest import DESKTOP, PAGES, PHONE, NewPage
from .helpers import body_text, horizontal_overflow, small_targets

pytestmark = pytest.mark.browser

# 320px is the narrowest phone still in use (DESIGN: responsive from 320 px).
VIEWPORTS = [
    pytest.param({"width": 320, "height": 640}, id="small-phone"),
    pytest.param(PHONE, id="phone"),
    pytest.param(DESKTOP, id="desktop"),
]


@pytest.mark.parametrize("path", PAGES)
@pytest.mark.parametrize("viewport", VIEWPORTS)
def test_page_is_readable_and_tappable(new_page: NewPage, viewport: dict[str, int], path: str) -> None:
    page = new_page(viewport)
    response = page.goto(path)
    assert response is not None, f"no response for {path}"
    assert response.status == 200, f"{path} answered {response.status}"

    # Every check is collected before failing, so one broken rule does not hide the others.
    problems: list[str] = []

    # The URL's language prefix is the page's language, which screen readers and read-aloud rely on.
    lang = page.evaluate("document.documentElement.lang")
    if lang != path.split("/")[1]:
        problems.append(f"<html lang={lang!r}> on {path}")

    scroll_width, inner_width = horizontal_overflow(page)
    if scroll_width > inner_width:
        problems.append(f"scrolls sideways: {scroll_width}px of content in a {inner_width}px window")

    font_size, line_height = body_text(page)
    if font_size < 18:
        problems.append(f"body text is {font_size}px, the minimum is 18px")
    if line_height < 1.5 * font_size:
        problems.append(f"line height {line_height}px is under 1.5 x {font_size}px")

    problems += [
        f"target {t['width']:.1f}x{t['height']:.1f}px under 44x44px: {t['html']}" for t in small_targets(page, 44)
    ]

    assert not problems, f"{path} at {viewport['width']}px:\n" + "\n".join(problems)
