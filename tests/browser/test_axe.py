"""axe-core on every public page type: phone and desktop, normal and elder mode, WCAG 2.1 A/AA.

Zero serious or critical violations allowed. One browser context per combination walks all pages, so a
failure lists every page that broke rather than stopping at the first.
"""

import pytest

from .a11y import CONSULTATION_OPEN, CONSULTATION_VOTING, axe_violations, describe, public_pages, sign_in
from .conftest import DESKTOP, NOTICE, PHONE, NewPage

pytestmark = pytest.mark.browser

VIEWPORTS = [pytest.param(PHONE, id="390x844"), pytest.param(DESKTOP, id="1280x800")]
MODES = [pytest.param(False, id="normal"), pytest.param(True, id="elder")]


@pytest.mark.parametrize("elder", MODES)
@pytest.mark.parametrize("viewport", VIEWPORTS)
def test_public_pages_have_no_serious_violations(new_page: NewPage, viewport: dict[str, int], elder: bool) -> None:
    page = new_page(viewport, elder=elder)
    failures = []
    for path in public_pages(page):
        response = page.goto(path)
        assert response is not None
        expected = 404 if "no-such-page" in path else 200
        assert response.status == expected, f"{path} answered {response.status}"
        failures += [describe(path, found)] if (found := axe_violations(page)) else []
    assert not failures, "axe-core found serious or critical WCAG 2.1 AA violations:\n" + "\n".join(failures)


@pytest.mark.parametrize("elder", MODES)
@pytest.mark.parametrize("viewport", VIEWPORTS)
def test_resident_forms_have_no_serious_violations(new_page: NewPage, viewport: dict[str, int], elder: bool) -> None:
    """The pages a signed-in resident fills in: proposal, comment, ballot, question, request."""
    page = new_page(viewport, elder=elder)
    sign_in(page)
    page.goto(CONSULTATION_OPEN)
    proposal_form = page.locator("a[href*='/proposals/new/']").first.get_attribute("href")
    assert proposal_form, "the open consultation offers no proposal form to a verified resident"
    paths = [
        CONSULTATION_OPEN,
        CONSULTATION_VOTING,
        proposal_form,
        NOTICE,
        "/zh-hans/requests/dongshan/new/",
        "/zh-hans/accounts/profile/",
    ]
    failures = []
    for path in paths:
        response = page.goto(path)
        assert response is not None and response.status == 200, f"{path} answered {response and response.status}"
        failures += [describe(path, found)] if (found := axe_violations(page)) else []
    assert not failures, "axe-core found serious or critical WCAG 2.1 AA violations:\n" + "\n".join(failures)
