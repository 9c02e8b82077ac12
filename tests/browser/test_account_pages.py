"""Sign-up, sign-in and the profile in a real browser, at phone width, normal and elder mode, without JS."""

from pathlib import Path

import pytest

from .conftest import PHONE, NewPage
from .helpers import follow

pytestmark = pytest.mark.browser


def _no_horizontal_scroll(page) -> bool:
    return page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")


@pytest.mark.parametrize("elder", [pytest.param(False, id="normal"), pytest.param(True, id="elder")])
def test_sign_in_by_phone_and_see_the_profile_without_javascript(new_page: NewPage, artifacts: Path, elder: bool):
    page = new_page(PHONE, javascript=False, elder=elder)
    page.goto("/zh-hans/accounts/login/")
    assert _no_horizontal_scroll(page)
    page.screenshot(path=artifacts / f"login-390-{'elder' if elder else 'normal'}.png", full_page=True)
    page.fill("input[name=login]", "100 0000 0001")  # the demo resident's fake number
    page.fill("input[name=password]", "wrong")
    follow(page, "form.account-form button[type=submit]")
    assert "手机号或密码不对" in page.content()
    page.fill("input[name=login]", "100 0000 0001")
    page.fill("input[name=password]", "changeme")
    follow(page, "form.account-form button[type=submit]")

    page.goto("/zh-hans/accounts/profile/")
    assert page.locator("h1").inner_text() == "我的账号"
    body = page.content()
    assert "东山村" in body and "100****0001" in body and "10000000001" not in body
    assert _no_horizontal_scroll(page)
    page.screenshot(path=artifacts / f"profile-390-{'elder' if elder else 'normal'}.png", full_page=True)
    # Tap targets of the account links are at least the CSS target size.
    minimum = 60 if elder else 44
    height = page.locator(".header-tools a.account-link").bounding_box()["height"]
    assert height >= minimum


def test_unverified_resident_is_told_how_to_get_verified(new_page: NewPage, artifacts: Path):
    page = new_page(PHONE, javascript=False)
    page.goto("/zh-hans/accounts/login/")
    page.fill("input[name=login]", "newcomer")
    page.fill("input[name=password]", "changeme")
    follow(page, "form.account-form button[type=submit]")
    response = page.goto("/zh-hans/accounts/profile/take-part/dongshan/")
    assert response.status == 403
    assert "如何通过核实" in page.content()
    page.screenshot(path=artifacts / "not-verified-390.png", full_page=True)


def test_signup_form_on_a_phone(new_page: NewPage, artifacts: Path):
    page = new_page(PHONE, javascript=False)
    page.goto("/zh-hans/accounts/signup/")
    assert page.locator("select[name=village] option").count() >= 5
    assert _no_horizontal_scroll(page)
    page.screenshot(path=artifacts / "signup-390.png", full_page=True)
