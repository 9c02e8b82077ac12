"""Shared pieces of the accessibility tests: the page list, axe-core, signing in, page weight."""

import gzip
import time
from pathlib import Path
from typing import Any, TypedDict

import axe_playwright_python
from playwright.sync_api import Page

from .conftest import LEGAL_ARTICLE, NOTICE, PORTAL_HOME, RULES, VILLAGE

# axe-core as shipped inside the pinned axe-playwright-python wheel (requirements-dev.txt): installed
# with the project, never fetched while the tests run.
AXE_JS = Path(axe_playwright_python.__file__).with_name("axe.min.js")
# WCAG 2.1 level A and AA, as GB/T 37668-2019 asks (DOMAIN.md §6).
AXE_OPTIONS = {
    "runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]},
    "resultTypes": ["violations"],
}
BLOCKING = {"serious", "critical"}

COUNCIL = "/zh-hans/dongshan/council/"
CONSULTATION_OPEN = "/zh-hans/dongshan/consultations/culture-square-2026/"
CONSULTATION_VOTING = "/zh-hans/dongshan/consultations/water-fee-2026/"
CONSULTATION_RESULTS = "/zh-hans/dongshan/consultations/road-lights-2025/"
PHOTO_NOTICE = "/zh-hans/dongshan/notices/affairs-2026-q3/"

# Every public page type, as an anonymous resident meets it. The council meeting's address depends
# on database ids, so it is found from the council page (see public_pages).
PUBLIC_PAGES = [
    PORTAL_HOME,
    VILLAGE,
    "/zh-hans/dongshan/notices/",
    NOTICE,
    PHOTO_NOTICE,
    "/zh-hans/dongshan/notices/archive/",
    RULES,
    "/zh-hans/legal-aid/",
    "/zh-hans/legal-education/",
    LEGAL_ARTICLE,
    "/zh-hans/dongshan/consultations/",
    CONSULTATION_OPEN,
    CONSULTATION_VOTING,
    CONSULTATION_RESULTS,
    COUNCIL,
    "/zh-hans/requests/dongshan/",
    "/zh-hans/search/?q=%E6%9D%91%E8%A7%84",
    "/zh-hans/accounts/login/",
    "/zh-hans/accounts/signup/",
    "/zh-hans/no-such-page/",
]


class Violation(TypedDict):
    id: str
    impact: str
    help: str
    nodes: list[dict[str, Any]]


def meeting_url(page: Page) -> str:
    """A council meeting's address, taken from the council page's list of meetings."""
    page.goto(COUNCIL)
    href = page.locator("a[href*='/meetings/']").first.get_attribute("href")
    assert href, "the council page lists no meeting"
    return href


def public_pages(page: Page) -> list[str]:
    return [*PUBLIC_PAGES, meeting_url(page)]


def axe_violations(page: Page) -> list[Violation]:
    """Serious and critical WCAG 2.1 A/AA violations axe-core finds on the page as it is now."""
    # Evaluated through the DevTools protocol, not a <script> tag, so a strict CSP cannot block it.
    page.evaluate(AXE_JS.read_text(encoding="utf-8") + "\n;0")
    results = page.evaluate("(options) => axe.run(document, options)", AXE_OPTIONS)
    return [v for v in results["violations"] if v["impact"] in BLOCKING]


def describe(path: str, violations: list[Violation]) -> str:
    lines = []
    for violation in violations:
        lines.append(f"{path}: {violation['id']} ({violation['impact']}) {violation['help']}")
        lines += [f"    {node['html'][:160]}" for node in violation["nodes"][:5]]
    return "\n".join(lines)


def sign_in(page: Page, username: str = "resident", password: str = "changeme") -> None:  # noqa: S107  (demo account)
    """Sign in through the real form, as a resident would."""
    page.goto("/zh-hans/accounts/login/")
    page.fill("input[name=login]", username)
    page.fill("input[name=password]", password)
    page.locator("main form button[type=submit]").first.click()
    # Times out (and fails) if the sign-in form comes back instead.
    page.wait_for_url(lambda url: "/accounts/login/" not in url)
    if "/accounts/2fa/" in page.url:
        # Staff accounts have a second factor (seed_demo gives them the published demo secret): type its code.
        page.fill("input[name=code]", demo_code(username))
        page.locator("main form button[type=submit]").first.click()
        page.wait_for_url(lambda url: "/accounts/2fa/" not in url)


_USED_CODES: dict[str, int] = {}


def demo_code(username: str) -> str:
    """The current code of the demo staff accounts' authenticator, as `manage.py demo_totp` prints it. allauth
    takes each code once per account (a replayed code is refused), so a second sign-in of the same account
    within one 30-second period waits for the next code, as a person would."""
    from allauth.mfa.totp.internal.auth import format_hotp_value, hotp_value

    from residents.demo import DEMO_TOTP_SECRET

    counter = int(time.time()) // 30
    if _USED_CODES.get(username, -1) >= counter:
        time.sleep(30 - time.time() % 30 + 0.2)
        counter = int(time.time()) // 30
    _USED_CODES[username] = counter
    return format_hotp_value(hotp_value(DEMO_TOTP_SECRET, counter))


def gzipped_size(body: bytes) -> int:
    """What the body costs on the wire with gzip at the level web servers use by default."""
    return len(gzip.compress(body, compresslevel=6))
