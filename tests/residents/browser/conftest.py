"""The real-browser fixtures of tests/browser, for the residents' pages (own package: Playwright's event loop
must not run while the database tests of tests/residents do)."""

from tests.browser.conftest import artifacts, browser, chromium, new_page, playwright, portal  # noqa: F401
