"""The language switcher keeps the resident on the same page in the other language."""

from urllib.parse import urlsplit

import pytest

from .conftest import PHONE, VILLAGE, NewPage

pytestmark = pytest.mark.browser


def test_switch_to_english_keeps_the_page(new_page: NewPage) -> None:
    page = new_page(PHONE)
    page.goto(VILLAGE)
    assert page.evaluate("document.documentElement.lang") == "zh-hans"

    page.locator('.site-header .languages a[hreflang="en"]').click()
    page.wait_for_url("**/en/dongshan/")

    assert urlsplit(page.url).path == "/en/dongshan/"
    assert page.evaluate("document.documentElement.lang") == "en"
    # The switcher marks where the resident now is, for screen readers as well as by weight.
    current = page.locator(".site-header .languages a[aria-current]")
    assert current.get_attribute("hreflang") == "en"
