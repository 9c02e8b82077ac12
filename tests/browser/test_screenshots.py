"""Screenshots for a human to look at (tests/browser/artifacts/, not committed)."""

from pathlib import Path

import pytest

from .conftest import PHONE, VILLAGE, NewPage

pytestmark = pytest.mark.browser

PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"


@pytest.mark.parametrize("elder", [pytest.param(False, id="normal"), pytest.param(True, id="elder")])
def test_village_page_on_a_phone(new_page: NewPage, artifacts: Path, elder: bool) -> None:
    page = new_page(PHONE, elder=elder)
    page.goto(VILLAGE)
    assert page.evaluate("document.documentElement.classList.contains('elder')") == elder

    target = artifacts / f"village-390-{'elder' if elder else 'normal'}.png"
    target.unlink(missing_ok=True)  # a stale file from an earlier run must not pass for this one
    page.screenshot(path=target, full_page=True)
    assert target.read_bytes()[:8] == PNG_SIGNATURE
