"""Elder mode (适老化) across the site, and the floor normal mode keeps, measured in the browser.

Elder mode: body text >= 22px, line height >= 1.5, body-text contrast >= 7:1, tap targets in the navigation
and forms >= 60x60px, five shortcuts instead of hunting through the page, no motion. Normal mode: >= 18px,
>= 4.5:1 and >= 44x44px. Contrast is computed from the colours the browser paints (helpers.contrasts).
"""

import pytest
from playwright.sync_api import Page

from .a11y import CONSULTATION_OPEN, CONSULTATION_VOTING, sign_in
from .conftest import LEGAL_ARTICLE, NOTICE, PHONE, PORTAL_HOME, RULES, VILLAGE, NewPage
from .helpers import body_text, low_contrast, small_targets

pytestmark = pytest.mark.browser

MODES = [
    pytest.param(False, 18, 4.5, 44, id="normal"),
    pytest.param(True, 22, 7.0, 60, id="elder"),
]
ANONYMOUS_PAGES = [
    PORTAL_HOME,
    VILLAGE,
    NOTICE,
    RULES,
    LEGAL_ARTICLE,
    "/zh-hans/legal-aid/",
    "/zh-hans/accounts/login/",
]
RESIDENT_PAGES = [CONSULTATION_OPEN, CONSULTATION_VOTING, "/zh-hans/requests/dongshan/new/"]
TEXT = "main *, .site-header *, .breadcrumbs *, .site-footer *, .elder-shortcuts *"
# Links and buttons in the navigation and every control of a form. Radio buttons and check boxes are
# tapped through their whole label (label.choice), which is the target measured for them.
TARGETS = (
    ".site-header a, .site-header button, .site-header input, .elder-shortcuts a, .breadcrumbs a, .tile, "
    "main form button, main form select, main form textarea, main a.button, "
    "main form input:not([type=hidden]):not([type=checkbox]):not([type=radio]), main form label.choice"
)


def check_page(page: Page, path: str, size: float, contrast: float, target: float) -> list[str]:
    response = page.goto(path)
    assert response is not None and response.status == 200, f"{path} answered {response and response.status}"
    problems = []
    font_size, line_height = body_text(page)
    if font_size < size:
        problems.append(f"{path}: body text {font_size}px < {size}px")
    if line_height < 1.5 * font_size:
        problems.append(f"{path}: line height {line_height}px < 1.5 x {font_size}px")
    problems += [
        f"{path}: contrast {c['ratio']:.2f} < {contrast} ({c['color']} on {c['background']}) {c['html']}"
        for c in low_contrast(page, TEXT, contrast)
    ]
    problems += [
        f"{path}: target {t['width']:.0f}x{t['height']:.0f} < {target} {t['html']}"
        for t in small_targets(page, target, TARGETS)
    ]
    return problems


@pytest.mark.parametrize(("elder", "size", "contrast", "target"), MODES)
def test_text_contrast_and_targets(new_page: NewPage, elder: bool, size: int, contrast: float, target: int) -> None:
    page = new_page(PHONE, elder=elder)
    problems = []
    for path in ANONYMOUS_PAGES:
        problems += check_page(page, path, size, contrast, target)
    sign_in(page)
    for path in RESIDENT_PAGES:
        problems += check_page(page, path, size, contrast, target)
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("path", [VILLAGE, NOTICE, "/zh-hans/legal-aid/"])
def test_elder_mode_has_five_shortcuts(new_page: NewPage, path: str) -> None:
    page = new_page(PHONE, elder=True)
    page.goto(path)
    links = page.locator(".elder-shortcuts a")
    # The five most used things, and the supervision app's sixth (the village's disclosure calendar), last.
    assert links.count() == 6, "elder mode does not offer the five most used things and the calendar"
    hrefs = [links.nth(i).get_attribute("href") for i in range(6)]
    # On a village's own pages every shortcut leads into that village, not back to the portal home.
    if path != "/zh-hans/legal-aid/":
        assert hrefs[0] == "/zh-hans/dongshan/notices/"
        assert hrefs[1] == "/zh-hans/dongshan/consultations/"
        assert hrefs[2] == "/zh-hans/requests/dongshan/new/"
        assert hrefs[5] == "/zh-hans/supervision/dongshan/calendar/"
    for href in hrefs:
        response = page.request.get(href)
        assert response.ok, f"the shortcut {href} answered {response.status}"
    # Shortcuts come straight after the header, before breadcrumbs and content.
    order = page.evaluate(
        "() => document.querySelector('.elder-shortcuts').compareDocumentPosition(document.querySelector('main'))"
    )
    assert order & 4, "the shortcuts are not before the main content"


def test_normal_mode_keeps_the_full_navigation(new_page: NewPage) -> None:
    page = new_page(PHONE)
    page.goto(VILLAGE)
    assert page.locator(".elder-shortcuts").count() == 0


def test_shortcuts_follow_the_residents_village_off_village_pages(new_page: NewPage) -> None:
    page = new_page(PHONE, elder=True)
    sign_in(page)
    page.goto("/zh-hans/legal-aid/")
    assert page.locator(".elder-shortcuts a").first.get_attribute("href") == "/zh-hans/dongshan/notices/"


MOTION_JS = """() => Array.from(document.querySelectorAll('*')).map((el) => {
    const s = getComputedStyle(el);
    const moving = s.transitionDuration.split(',').some((d) => parseFloat(d) > 0)
        || (s.animationName !== 'none' && s.animationDuration.split(',').some((d) => parseFloat(d) > 0))
        || s.scrollBehavior === 'smooth';
    return moving ? el.outerHTML.slice(0, 120) : null;
}).filter(Boolean)"""


@pytest.mark.parametrize(
    ("elder", "reduced"), [pytest.param(True, "no-preference", id="elder"), pytest.param(False, "reduce", id="reduced")]
)
def test_no_motion(new_page: NewPage, elder: bool, reduced: str) -> None:
    """Nothing moves in elder mode, nor for anyone whose system asks for reduced motion."""
    page = new_page(PHONE, elder=elder, reduced_motion=reduced)
    for path in (VILLAGE, NOTICE, CONSULTATION_OPEN):
        page.goto(path)
        page.locator("main a").first.hover()
        moving = page.evaluate(MOTION_JS)
        assert not moving, f"{path}: elements still animate:\n" + "\n".join(moving)
