"""Contrast ratios computed from the colours the browser actually paints (WCAG 2.x formula)."""

import pytest

from .conftest import NOTICE, PHONE, VILLAGE, NewPage
from .helpers import Contrast, contrasts, low_contrast

pytestmark = pytest.mark.browser

# WCAG 2.1 AA in normal mode; elder mode promises 7:1 (AAA), see the head of portal.css.
MODES = [pytest.param(False, 4.5, id="normal"), pytest.param(True, 7.0, id="elder")]


def report(found: list[Contrast], minimum: float) -> str:
    return f"contrast under {minimum}:1:\n" + "\n".join(
        f"{c['ratio']:.2f} {c['color']} on {c['background']}: {c['html']}" for c in found
    )


@pytest.mark.parametrize("path", [VILLAGE, NOTICE])
@pytest.mark.parametrize(("elder", "minimum"), MODES)
def test_text_contrast(new_page: NewPage, path: str, elder: bool, minimum: float) -> None:
    page = new_page(PHONE, elder=elder)
    page.goto(path)
    assert page.evaluate("document.documentElement.classList.contains('elder')") == elder

    # Body has no text of its own, but its colour is what every paragraph inherits.
    body = contrasts(page, "body", own_text_only=False)
    assert body[0]["ratio"] >= minimum, "body text: " + report(body, minimum)

    # Links and the white-on-red header are named separately so a failure says where to look;
    # the last selector catches any other text (muted dates, breadcrumbs, footer). A notice may
    # have no link in its body, the village page always has some.
    checks = [("main a", path == VILLAGE), (".site-header a", True), ("main *, .breadcrumbs *, .site-footer *", True)]
    for selector, required in checks:
        failing = low_contrast(page, selector, minimum, required=required)
        assert not failing, f"{selector}: " + report(failing, minimum)
