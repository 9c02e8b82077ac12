"""Consultations in a real browser: the closed ballot's results page on a phone, normal and elder mode."""

from pathlib import Path

import pytest

from .conftest import PHONE, NewPage
from .helpers import horizontal_overflow

pytestmark = pytest.mark.browser

RESULTS = "/zh-hans/dongshan/consultations/road-lights-2025/"


@pytest.mark.parametrize("elder", [pytest.param(False, id="normal"), pytest.param(True, id="elder")])
def test_results_page_on_a_phone_without_javascript(new_page: NewPage, artifacts: Path, elder: bool) -> None:
    page = new_page(PHONE, javascript=False, elder=elder)
    response = page.goto(RESULTS)
    assert response is not None and response.status == 200
    assert page.locator(".result-chart rect").count() == 3
    assert "7" in page.locator(".result-table").first.inner_text()
    assert page.locator(".timeline [aria-current=step]").count() == 1
    scroll_width, inner_width = horizontal_overflow(page)
    assert scroll_width <= inner_width
    target = artifacts / f"consultation-results-390-{'elder' if elder else 'normal'}.png"
    target.unlink(missing_ok=True)
    page.screenshot(path=target, full_page=True)
